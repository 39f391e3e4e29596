"""The weekly digest: every open action a person owns, on Mondays, never twice in 7 days."""

from saferboard.actions.models import ActionReminder, ReminderKind
from tests.actions.remind import MONDAY, action_for, days, remind
from tests.factories import PersonFactory


def test_the_digest_lists_every_open_action_once_a_week(partnership_a, mailoutbox):
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    action_for(
        partnership_a, text="Send the data", owners=[{"person": kim}], due_date=MONDAY - days(1)
    )
    action_for(
        partnership_a,
        text="Draft the strategy",
        owners=[{"person": kim}],
        due_date=MONDAY + days(40),
    )
    action_for(partnership_a, text="Keep the map up to date", owners=[{"person": kim}])
    nobody_due = PersonFactory(partnership=partnership_a, email="sam@example.org")
    action_for(
        partnership_a,
        text="Review the protocol",
        owners=[{"person": nobody_due}],
        due_date=MONDAY + days(90),
    )

    monday = remind(on=MONDAY)

    assert monday["digests_sent"] == 2 and monday["emails_sent"] == 2
    mail = {m.to[0]: m for m in mailoutbox}
    kims = mail["kim@example.org"]
    assert kims.subject.startswith("Your open actions this week")
    # One e-mail: the overdue one first, then the others.
    assert kims.body.index("Send the data") < kims.body.index("YOUR OTHER OPEN ACTIONS")
    assert "Draft the strategy" in kims.body and "Keep the map up to date" in kims.body
    assert "Review the protocol" in mail["sam@example.org"].body
    assert ActionReminder.objects.filter(kind=ReminderKind.DIGEST, sent_on=MONDAY).count() == 2

    # Tuesday: only the overdue reminder, no digest.
    tuesday = remind(on=MONDAY + days(1))
    assert (tuesday["emails_sent"], tuesday["digests_sent"]) == (1, 0)
    assert "Draft the strategy" not in mailoutbox[-1].body

    # A digest day moved to Thursday, 3 days after Monday's: none, as one went within 7 days.
    thursday = remind("--digest-day", "thursday", on=MONDAY + days(3))
    assert thursday["digests_sent"] == 0

    # The next Monday: the digest again.
    assert remind(on=MONDAY + days(7))["digests_sent"] == 2


def test_the_digest_day_comes_from_settings(partnership_a, mailoutbox, settings):
    settings.ACTIONS_DIGEST_DAY = "friday"
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    action_for(partnership_a, text="Keep the map up to date", owners=[{"person": kim}])

    assert remind(on=MONDAY)["digests_sent"] == 0
    assert remind(on=MONDAY + days(4))["digests_sent"] == 1

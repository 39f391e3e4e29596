"""`saferboard chase-returns`: one e-mail per person listing their overdue missing returns,
never twice the same day, again a week later while still missing."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saferboard.performance.models import ReturnReminder
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.performance.returns_story import TODAY, Cast


@pytest.fixture
def cast(partnership_a):
    """ASB 1 (monthly) led by Cara in person; KPI 4 (quarterly) by the police, whose seats
    Dev (with an e-mail address) and Eli (without) hold. Agreed recently, so ASB 1 is
    missing October and November 2025 and KPI 4 Q2 2025/26, all overdue on TODAY."""
    cast = Cast(partnership_a)
    cast.cara = PersonFactory(
        partnership=partnership_a, given_name="Cara", family_name="Kent", email="cara@example.org"
    )
    cast.dev = PersonFactory(
        partnership=partnership_a, given_name="Dev", family_name="Patel", email="dev@example.org"
    )
    cast.eli = PersonFactory(partnership=partnership_a, given_name="Eli", family_name="Rowe")
    for person in (cast.dev, cast.eli):
        MembershipFactory(partnership=partnership_a, person=person, organisation=cast.police)
    cast.asb.lead_person = cast.cara
    cast.asb.lifecycle_since = datetime.date(2025, 10, 1)
    cast.asb.save()
    cast.violence.lifecycle_since = datetime.date(2025, 7, 1)
    cast.violence.save()
    cast.treatment.lifecycle_since = datetime.date(2025, 4, 1)  # 2025/26 has not ended
    cast.treatment.save()
    return cast


def chase(cast, day=TODAY) -> dict:
    out = StringIO()
    call_command(
        "chase_returns",
        "--partnership",
        cast.partnership.slug,
        "--date",
        day.isoformat(),
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_each_person_gets_one_email_listing_their_missing_returns(cast, mailoutbox):
    summary = chase(cast)

    assert summary["emails_sent"] == 2
    assert summary["returns_chased"] == 3
    assert summary["people_without_email"] == ["Eli Rowe"]
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"cara@example.org", "dev@example.org"}
    cara = by_address["cara@example.org"]
    assert cara.subject == "2 overdue returns: Haringey Community Safety Partnership"
    assert "Dear Cara Kent" in cara.body
    assert "October 2025, was due 20 November 2025, 56 days ago" in cara.body
    assert "November 2025, was due 20 December 2025, 26 days ago" in cara.body
    submit = f"/p/haringey/performance/returns/{cast.asb.pk}/?period=2025-11-01"
    assert submit in cara.body and submit in cara.alternatives[0][0]
    dev = by_address["dev@example.org"]
    assert dev.subject == "1 overdue return: Haringey Community Safety Partnership"
    assert "KPI 4: Violence with injury\n  Q2 2025/26, was due 20 October 2025" in dev.body
    assert "ASB 1" not in dev.body
    assert ReturnReminder.objects.count() == 3


def test_running_twice_the_same_day_sends_nothing_new(cast, mailoutbox):
    chase(cast)

    again = chase(cast)

    assert (again["emails_sent"], again["skipped_recently_chased"]) == (0, 2)
    assert len(mailoutbox) == 2
    assert ReturnReminder.objects.count() == 3


def test_a_missing_return_is_chased_again_a_week_later(cast, mailoutbox):
    first = datetime.date(2026, 1, 21)  # December and Q3 fell due yesterday: all are overdue
    chase(cast, first)

    six_days = chase(cast, first + datetime.timedelta(days=6))
    a_week = chase(cast, first + datetime.timedelta(days=7))

    assert six_days["emails_sent"] == 0
    assert (a_week["emails_sent"], a_week["returns_chased"]) == (2, 5)
    assert len(mailoutbox) == 4


def test_a_return_newly_overdue_brings_an_email_listing_all_of_them(cast, mailoutbox):
    chase(cast)

    later = chase(cast, datetime.date(2026, 1, 21))

    assert (later["emails_sent"], later["returns_chased"]) == (2, 5)
    cara = [message for message in mailoutbox if message.to == ["cara@example.org"]][-1]
    assert cara.subject.startswith("3 overdue returns")
    assert "October 2025" in cara.body and "December 2025" in cara.body


def test_returns_sent_or_returned_as_no_information_are_not_chased(cast, mailoutbox):
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 9, 30),
        value=None,
        no_information_reason="Recording system replaced",
    )
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.asb,
        period_start=datetime.date(2025, 10, 1),
        period_end=datetime.date(2025, 10, 31),
        value=400,
    )

    summary = chase(cast)

    assert summary["emails_sent"] == 1
    assert [message.to for message in mailoutbox] == [["cara@example.org"]]
    assert "October 2025" not in mailoutbox[0].body
    assert "November 2025" in mailoutbox[0].body


def test_an_indicator_nobody_answers_for_is_reported(cast, mailoutbox):
    IndicatorFactory(
        partnership=cast.partnership,
        code="KPI 12",
        lifecycle_since=datetime.date(2025, 7, 1),
    )

    summary = chase(cast)

    assert summary["indicators_unreached"] == ["KPI 12"]


def test_returns_not_yet_due_are_not_chased(cast, mailoutbox):
    # On 20 October Q2's return falls due; it is chased only from the day after.
    summary = chase(cast, datetime.date(2025, 10, 20))

    assert summary["emails_sent"] == 0
    assert not mailoutbox


def test_an_unknown_partnership_is_an_error(cast):
    with pytest.raises(CommandError, match="No partnership with the slug nowhere."):
        call_command("chase_returns", "--partnership", "nowhere")

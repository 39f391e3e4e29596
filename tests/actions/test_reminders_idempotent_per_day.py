"""Reminders are idempotent per day: a second run the same day sends nothing new; the next
day the still-overdue actions are sent again."""

from saferboard.actions.models import ActionReminder, ReminderKind
from tests.actions.remind import TODAY, action_for, days, remind
from tests.factories import PersonFactory


def test_running_twice_on_one_day_sends_nothing_new_and_the_next_day_sends_again(
    partnership_a, mailoutbox
):
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    overdue = action_for(
        partnership_a, text="Send the data", owners=[{"person": kim}], due_date=TODAY - days(1)
    )
    due_soon = action_for(
        partnership_a, text="Book the room", owners=[{"person": kim}], due_date=TODAY + days(2)
    )

    first = remind()
    second = remind()

    assert len(mailoutbox) == 1
    assert (first["emails_sent"], first["skipped_already_sent"]) == (1, 0)
    assert (second["emails_sent"], second["actions_reminded"]) == (0, 0)
    assert second["skipped_already_sent"] == 1
    kinds = dict(
        ActionReminder.objects.filter(person=kim, sent_on=TODAY).values_list("action", "kind")
    )
    assert kinds == {overdue.pk: ReminderKind.OVERDUE, due_soon.pk: ReminderKind.DUE_SOON}

    due_soon.status = "complete"
    due_soon.closing_note = "Booked."
    due_soon.closed_on = TODAY
    due_soon.save()
    third = remind(on=TODAY + days(1))

    assert len(mailoutbox) == 2
    assert "Send the data" in mailoutbox[1].body and "Book the room" not in mailoutbox[1].body
    assert (third["emails_sent"], third["actions_reminded"]) == (1, 1)


def test_a_dry_run_sends_and_records_nothing(partnership_a, mailoutbox):
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    action_for(partnership_a, text="Send the data", owners=[{"person": kim}], due_date=TODAY)

    dry = remind("--dry-run")

    assert dry["emails_sent"] == 1 and dry["dry_run"] is True
    assert mailoutbox == [] and not ActionReminder.objects.exists()
    assert remind()["emails_sent"] == 1
    assert len(mailoutbox) == 1


def test_a_reminder_the_mail_server_refused_is_not_recorded_and_goes_next_time(
    partnership_a, mailoutbox, settings
):
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    action_for(partnership_a, text="Send the data", owners=[{"person": kim}], due_date=TODAY)
    settings.EMAIL_BACKEND = "tests.actions.remind.UnreachableMailServer"

    failed = remind()

    assert (failed["emails_sent"], failed["emails_failed"]) == (0, 1)
    assert not ActionReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind()["emails_sent"] == 1
    assert len(mailoutbox) == 1

"""The log filters by owner (person), due dates and "due in the next 7 days", keeps its filters
in the address, and flags owners still to confirm."""

import datetime

from django.urls import reverse

from tests.actions.conftest import owned_action
from tests.factories import PersonFactory

LOG = reverse("actions:action-list", kwargs={"partnership": "haringey"})
TODAY = datetime.date.today()


def due(action, days: int):
    action.due_date = TODAY + datetime.timedelta(days=days)
    action.save()
    return action


def test_the_log_filters_by_the_owning_person(partnership_a, clerk_a_client, the_police):
    cara = PersonFactory(partnership=partnership_a, given_name="Cara", family_name="Kent")
    owned_action(partnership_a, text="Cara writes the report", person=cara)
    owned_action(partnership_a, text="Police patrol the park", organisation=the_police)

    page = clerk_a_client.get(LOG, {"person": cara.pk}).content.decode()

    assert "Cara writes the report" in page
    assert "Police patrol the park" not in page


def test_the_log_filters_by_due_dates_and_due_in_the_next_week(
    partnership_a, clerk_a_client, the_police
):
    due(owned_action(partnership_a, text="Due in three days", organisation=the_police), 3)
    due(owned_action(partnership_a, text="Due in a month", organisation=the_police), 30)
    due(owned_action(partnership_a, text="Due last week", organisation=the_police), -7)
    soon_but_done = due(owned_action(partnership_a, text="Done early", organisation=the_police), 2)
    soon_but_done.status, soon_but_done.closing_note = "complete", "Sent"
    soon_but_done.closed_on = TODAY
    soon_but_done.save()
    window_start = TODAY + datetime.timedelta(days=10)

    due_soon = clerk_a_client.get(LOG, {"due_soon": "on"}).content.decode()
    later = clerk_a_client.get(
        LOG,
        {
            "due_from_day": window_start.day,
            "due_from_month": window_start.month,
            "due_from_year": window_start.year,
        },
    ).content.decode()
    before_today = clerk_a_client.get(
        LOG, {"due_to_day": TODAY.day, "due_to_month": TODAY.month, "due_to_year": TODAY.year}
    ).content.decode()

    assert "Due in three days" in due_soon
    for text in ("Due in a month", "Due last week", "Done early"):
        assert text not in due_soon
    assert "Due in a month" in later and "Due in three days" not in later
    assert "Due last week" in before_today and "Due in three days" not in before_today


def test_a_wrong_date_is_explained_and_the_other_filters_still_apply(
    partnership_a, clerk_a_client, the_police
):
    owned_action(partnership_a, text="Police patrol the park", organisation=the_police)
    moving = owned_action(partnership_a, text="Lighting survey", organisation=the_police)
    moving.status = "in_progress"
    moving.save()

    page = clerk_a_client.get(
        LOG, {"status": "in_progress", "due_from_day": "31", "due_from_month": "2"}
    ).content.decode()

    assert "There is a problem" in page
    assert "Enter a real date" in page
    assert "Lighting survey" in page
    assert "Police patrol the park" not in page  # the status filter still applied


def test_filters_stay_in_the_address_across_pages_and_can_be_cleared(
    partnership_a, clerk_a_client, the_police
):
    for number in range(51):
        owned_action(partnership_a, text=f"Police action {number}", organisation=the_police)

    page = clerk_a_client.get(LOG, {"organisation": the_police.pk}).content.decode()

    assert f"organisation={the_police.pk}&amp;page=2" in page
    assert f'href="{LOG}">Clear filters</a>' in page
    assert "Clear filters" not in clerk_a_client.get(LOG).content.decode()


def test_actions_whose_owners_are_still_to_be_confirmed_say_so(
    partnership_a, clerk_a_client, the_police
):
    unsure = owned_action(
        partnership_a, text="Initials matched two people", organisation=the_police
    )
    unsure.owners_to_confirm = "CK"
    unsure.save()
    owned_action(partnership_a, text="Owner known", organisation=the_police)

    page = clerk_a_client.get(LOG).content.decode()

    assert page.count(">Owner to confirm</strong>") == 1
    row = page[page.index("Initials matched two people") :].split("</tr>")[0]
    assert "Owner to confirm" in row and "CK" in row

import datetime

from django.urls import reverse

from saferboard.actions.models import ActionStatus, ActionUpdate
from tests.actions.conftest import owned_action


def test_closing_an_action_without_a_note_is_refused(partnership_a, clerk_a_client, the_police):
    action = owned_action(partnership_a, text="Share the data", organisation=the_police)

    response = clerk_a_client.post(
        reverse("actions:action-edit", kwargs={"partnership": "haringey", "pk": action.pk}),
        {
            "text": "Share the data",
            "organisations": [the_police.pk],
            "status": "complete",
            "closing_note": "",
            "version": action.version,
        },
    )

    action.refresh_from_db()
    assert response.status_code == 200
    assert "needs a closing note" in response.content.decode()
    assert action.status == ActionStatus.OPEN
    assert action.version == 1


def test_an_owner_closes_an_action_with_a_dated_note_which_is_kept(
    partnership_a, clerk_a_client, the_police
):
    action = owned_action(partnership_a, text="Share the data", organisation=the_police)
    address = reverse(
        "actions:action-add-update", kwargs={"partnership": "haringey", "pk": action.pk}
    )

    clerk_a_client.post(
        address,
        {
            "version": 1,
            "on_day": "2",
            "on_month": "3",
            "on_year": "2025",
            "status": "in_progress",
            "note": "Data sharing agreement drafted.",
        },
    )
    response = clerk_a_client.post(
        address,
        {
            "version": 2,
            "on_day": "25",
            "on_month": "3",
            "on_year": "2025",
            "status": "complete",
            "note": "Information circulated to partners.",
        },
    )

    action.refresh_from_db()
    assert response.status_code == 302
    assert action.status == ActionStatus.COMPLETE
    assert action.closing_note == "Information circulated to partners."
    assert action.closed_on == datetime.date(2025, 3, 25)
    assert list(ActionUpdate.objects.filter(action=action).values_list("note", flat=True)) == [
        "Information circulated to partners.",
        "Data sharing agreement drafted.",
    ]
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert "Data sharing agreement drafted." in page


def test_an_update_closing_the_action_without_a_note_is_refused(
    partnership_a, clerk_a_client, the_police
):
    action = owned_action(partnership_a, text="Share the data", organisation=the_police)

    response = clerk_a_client.post(
        reverse("actions:action-add-update", kwargs={"partnership": "haringey", "pk": action.pk}),
        {
            "version": 1,
            "on_day": "25",
            "on_month": "3",
            "on_year": "2025",
            "status": "complete",
            "note": "   ",
        },
    )

    action.refresh_from_db()
    assert response.status_code == 200
    assert action.status == ActionStatus.OPEN
    assert not ActionUpdate.objects.exists()

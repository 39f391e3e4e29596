from django.urls import reverse

from saferboard.actions.models import ActionUpdate
from tests.actions.conftest import owned_action
from tests.factories import PersonFactory

UPDATE = {
    "on_day": "1",
    "on_month": "7",
    "on_year": "2025",
    "status": "in_progress",
    "note": "Patrols increased.",
}


def update_address(action):
    return reverse("actions:action-add-update", kwargs={"partnership": "haringey", "pk": action.pk})


def test_a_contributor_updates_their_organisations_action(
    partnership_a, police_contributor_client, the_police
):
    action = owned_action(partnership_a, text="Patrol the park", organisation=the_police)

    response = police_contributor_client.post(update_address(action), UPDATE | {"version": 1})

    assert response.status_code == 302
    assert ActionUpdate.objects.get().note == "Patrols increased."


def test_a_contributor_updates_an_action_they_own_in_person(
    partnership_a, police_contributor, police_contributor_client
):
    person = police_contributor.people.get()
    action = owned_action(partnership_a, text="Write the report", person=person)

    response = police_contributor_client.post(update_address(action), UPDATE | {"version": 1})

    assert response.status_code == 302


def test_a_contributor_cannot_update_another_organisations_action(
    partnership_a, police_contributor_client, the_council
):
    action = owned_action(partnership_a, text="Fix the street lights", organisation=the_council)

    shown = police_contributor_client.get(update_address(action))
    sent = police_contributor_client.post(update_address(action), UPDATE | {"version": 1})
    page = police_contributor_client.get(
        reverse("actions:action-detail", kwargs={"partnership": "haringey", "pk": action.pk})
    )

    assert shown.status_code == 403
    assert sent.status_code == 403
    assert not ActionUpdate.objects.exists()
    assert "Add an update" not in page.content.decode()


def test_a_contributor_cannot_update_another_persons_action(
    partnership_a, police_contributor_client
):
    someone = PersonFactory(partnership=partnership_a)
    action = owned_action(partnership_a, text="Write the report", person=someone)

    response = police_contributor_client.post(update_address(action), UPDATE | {"version": 1})

    assert response.status_code == 403


def test_a_viewer_cannot_add_updates(partnership_a, viewer_a_client, the_police):
    action = owned_action(partnership_a, text="Patrol the park", organisation=the_police)

    response = viewer_a_client.post(update_address(action), UPDATE | {"version": 1})

    assert response.status_code == 403


def test_another_partnerships_manager_gets_404(partnership_a, manager_b_client, the_police):
    action = owned_action(partnership_a, text="Patrol the park", organisation=the_police)

    for address in (
        update_address(action),
        reverse("actions:action-detail", kwargs={"partnership": "haringey", "pk": action.pk}),
        reverse("actions:action-detail", kwargs={"partnership": "city-of-london", "pk": action.pk}),
        reverse(
            "actions:action-add-update", kwargs={"partnership": "city-of-london", "pk": action.pk}
        ),
    ):
        assert manager_b_client.get(address).status_code == 404

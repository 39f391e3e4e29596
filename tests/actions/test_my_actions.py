from django.urls import reverse

from tests.actions.conftest import owned_action
from tests.factories import PersonFactory

MINE = reverse("actions:action-mine", kwargs={"partnership": "haringey"})


def test_my_actions_lists_those_of_my_person_and_my_organisation(
    partnership_a, police_contributor, police_contributor_client, the_police, the_council
):
    owned_action(partnership_a, text="Police patrol the park", organisation=the_police)
    owned_action(
        partnership_a, text="Cara writes the report", person=police_contributor.people.get()
    )
    owned_action(partnership_a, text="Council fixes the lights", organisation=the_council)
    owned_action(
        partnership_a, text="Someone else's job", person=PersonFactory(partnership=partnership_a)
    )

    page = police_contributor_client.get(MINE).content.decode()

    assert "Police patrol the park" in page
    assert "Cara writes the report" in page
    assert "Council fixes the lights" not in page
    assert "Someone else&#x27;s job" not in page and "Someone else's job" not in page


def test_my_actions_is_empty_for_a_user_without_a_person(clerk_a_client, partnership_a, the_police):
    owned_action(partnership_a, text="Police patrol the park", organisation=the_police)

    page = clerk_a_client.get(MINE).content.decode()

    assert "There are no actions to show." in page

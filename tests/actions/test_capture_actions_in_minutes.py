"""While minuting an item the clerk adds actions in place, owners written as initials."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.actions.models import Action
from saferboard.core.roles import Role
from saferboard.meetings.models import MeetingStatus
from tests.actions.conftest import client_for
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    InAttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)


@pytest.fixture
def board(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Safer Haringey Board")


@pytest.fixture
def item(partnership_a, board):
    meeting = MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        date=datetime.date(2020, 12, 4),
        status=MeetingStatus.HELD,
    )
    return AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, number=11, title="Hate crime"
    )


def member(partnership, board, given, family):
    person = PersonFactory(partnership=partnership, given_name=given, family_name=family)
    MembershipFactory(
        partnership=partnership, body=board, person=person, start_date=datetime.date(2019, 1, 1)
    )
    return person


@pytest.fixture
def claire(partnership_a, board):
    return member(partnership_a, board, "Claire", "Kirby")


@pytest.fixture
def emma(partnership_a, board):
    return member(partnership_a, board, "Emma", "Marsh")


def add_url(item) -> str:
    return reverse("actions:minute-action-add", kwargs={"partnership": "haringey", "pk": item.pk})


def minute_url(item) -> str:
    return reverse("meetings:minutes-item", kwargs={"partnership": "haringey", "pk": item.pk})


def posted(**fields) -> dict:
    data = {"text": "Circulate the hate crime figures", "owners_written": "CK/EM"} | fields
    return {f"action-{name}": value for name, value in data.items()}


def test_the_minute_page_offers_to_add_an_action_naming_the_members(
    clerk_a_client, item, claire, emma
):
    page = clerk_a_client.get(minute_url(item)).content.decode()

    assert "Actions from this minute" in page
    assert add_url(item) in page
    assert "CK Claire Kirby" in page and "EM Emma Marsh" in page


def test_adding_an_action_from_the_minute_page_resolves_initials(
    clerk_a_client, item, claire, emma
):
    response = clerk_a_client.post(add_url(item), posted(by_next_meeting="on"), follow=True)

    action = Action.objects.get()
    assert response.redirect_chain[-1][0] == minute_url(item) + "#actions"
    assert action.reference == "04.12.20 Item 11"
    assert action.agenda_item == item and action.meeting == item.meeting
    assert action.by_next_meeting is True
    assert [owner.person for owner in action.owners.all()] == [claire, emma]
    assert action.owners_to_confirm == ""
    page = response.content.decode()
    assert "“CK” is Claire Kirby (CK)" in page
    assert "Circulate the hate crime figures" in page  # listed under the minute


def test_owners_chosen_from_the_list_join_the_written_ones(
    clerk_a_client, item, claire, emma, the_police
):
    clerk_a_client.post(
        add_url(item),
        posted(owners_written="ck", people=[emma.pk], organisations=[the_police.pk]),
    )

    owners = [owner.owner for owner in Action.objects.get().owners.all()]
    assert owners == [claire, emma, the_police]


def test_ambiguous_initials_are_saved_as_owners_to_confirm_and_flagged(
    partnership_a, clerk_a_client, item, claire, emma
):
    eric = PersonFactory(partnership=partnership_a, given_name="Eric", family_name="Mann")
    InAttendanceFactory(partnership=partnership_a, meeting=item.meeting, person=eric, name="")

    response = clerk_a_client.post(add_url(item), posted(), follow=True)

    action = Action.objects.get()
    assert [owner.person for owner in action.owners.all()] == [claire]
    assert action.owners_to_confirm == "EM"
    page = response.content.decode()
    assert "Owner to confirm" in page
    assert "“EM” could be" in page and "Emma Marsh (EM)" in page and "Eric Mann (EM)" in page
    edit = reverse("actions:action-edit", kwargs={"partnership": "haringey", "pk": action.pk})
    assert edit in page

    detail = clerk_a_client.get(
        reverse("actions:action-detail", kwargs={"partnership": "haringey", "pk": action.pk})
    ).content.decode()
    assert "Owner to confirm" in detail
    assert "Emma Marsh (EM)" in detail and "Eric Mann (EM)" in detail


def test_unknown_initials_alone_still_save_the_action_to_confirm(clerk_a_client, item):
    response = clerk_a_client.post(add_url(item), posted(owners_written="ZQ"), follow=True)

    action = Action.objects.get()
    assert not action.owners.exists()
    assert action.owners_to_confirm == "ZQ"
    assert "“ZQ” matches no one at this meeting" in response.content.decode()


def test_choosing_the_owner_on_the_edit_page_settles_the_owner_to_confirm(
    partnership_a, clerk_a_client, item, claire, emma
):
    eric = PersonFactory(partnership=partnership_a, given_name="Eric", family_name="Mann")
    InAttendanceFactory(partnership=partnership_a, meeting=item.meeting, person=eric, name="")
    clerk_a_client.post(add_url(item), posted())
    action = Action.objects.get()
    edit = reverse("actions:action-edit", kwargs={"partnership": "haringey", "pk": action.pk})

    form_page = clerk_a_client.get(edit).content.decode()
    response = clerk_a_client.post(
        edit,
        {
            "version": action.version,
            "text": action.text,
            "agenda_item": item.pk,
            "reference": action.reference,
            "people": [claire.pk, emma.pk],
            "status": "open",
        },
    )

    assert "Eric Mann (EM)" in form_page  # the edit page names the candidates
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owners_to_confirm == ""
    assert [owner.person for owner in action.owners.all()] == [claire, emma]
    detail = clerk_a_client.get(response["Location"]).content.decode()
    assert "Owner to confirm" not in detail


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"text": ""}, "id_action-text", "Enter the action"),
        (
            {"owners_written": ""},
            "id_action-owners_written",
            "Enter the owners, for example CK/EM, or choose them from the lists",
        ),
        (
            {
                "due_date_day": "3",
                "due_date_month": "1",
                "due_date_year": "2021",
                "by_next_meeting": "on",
            },
            "id_action-due_date_day",
            "not both",
        ),
        (
            {"due_date_day": "31", "due_date_month": "2", "due_date_year": "2021"},
            "id_action-due_date_day",
            "Enter a real date",
        ),
    ],
)
def test_a_mistake_shows_the_minute_page_again_with_the_error_and_saves_nothing(
    clerk_a_client, item, claire, emma, fields, field_id, message
):
    response = clerk_a_client.post(add_url(item), posted(**fields))

    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert f'href="#{field_id}"' in page
    assert message in page
    assert "Save the minute" in page  # the minutes form is still there
    assert not Action.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.MEMBER])
def test_only_clerks_and_managers_may_add_actions_from_a_minute(
    make_user, partnership_a, item, role
):
    client = client_for(make_user(partnership_a, role))

    response = client.post(add_url(item), posted(owners_written="Haringey Council"))

    assert response.status_code == 403
    assert not Action.objects.exists()


def test_a_manager_may_add_actions_from_a_minute(manager_a, item, the_council):
    response = client_for(manager_a).post(add_url(item), posted(owners_written="the council"))

    assert response.status_code == 302
    assert [o.organisation for o in Action.objects.get().owners.all()] == [the_council]


def test_another_partnerships_manager_cannot_post_an_action_to_the_minute(
    make_user, partnership_b, item, claire
):
    client = client_for(make_user(partnership_b, Role.MANAGER))

    response = client.post(add_url(item), posted())
    elsewhere = client.post(
        reverse(
            "actions:minute-action-add", kwargs={"partnership": partnership_b.slug, "pk": item.pk}
        ),
        posted(),
    )

    assert response.status_code == 404
    assert elsewhere.status_code == 404
    assert not Action.objects.exists()


def test_the_minutes_form_on_the_page_still_saves(clerk_a_client, item):
    response = clerk_a_client.post(
        minute_url(item),
        {
            "version": item.version,
            "minute_text": "The board noted the figures.",
            "matters_arising": "",
            "resolutions-TOTAL_FORMS": "0",
            "resolutions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minute_text == "The board noted the figures."


def test_the_matters_arising_minute_links_to_its_draft_from_the_action_log(
    partnership_a, clerk_a_client, item
):
    matters = AgendaItemFactory(
        partnership=partnership_a, meeting=item.meeting, standing_kind="matters_arising"
    )
    draft = reverse(
        "actions:matters-arising", kwargs={"partnership": "haringey", "pk": item.meeting.pk}
    )

    assert draft in clerk_a_client.get(minute_url(matters)).content.decode()
    assert draft not in clerk_a_client.get(minute_url(item)).content.decode()


def test_the_minute_pages_queries_do_not_grow_with_its_actions(
    partnership_a, clerk_a_client, item, claire, emma
):
    def queries_with(count: int) -> int:
        for n in range(count):
            clerk_a_client.post(add_url(item), posted(text=f"Action {n}", owners_written="CK/ZQ"))
        with CaptureQueriesContext(connection) as queries:
            response = clerk_a_client.get(minute_url(item))
        assert response.content.decode().count("Owner to confirm") >= count
        return len(queries)

    assert queries_with(1) == queries_with(5)

"""The actions API: scoped to the caller's partnerships, filtered like the web log, written
through the action services with the version check, and owners' updates by the web's rules."""

import datetime

import pytest
from rest_framework.test import APIClient

from saferboard.actions.models import Action, ActionUpdate
from saferboard.core.roles import Role
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    ActionUpdateFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

TODAY = datetime.date.today()


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def the_police(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")


@pytest.fixture
def the_council(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Haringey Council")


def owned(partnership, organisation, text, **fields):
    action = ActionFactory(partnership=partnership, text=text, **fields)
    ActionOwnerFactory(partnership=partnership, action=action, organisation=organisation)
    return action


@pytest.fixture
def police_contributor(make_user, partnership_a, the_police):
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    person = PersonFactory(partnership=partnership_a, user=user)
    MembershipFactory(partnership=partnership_a, person=person, organisation=the_police)
    return user


def test_anonymous_callers_get_401(partnership_a, the_police):
    action = owned(partnership_a, the_police, "Patrol the park")
    client = api_client()

    for address in ("/api/v1/actions/", f"/api/v1/actions/{action.pk}/", "/api/v1/action-updates/"):
        response = client.get(address)
        assert response.status_code == 401
        assert "Patrol the park" not in response.content.decode()
    assert client.post("/api/v1/actions/", {}, format="json").status_code == 401


def test_another_partnership_never_sees_the_actions_or_updates(
    partnership_a, the_police, manager_b
):
    action = owned(partnership_a, the_police, "Patrol the park")
    update = ActionUpdateFactory(partnership=partnership_a, action=action, note="Started")
    client = api_client(manager_b)

    assert client.get("/api/v1/actions/").json()["count"] == 0
    assert client.get("/api/v1/actions/", {"partnership": "haringey"}).json()["count"] == 0
    assert client.get("/api/v1/action-updates/").json()["count"] == 0
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 404
    assert client.get(f"/api/v1/action-updates/{update.pk}/").status_code == 404


def test_the_list_filters_like_the_log(partnership_a, the_police, the_council, manager_a):
    late = owned(
        partnership_a, the_police, "Late report", due_date=TODAY - datetime.timedelta(days=2)
    )
    owned(partnership_a, the_council, "Fix the lights", status="in_progress")
    owned(partnership_a, the_police, "No date yet")
    client = api_client(manager_a)

    def texts(**query):
        return sorted(
            row["text"] for row in client.get("/api/v1/actions/", query).json()["results"]
        )

    assert texts(organisation=the_police.pk) == ["Late report", "No date yet"]
    assert texts(status="in_progress") == ["Fix the lights"]
    assert texts(overdue="true") == ["Late report"]
    assert texts(overdue="false") == ["Fix the lights", "No date yet"]
    one = client.get(f"/api/v1/actions/{late.pk}/").json()
    assert one["is_overdue"] is True and one["due"] == str(late.due_date)
    assert one["owners"] == [
        {
            "person": None,
            "post": None,
            "organisation": the_police.pk,
            "body": None,
            "name": "Metropolitan Police Service",
        }
    ]
    assert client.get("/api/v1/actions/", {"organisation": "police"}).status_code == 400


def test_a_manager_adds_an_action_through_the_services(partnership_a, the_police, manager_a):
    response = api_client(manager_a).post(
        "/api/v1/actions/",
        {
            "partnership": "haringey",
            "text": "Map the hotspots",
            "due_date": "2026-01-31",
            "owners": [{"organisation": the_police.pk}],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    action = Action.objects.get(pk=response.json()["id"])
    assert action.text == "Map the hotspots" and action.partnership == partnership_a
    assert [owner.organisation for owner in action.owners.all()] == [the_police]
    assert action.history.count() == 1


def test_an_action_needs_an_owner_and_a_closing_note_to_close(partnership_a, the_police, manager_a):
    client = api_client(manager_a)

    no_owner = client.post(
        "/api/v1/actions/",
        {"partnership": "haringey", "text": "Ownerless", "owners": []},
        format="json",
    )
    no_note = client.post(
        "/api/v1/actions/",
        {
            "partnership": "haringey",
            "text": "Done already",
            "status": "complete",
            "closed_on": "2025-07-01",
            "owners": [{"organisation": the_police.pk}],
        },
        format="json",
    )

    assert no_owner.status_code == 400 and "owners" in no_owner.json()
    assert no_note.status_code == 400 and "closing note" in no_note.json()["closing_note"][0]
    assert not Action.objects.exists()


def test_owners_from_another_partnership_are_refused(partnership_b, manager_a):
    theirs = OrganisationFactory(partnership=partnership_b, name="Elsewhere")

    response = api_client(manager_a).post(
        "/api/v1/actions/",
        {"partnership": "haringey", "text": "Borrowed", "owners": [{"organisation": theirs.pk}]},
        format="json",
    )

    assert response.status_code == 400
    assert "no organisation with id" in str(response.json())
    assert not Action.objects.exists()


def test_a_stale_update_is_refused_and_both_versions_are_kept(
    partnership_a, the_police, manager_a, clerk_a
):
    action = owned(partnership_a, the_police, "Patrol the park")
    first, second = api_client(manager_a), api_client(clerk_a)
    read = first.get(f"/api/v1/actions/{action.pk}/").json()

    saved = second.patch(
        f"/api/v1/actions/{action.pk}/",
        {"text": "Patrol the park nightly", "version": read["version"]},
        format="json",
    )
    stale = first.patch(
        f"/api/v1/actions/{action.pk}/",
        {"text": "Patrol the park weekly", "version": read["version"]},
        format="json",
    )
    unversioned = first.patch(
        f"/api/v1/actions/{action.pk}/", {"text": "No version"}, format="json"
    )

    assert saved.status_code == 200 and saved.json()["version"] == read["version"] + 1
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"]
    assert unversioned.status_code == 400 and "version" in unversioned.json()
    action.refresh_from_db()
    assert action.text == "Patrol the park nightly"
    assert [row.text for row in action.history.order_by("history_id")] == [
        "Patrol the park",
        "Patrol the park nightly",
    ]


def test_a_contributor_may_not_change_or_add_actions(partnership_a, the_police, police_contributor):
    action = owned(partnership_a, the_police, "Patrol the park")
    client = api_client(police_contributor)

    change = client.patch(
        f"/api/v1/actions/{action.pk}/", {"text": "Mine now", "version": 1}, format="json"
    )
    add = client.post(
        "/api/v1/actions/",
        {"partnership": "haringey", "text": "New", "owners": [{"organisation": the_police.pk}]},
        format="json",
    )

    assert change.status_code == 403 and add.status_code == 403
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 200


def test_a_contributor_updates_their_organisations_action_but_not_another(
    partnership_a, the_police, the_council, police_contributor
):
    ours = owned(partnership_a, the_police, "Patrol the park")
    theirs = owned(partnership_a, the_council, "Fix the lights")
    client = api_client(police_contributor)

    def post_update(action):
        return client.post(
            "/api/v1/action-updates/",
            {
                "action": action.pk,
                "action_version": action.version,
                "on": str(TODAY),
                "note": "Patrols started",
                "status": "in_progress",
            },
            format="json",
        )

    allowed, refused = post_update(ours), post_update(theirs)

    assert allowed.status_code == 201, allowed.json()
    assert allowed.json()["partnership"] == "haringey"
    ours.refresh_from_db()
    assert ours.status == "in_progress" and ours.updates.get().note == "Patrols started"
    assert refused.status_code == 403
    assert "owners" in refused.json()["detail"]
    assert not theirs.updates.exists()


def test_an_update_from_a_stale_copy_is_refused(partnership_a, the_police, manager_a):
    action = owned(partnership_a, the_police, "Patrol the park")
    client = api_client(manager_a)
    payload = {
        "action": action.pk,
        "action_version": action.version,
        "on": str(TODAY),
        "status": "complete",
        "note": "Patrols in place",
    }

    closed = client.post("/api/v1/action-updates/", payload, format="json")
    stale = client.post(
        "/api/v1/action-updates/", payload | {"status": "open", "note": "Reopen"}, format="json"
    )

    assert closed.status_code == 201 and stale.status_code == 409
    action.refresh_from_db()
    assert action.status == "complete" and action.closing_note == "Patrols in place"
    assert ActionUpdate.objects.count() == 1


def test_updates_are_never_changed_or_deleted(partnership_a, the_police, manager_a):
    update = ActionUpdateFactory(
        partnership=partnership_a, action=owned(partnership_a, the_police, "Patrol")
    )
    client = api_client(manager_a)
    address = f"/api/v1/action-updates/{update.pk}/"

    assert client.patch(address, {"note": "Rewritten"}, format="json").status_code == 405
    assert client.delete(address).status_code == 405
    assert client.delete(f"/api/v1/actions/{update.action_id}/").status_code == 405
    update.refresh_from_db()
    assert update.note != "Rewritten"

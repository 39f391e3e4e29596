"""The registry API as a partnership's systems use it: scoped lists, adding and updating
records, stale versions refused, links across partnerships refused, token sign-in."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant
from saferboard.registry.models import Body, Membership, MembershipCategory, Organisation
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def manager_a_api(manager_a):
    return api_client(manager_a)


@pytest.fixture
def manager_of_both(make_user, partnership_a, partnership_b):
    """A manager who works for both partnerships (a shared community safety team)."""
    user = make_user(partnership_a, Role.MANAGER)
    partnership_role_grant(user=user, partnership=partnership_b, role=Role.MANAGER)
    return user


def test_lists_show_only_the_callers_partnerships(manager_a_api, partnership_a, partnership_b):
    BodyFactory(partnership=partnership_a, name="Haringey Community Safety Partnership Board")
    BodyFactory(partnership=partnership_b, name="Safer City Partnership Strategy Group")

    response = manager_a_api.get("/api/v1/bodies/")

    assert response.status_code == 200
    names = [body["name"] for body in response.json()["results"]]
    assert names == ["Haringey Community Safety Partnership Board"]
    assert response.json()["results"][0]["partnership"] == "haringey"


def test_partnership_filter_narrows_a_shared_users_lists(
    manager_of_both, partnership_a, partnership_b
):
    OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    OrganisationFactory(partnership=partnership_b, name="City of London Corporation")
    client = api_client(manager_of_both)

    everything = client.get("/api/v1/organisations/").json()["results"]
    city_only = client.get("/api/v1/organisations/", {"partnership": "city-of-london"}).json()

    assert {o["name"] for o in everything} == {"Haringey Council", "City of London Corporation"}
    assert [o["name"] for o in city_only["results"]] == ["City of London Corporation"]


def test_partnerships_endpoint_lists_own_partnerships_with_roles(
    manager_a_api, partnership_a, partnership_b
):
    response = manager_a_api.get("/api/v1/partnerships/")

    assert response.status_code == 200
    assert [(p["slug"], p["roles"]) for p in response.json()["results"]] == [
        ("haringey", ["manager"])
    ]
    assert manager_a_api.get("/api/v1/partnerships/city-of-london/").status_code == 404
    assert manager_a_api.get("/api/v1/partnerships/haringey/").json()["name"] == (
        "Haringey Community Safety Partnership"
    )


def test_another_partnerships_record_is_not_found(manager_b, partnership_a):
    body = BodyFactory(partnership=partnership_a)
    client = api_client(manager_b)

    assert client.get(f"/api/v1/bodies/{body.pk}/").status_code == 404
    response = client.patch(f"/api/v1/bodies/{body.pk}/", {"name": "Taken over"}, format="json")
    assert response.status_code == 404
    body.refresh_from_db()
    assert body.name != "Taken over" and body.version == 1


def test_the_manager_adds_a_body_with_history(manager_a, manager_a_api, partnership_a):
    parent = BodyFactory(partnership=partnership_a, name="Community Safety Partnership Board")

    response = manager_a_api.post(
        "/api/v1/bodies/",
        {
            "partnership": "haringey",
            "name": "Performance Monitoring Group",
            "short_name": "PMG",
            "kind": "sub_group",
            "parent": parent.pk,
            "reports_to": [parent.pk],
            "aliases": ["Performance Group"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["version"] == 1 and data["parent"] == parent.pk
    assert data["reports_to"] == [parent.pk]
    body = Body.objects.get(pk=data["id"])
    assert body.partnership == partnership_a
    assert list(body.reports_to.all()) == [parent]
    assert body.history.first().history_user == manager_a


def test_create_needs_an_editor_role_in_the_partnership(viewer_a, partnership_a, partnership_b):
    client = api_client(viewer_a)

    for slug in ("haringey", "city-of-london", "no-such-place"):
        response = client.post(
            "/api/v1/organisations/",
            {
                "partnership": slug,
                "name": "Haringey Council",
                "sector": "local_authority",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "not its community safety manager or clerk" in response.json()["partnership"][0]
    assert not Organisation.objects.exists()


def test_the_clerk_updates_a_record_and_the_version_goes_up(clerk_a, partnership_a):
    organisation = OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    client = api_client(clerk_a)

    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {"short_name": "LBH", "version": 1},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2 and response.json()["short_name"] == "LBH"
    organisation.refresh_from_db()
    assert organisation.short_name == "LBH"
    assert organisation.history.first().history_user == clerk_a


def test_put_replaces_the_record(manager_a_api, partnership_a):
    person = PersonFactory(partnership=partnership_a, given_name="Ann", family_name="Smith")

    response = manager_a_api.put(
        f"/api/v1/people/{person.pk}/",
        {
            "partnership": "haringey",
            "title": "Cllr",
            "given_name": "Anne",
            "family_name": "Smith-Jones",
            "version": 1,
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (str(person), person.version) == ("Cllr Anne Smith-Jones", 2)


def test_a_stale_version_is_refused_with_409(manager_a_api, clerk_a, partnership_a):
    organisation = OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    api_client(clerk_a).patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {"website": "https://www.haringey.gov.uk", "version": 1},
        format="json",
    )

    response = manager_a_api.patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {"short_name": "Council", "version": 1},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["detail"].startswith(
        "This organisation was changed by someone else after you read it: it is now at "
        "version 2, and your copy was version 1."
    )
    organisation.refresh_from_db()
    assert organisation.short_name == "" and organisation.version == 2


def test_a_viewer_cannot_update(viewer_a, partnership_a):
    organisation = OrganisationFactory(partnership=partnership_a, name="Haringey Council")

    response = api_client(viewer_a).patch(
        f"/api/v1/organisations/{organisation.pk}/", {"short_name": "X"}, format="json"
    )

    assert response.status_code == 403
    assert "does not allow changes" in response.json()["detail"]
    organisation.refresh_from_db()
    assert organisation.short_name == ""


def test_a_record_cannot_move_to_another_partnership(manager_of_both, partnership_a, partnership_b):
    organisation = OrganisationFactory(partnership=partnership_a)

    response = api_client(manager_of_both).patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {"partnership": "city-of-london"},
        format="json",
    )

    assert response.status_code == 400
    assert "cannot move to another partnership" in response.json()["partnership"][0]
    organisation.refresh_from_db()
    assert organisation.partnership == partnership_a


def test_a_membership_cannot_link_records_of_another_partnership(
    manager_of_both, partnership_a, partnership_b
):
    city_body = BodyFactory(partnership=partnership_b, name="Safer City Partnership")
    organisation = OrganisationFactory(partnership=partnership_a)
    person = PersonFactory(partnership=partnership_a)

    response = api_client(manager_of_both).post(
        "/api/v1/memberships/",
        {
            "partnership": "haringey",
            "body": city_body.pk,
            "organisation": organisation.pk,
            "person": person.pk,
            "category": "statutory",
            "start_date": "2024-04-01",
        },
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == ["body"]
    assert "the same partnership as this record" in errors["body"][0]
    assert not Membership.objects.exists()


def test_a_record_of_a_partnership_without_a_role_reads_as_missing(
    manager_a_api, partnership_a, partnership_b
):
    city_body = BodyFactory(partnership=partnership_b)

    response = manager_a_api.post(
        "/api/v1/bodies/",
        {
            "partnership": "haringey",
            "name": "Prevent Delivery Group",
            "parent": city_body.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["parent"] == [
        f"There is no body with id {city_body.pk} in your partnerships."
    ]
    assert not Body.objects.filter(partnership=partnership_a).exists()


def test_a_body_cannot_report_to_itself(manager_a_api, partnership_a):
    body = BodyFactory(partnership=partnership_a)

    response = manager_a_api.patch(
        f"/api/v1/bodies/{body.pk}/", {"reports_to": [body.pk]}, format="json"
    )

    assert response.status_code == 400
    assert "cannot refer to itself" in response.json()["reports_to"][0]


def test_model_rules_come_back_as_field_errors(manager_a_api, partnership_a):
    membership = MembershipFactory(partnership=partnership_a)
    other_post = PostFactory(partnership=partnership_a)
    BodyFactory(partnership=partnership_a, name="Community Safety Partnership Board")

    wrong_post = manager_a_api.patch(
        f"/api/v1/memberships/{membership.pk}/", {"post": other_post.pk}, format="json"
    )
    duplicate = manager_a_api.post(
        "/api/v1/bodies/",
        {"partnership": "haringey", "name": "Community Safety Partnership Board"},
        format="json",
    )

    assert wrong_post.status_code == 400
    assert wrong_post.json() == {
        "post": ["The post must belong to the organisation the seat represents."]
    }
    membership.refresh_from_db()
    assert membership.post is None and membership.version == 1
    assert duplicate.status_code == 400
    assert "already" in json.dumps(duplicate.json())


def test_memberships_on_a_date_and_voting(manager_a_api, partnership_a):
    board = BodyFactory(partnership=partnership_a)
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    old = MembershipFactory(
        partnership=partnership_a,
        body=board,
        organisation=police,
        start_date=datetime.date(2022, 4, 1),
        end_date=datetime.date(2024, 5, 31),
    )
    new = MembershipFactory(
        partnership=partnership_a,
        body=board,
        organisation=police,
        start_date=datetime.date(2024, 6, 1),
    )
    adviser = MembershipFactory(
        partnership=partnership_a,
        body=board,
        category=MembershipCategory.SUPPORTING_ADVISER,
        start_date=datetime.date(2024, 1, 1),
    )

    def ids_on(day: str) -> set[int]:
        response = manager_a_api.get("/api/v1/memberships/", {"on": day, "body": board.pk})
        assert response.status_code == 200
        return {m["id"] for m in response.json()["results"]}

    assert ids_on("2024-05-31") == {old.pk, adviser.pk}
    assert ids_on("2024-06-01") == {new.pk, adviser.pk}
    assert ids_on("2023-01-01") == {old.pk}
    voting = {
        m["id"]: m["is_voting"] for m in manager_a_api.get("/api/v1/memberships/").json()["results"]
    }
    assert voting == {old.pk: True, new.pk: True, adviser.pk: False}
    bad_date = manager_a_api.get("/api/v1/memberships/", {"on": "31/05/2024"})
    assert bad_date.status_code == 400 and "on" in bad_date.json()


def test_filters_by_sector_and_kind(manager_a_api, partnership_a):
    OrganisationFactory(partnership=partnership_a, name="London Fire Brigade", sector="fire")
    OrganisationFactory(
        partnership=partnership_a, name="Haringey Council", sector="local_authority"
    )
    BodyFactory(partnership=partnership_a, name="Board", kind="board")
    BodyFactory(partnership=partnership_a, name="MARAC", kind="sub_group", is_case_panel=True)

    fire = manager_a_api.get("/api/v1/organisations/", {"sector": "fire"}).json()["results"]
    panels = manager_a_api.get("/api/v1/bodies/", {"kind": "sub_group"}).json()["results"]

    assert [o["name"] for o in fire] == ["London Fire Brigade"]
    assert [b["name"] for b in panels] == ["MARAC"]


def test_there_is_no_delete(manager_a_api, partnership_a):
    body = BodyFactory(partnership=partnership_a)

    assert manager_a_api.delete(f"/api/v1/bodies/{body.pk}/").status_code == 405
    assert Body.objects.filter(pk=body.pk).exists()


def test_token_sign_in_works(manager_a, partnership_a):
    BodyFactory(partnership=partnership_a, name="Haringey Community Safety Partnership Board")
    token = Token.objects.create(user=manager_a)
    client = APIClient()

    signed_in = client.get("/api/v1/bodies/", HTTP_AUTHORIZATION=f"Token {token.key}")
    wrong = client.get("/api/v1/bodies/", HTTP_AUTHORIZATION="Token not-a-real-token")

    assert signed_in.status_code == 200
    assert signed_in.json()["count"] == 1
    assert wrong.status_code == 401


def test_anonymous_callers_get_401(partnership_a):
    BodyFactory(partnership=partnership_a)

    response = APIClient().get("/api/v1/bodies/")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


def test_the_schema_is_openapi_3(db):
    client = APIClient()

    as_json = client.get("/api/v1/schema/", {"format": "json"})
    as_yaml = client.get("/api/v1/schema/")

    assert as_json.status_code == 200
    document = json.loads(as_json.content)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/memberships/{id}/" in document["paths"]
    assert "409" in document["paths"]["/api/v1/memberships/{id}/"]["patch"]["responses"]
    assert as_yaml.status_code == 200
    assert as_yaml.content.decode().startswith("openapi: 3.")


@pytest.mark.parametrize("resource", ["bodies", "memberships", "partnerships"])
def test_list_query_count_does_not_grow_with_the_data(manager_a_api, partnership_a, resource):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_a_api.get(f"/api/v1/{resource}/").status_code == 200
        return len(captured)

    board = BodyFactory(partnership=partnership_a)
    MembershipFactory(partnership=partnership_a, body=board)
    few = queries()
    for _ in range(5):
        sub_group = BodyFactory(partnership=partnership_a, parent=board)
        sub_group.reports_to.add(board)
        MembershipFactory(partnership=partnership_a, body=sub_group)

    assert queries() == few

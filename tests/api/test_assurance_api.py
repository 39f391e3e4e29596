"""The assurance API: frameworks with their standards, and returns and submissions scoped
like the pages (a partner sees only its own; another partnership sees nothing)."""

import datetime

import pytest
from rest_framework.test import APIClient

from saferboard.assurance.challenges import challenge_add
from saferboard.assurance.submissions import submission_make
from tests.assurance import conftest as assurance
from tests.assurance.submission_helpers import answer_all

ON = datetime.date(2025, 9, 1)

# The assurance tests' fixtures (tests/assurance/conftest.py), used here by name.
framework = assurance.framework
police, council = assurance.police, assurance.council
police_return, council_return = assurance.police_return, assurance.council_return
make_contributor = assurance.make_contributor


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def police_writer(make_contributor, police):
    return make_contributor(police)


@pytest.fixture
def submitted(police_return, police_writer):
    answer_all(police_return, by=police_writer, ratings={"1.2": "partly"})
    return submission_make(assurance_return=police_return, by=police_writer, on=ON)


def test_a_framework_reads_with_its_scale_sections_standards_and_suggested_actions(
    framework, viewer_a
):
    response = api_client(viewer_a).get(f"/api/v1/assurance-frameworks/{framework.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Section 11 audit" and body["version_label"] == "2025"
    assert [level["code"] for level in body["scales"][0]["levels"]] == [
        "met",
        "partly",
        "not_met",
        "na",
    ]
    assert [s["title"] for s in body["sections"]] == [
        "Leadership and accountability",
        "Safer recruitment and training",
    ]
    first = body["sections"][0]["standards"][0]
    assert first["number"] == "1.1" and first["evidence_required"] is True
    assert {a["level"]: a["due_in_days"] for a in first["suggested_actions"]} == {
        "partly": 90,
        "not_met": 30,
    }


def test_a_submission_reads_with_its_ratings_actions_and_challenges(
    submitted, police_writer, manager_a
):
    rating = submitted.ratings.get(standard__number="1.2")
    challenge_add(rating=rating, kind="challenge", note="When was it last reviewed?", by=manager_a)

    response = api_client(police_writer).get(f"/api/v1/assurance-submissions/{submitted.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["number"] == 1 and body["assurance_return"] == submitted.assurance_return_id
    ratings = {r["standard_number"]: r for r in body["ratings"]}
    assert ratings["1.2"]["level"] == "partly" and ratings["1.2"]["level_label"] == "Partially met"
    assert ratings["1.2"]["challenges"][0]["note"] == "When was it last reviewed?"
    assert [a["reference"] for a in body["generated_actions"]] == ["Section 11 audit 2025 – 1.2"]
    assert body["report"].endswith(f"/assurance/submissions/{submitted.pk}/report.pdf")


def test_a_partner_sees_only_its_own_returns_and_submissions(
    submitted, police_return, council_return, make_contributor, council, police_writer
):
    council_writer = api_client(make_contributor(council))

    returns = council_writer.get("/api/v1/assurance-returns/").json()["results"]
    assert [r["id"] for r in returns] == [council_return.pk]
    assert council_writer.get(f"/api/v1/assurance-returns/{police_return.pk}/").status_code == 404
    assert council_writer.get("/api/v1/assurance-submissions/").json()["results"] == []
    assert council_writer.get(f"/api/v1/assurance-submissions/{submitted.pk}/").status_code == 404

    own = api_client(police_writer).get("/api/v1/assurance-returns/").json()["results"]
    assert [(r["id"], r["submissions"]) for r in own] == [(police_return.pk, [submitted.pk])]


def test_the_manager_sees_every_return_and_another_partnership_none(
    submitted, police_return, council_return, manager_a, manager_b
):
    ids = {
        r["id"] for r in api_client(manager_a).get("/api/v1/assurance-returns/").json()["results"]
    }
    assert ids == {police_return.pk, council_return.pk}

    other = api_client(manager_b)
    for address in ("assurance-frameworks", "assurance-returns", "assurance-submissions"):
        assert other.get(f"/api/v1/{address}/").json()["results"] == []
    assert other.get(f"/api/v1/assurance-submissions/{submitted.pk}/").status_code == 404
    assert api_client().get("/api/v1/assurance-returns/").status_code == 401


def test_the_api_does_not_write(submitted, manager_a):
    client = api_client(manager_a)

    assert client.post("/api/v1/assurance-submissions/", {}).status_code == 405
    assert client.delete(f"/api/v1/assurance-submissions/{submitted.pk}/").status_code == 405

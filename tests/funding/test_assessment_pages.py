"""The bid's assessment page: assessors score through it; contributors never see scores."""

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.funding.assessment import assessment_record
from saferboard.funding.models import Assessment, Recommendation, Score, Stage

COMMENT = "Strong links with the youth offending team"


@pytest.fixture
def bid(ready_bid):
    return ready_bid(stage=Stage.FULL_APPLICATION)


@pytest.fixture
def assessor(fund, make_user, partnership_a):
    person = make_user(partnership_a, Role.MEMBER)
    fund.assessors.add(person)
    return person


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(bid):
    return reverse(
        "funding:bid-assessment", kwargs={"partnership": bid.partnership.slug, "pk": bid.pk}
    )


def form_data(fund, values, **extra):
    data = {"conflict_of_interest": "no", "recommendation": Recommendation.FUND, "comments": ""}
    for criterion, value in zip(fund.criteria.all(), values, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = COMMENT
    return data | extra


def test_an_assessor_scores_through_the_page(fund, bid, assessor):
    client = client_for(assessor)
    assert "Your assessment" in client.get(page(bid)).content.decode()

    response = client.post(page(bid), form_data(fund, ["4", "3", "5"]))

    assert response.status_code == 302
    assessment = Assessment.objects.get(bid=bid, assessor=assessor)
    assert sorted(assessment.scores.values_list("score", flat=True)) == [3, 4, 5]
    shown = client.get(page(bid)).content.decode()
    assert "80.0%" in shown
    assert COMMENT in shown


def test_a_conflicted_assessor_cannot_score_through_the_page(fund, bid, assessor):
    response = client_for(assessor).post(
        page(bid),
        form_data(fund, ["4", "3", "5"], conflict_of_interest="yes", conflict_details="A trustee"),
    )

    assert response.status_code == 200
    assert "scores nothing" in response.content.decode()
    assert not Assessment.objects.exists()
    assert not Score.objects.exists()


def test_a_score_above_the_maximum_is_shown_against_its_field(fund, bid, assessor):
    response = client_for(assessor).post(page(bid), form_data(fund, ["9", "3", "5"]))
    criterion = fund.criteria.first()
    assert f'href="#id_score_{criterion.pk}"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_contributor_sees_no_scores_and_cannot_assess(fund, bid, assessor, make_contributor):
    assessment_record(
        bid=bid,
        assessor=assessor,
        on=bid.created_at.date(),
        conflict_of_interest=False,
        scores={c: (4, COMMENT) for c in fund.criteria.all()},
        recommendation=Recommendation.FUND,
        comments="Recommend with a smaller second year",
    )
    contributor = client_for(make_contributor(bid.applicant))

    response = contributor.get(page(bid))

    text = response.content.decode()
    assert response.status_code == 200
    assert "seen only by the funding officers" in text
    assert COMMENT not in text
    assert "Recommend with a smaller second year" not in text
    assert "80.0%" not in text
    assert contributor.post(page(bid), form_data(fund, ["5", "5", "5"])).status_code == 403
    assert Score.objects.filter(score=5).count() == 0


def test_the_manager_sees_the_panels_results(fund, bid, assessor, manager_a_client):
    assessment_record(
        bid=bid,
        assessor=assessor,
        on=bid.created_at.date(),
        conflict_of_interest=True,
        conflict_details="Sits on the applicant's board",
    )
    text = manager_a_client.get(page(bid)).content.decode()
    assert "Conflict of interest" in text
    assert "Sits on the applicant&#x27;s board" in text


def test_another_partnerships_manager_gets_404(bid, manager_b_client):
    assert manager_b_client.get(page(bid)).status_code == 404

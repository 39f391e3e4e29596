"""A submission's report on screen and as a PDF; a partner sees only its own."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from saferboard.assurance.submissions import submission_make
from tests.assurance.submission_helpers import answer_all, pdf_text

ON = datetime.date(2025, 9, 1)


def _url(name, submission):
    return reverse(
        f"assurance:{name}",
        kwargs={"partnership": submission.partnership.slug, "pk": submission.pk},
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def police_writer(make_contributor, police):
    return make_contributor(police)


@pytest.fixture
def submitted(police_return, police_writer):
    answer_all(police_return, by=police_writer, ratings={"1.2": "partly"})
    return submission_make(assurance_return=police_return, by=police_writer, on=ON)


def test_the_organisation_reads_its_report_on_screen(submitted, police_writer):
    response = _client(police_writer).get(_url("submission-detail", submitted))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Self-assessment report: submission 1" in page
    assert "Partially met" in page
    assert "Section 11 audit 2025 – 1.2" in page
    assert _url("submission-pdf", submitted) in page


def test_the_organisation_downloads_its_report(submitted, police_writer):
    response = _client(police_writer).get(_url("submission-pdf", submitted))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert "Metropolitan Police Service" in text
    assert "Section 11 audit 2025 – 1.2" in text


def test_another_partner_cannot_see_the_return_or_submission(
    submitted, police_return, make_contributor, council, council_return
):
    council_writer = make_contributor(council)
    client = _client(council_writer)

    for url in (
        _url("submission-detail", submitted),
        _url("submission-pdf", submitted),
        reverse(
            "assurance:return-detail",
            kwargs={"partnership": police_return.partnership.slug, "pk": police_return.pk},
        ),
    ):
        assert client.get(url).status_code == 404, url
    # ... while the council's own return is there for it.
    own = reverse(
        "assurance:return-detail",
        kwargs={"partnership": council_return.partnership.slug, "pk": council_return.pk},
    )
    assert client.get(own).status_code == 200


def test_the_manager_and_readers_of_the_partnership_see_every_submission(
    submitted, manager_a, viewer_a
):
    for user in (manager_a, viewer_a):
        assert _client(user).get(_url("submission-detail", submitted)).status_code == 200


def test_the_list_of_submissions_links_each_report(submitted, police_return, police_writer):

    second = submission_make(assurance_return=police_return, by=police_writer, on=ON)

    html = render_to_string(
        "assurance/submission_list_include.html",
        {"submissions": police_return.submissions.all(), "partnership": police_return.partnership},
    )

    assert html.index(_url("submission-detail", second)) < html.index(
        _url("submission-detail", submitted)
    )
    assert _url("submission-pdf", submitted) in html
    assert "Latest" in html


def test_an_earlier_submission_points_to_the_latest(submitted, police_return, police_writer):
    second = submission_make(assurance_return=police_return, by=police_writer, on=ON)

    page = _client(police_writer).get(_url("submission-detail", submitted)).content.decode()

    assert "This is an earlier submission" in page
    assert _url("submission-detail", second) in page

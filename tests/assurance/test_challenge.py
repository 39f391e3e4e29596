"""The partnership challenges a submitted rating; the organisation responds; both show on
the submission's page and in its report."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.assurance.challenges import challenge_add, challenge_respond
from saferboard.assurance.models import Challenge, ChallengeKind
from saferboard.assurance.submissions import submission_make
from saferboard.core.errors import BusinessRuleError, StaleEditError
from tests.assurance.submission_helpers import answer_all, pdf_text

ON = datetime.date(2025, 9, 1)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(name, record):
    return reverse(
        f"assurance:{name}", kwargs={"partnership": record.partnership.slug, "pk": record.pk}
    )


@pytest.fixture
def police_writer(make_contributor, police):
    return make_contributor(police)


@pytest.fixture
def rating(police_return, police_writer):
    answer_all(police_return, by=police_writer, ratings={"2.1": "partly"})
    submission = submission_make(assurance_return=police_return, by=police_writer, on=ON)
    return submission.ratings.get(standard__number="1.1")


def test_the_manager_challenges_a_rating_and_the_organisation_responds(
    rating, manager_a, police_writer
):
    manager = _client(manager_a)
    response = manager.post(
        _url("challenge-add", rating),
        {"kind": ChallengeKind.CHALLENGE, "note": "Who is the named lead since May?"},
    )
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.rating == rating and challenge.raised_by == manager_a

    writer = _client(police_writer)
    page = writer.get(_url("submission-detail", rating.submission)).content.decode()
    assert "Who is the named lead since May?" in page
    assert "Awaiting response" in page
    assert _url("challenge-respond", challenge) in page

    response = writer.post(
        _url("challenge-respond", challenge),
        {"version": challenge.version, "response": "Our new lead is the Head of Safeguarding."},
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "Our new lead is the Head of Safeguarding."
    assert challenge.responded_by == police_writer

    page = manager.get(_url("submission-detail", rating.submission)).content.decode()
    assert "Our new lead is the Head of Safeguarding." in page


def test_the_kept_report_shows_the_challenge_and_response(rating, manager_a, police_writer):
    challenge = challenge_add(
        rating=rating, kind=ChallengeKind.PEER_REVIEW, note="Peer review saw the log.", by=manager_a
    )
    challenge_respond(
        challenge=challenge, response="Thank you.", by=police_writer, version=challenge.version
    )

    rating.submission.refresh_from_db()
    text = pdf_text(rating.submission.report_pdf.read())
    assert "Peer review note: Peer review saw the log. Response: Thank you." in text


def test_only_managers_challenge(rating, police_writer, viewer_a):
    for user in (police_writer, viewer_a):
        response = _client(user).post(
            _url("challenge-add", rating), {"kind": ChallengeKind.CHALLENGE, "note": "Why?"}
        )
        assert response.status_code == 403
    assert not Challenge.objects.exists()


def test_only_the_organisations_contributors_respond(
    rating, manager_a, viewer_a, make_contributor, council, council_return
):
    challenge = challenge_add(rating=rating, kind="challenge", note="Why?", by=manager_a)

    assert _client(viewer_a).get(_url("challenge-respond", challenge)).status_code == 403
    assert _client(manager_a).get(_url("challenge-respond", challenge)).status_code == 403
    other = _client(make_contributor(council))
    assert other.get(_url("challenge-respond", challenge)).status_code == 404


def test_an_empty_note_is_refused_naming_the_standard(rating, manager_a):
    response = _client(manager_a).post(
        _url("challenge-add", rating), {"kind": ChallengeKind.CHALLENGE, "note": "  "}
    )

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Challenge.objects.exists()
    with pytest.raises(BusinessRuleError, match=r"standard 1\.1"):
        challenge_add(rating=rating, kind="challenge", note=" ", by=manager_a)


def test_a_stale_response_is_refused(rating, manager_a, police_writer):
    challenge = challenge_add(rating=rating, kind="challenge", note="Why?", by=manager_a)
    opened = challenge.version
    challenge_respond(challenge=challenge, response="First.", by=police_writer, version=opened)

    with pytest.raises(StaleEditError):
        challenge_respond(
            challenge=Challenge.objects.get(), response="Second.", by=police_writer, version=opened
        )

    assert Challenge.objects.get().response == "First."


def test_the_organisation_hears_of_a_challenge_once_it_is_saved(
    rating, manager_a, police_writer, django_capture_on_commit_callbacks, mailoutbox
):
    mailoutbox.clear()  # the submission's own report e-mail is not this test's

    with django_capture_on_commit_callbacks(execute=True):
        challenge_add(rating=rating, kind="challenge", note="Who is the lead?", by=manager_a)

    (message,) = mailoutbox
    assert message.to == [police_writer.email]
    assert message.subject == "Challenge on your return: Section 11 audit (2025)"
    assert "standard 1.1 Senior lead for safeguarding is named" in message.body
    assert "Who is the lead?" in message.body
    assert f"/assurance/submissions/{rating.submission_id}/" in message.body

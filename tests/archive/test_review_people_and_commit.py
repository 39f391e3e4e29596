"""Saying who the people named in a file are, then committing: exact matches are shown as
matched, fuzzy ones asked "Is this X?", unknown ones kept by name; the commit waits until
every question is answered, then writes the meeting and shows its report."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from saferboard.archive import commit
from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.archive.review import review_save
from saferboard.meetings.models import Meeting
from tests.archive.uploads import csp_board, upload
from tests.factories import MembershipFactory, PersonFactory

DOCUMENT = {
    "schema": "saferboard.import/1",
    "source": "minutes-2019-03-14.txt",
    "meetings": [
        {
            "body": "Community Safety Partnership",
            "role": "minutes",
            "date": "2019-03-14",
            "start_time": "14:00",
            "venue": "Civic Centre",
            "chair": "Cllr Claire Kober",
            "members": [],
            "present": [
                {"name": "Cllr Claire Kober", "role": "Chair", "organisation": None},
                {"name": "Jon Abbey", "role": None, "organisation": None},
                {"name": "Sarah Hart", "role": None, "organisation": None},
            ],
            "in_attendance": [],
            "apologies": [],
            "declarations": [],
            "items": [
                {
                    "number": "1",
                    "title": "Antisocial behaviour plan",
                    "decision_type": "decision",
                    "pages": None,
                    "presenter": None,
                    "status": "taken",
                    "minutes_text": "The Board discussed the plan.",
                    "resolutions": ["That the plan be agreed."],
                    "actions": [],
                    "documents": [],
                }
            ],
            "future_meetings": [],
        }
    ],
    "action_log": [],
    "warnings": [],
}


@pytest.fixture
def board(partnership_a):
    return csp_board(partnership_a)


@pytest.fixture
def kober(partnership_a, board):
    person = PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kober")
    MembershipFactory(
        partnership=partnership_a, body=board, person=person, start_date=datetime.date(2018, 1, 1)
    )
    return person


@pytest.fixture
def abbey(partnership_a):
    return PersonFactory(partnership=partnership_a, given_name="John", family_name="Abbey")


@pytest.fixture
def import_file(client, partnership_a, clerk_a, board, kober, abbey) -> ImportFile:
    """A file the clerk has corrected to hold one meeting with three people present."""
    client.force_login(clerk_a)
    upload(client, partnership_a, board, ("minutes-2019-03-14.txt", b"Minutes of the meeting"))
    import_file = ImportFile.objects.get()
    return review_save(
        import_file=import_file, document=DOCUMENT, by=clerk_a, version=import_file.version
    )


def url(name, partnership, import_file):
    return reverse(f"archive:{name}", args=[partnership.slug, import_file.pk])


def test_the_people_page_asks_about_fuzzy_and_unknown_names(
    client, partnership_a, import_file, kober, abbey
):
    page = client.get(url("people", partnership_a, import_file)).content.decode()

    assert "Cllr Claire Kober: matched to Claire Kober" in page
    assert "Is “Jon Abbey” John Abbey?" in page
    assert "Who is “Sarah Hart”?" in page
    assert f'value="{kober.pk}"' in page
    assert f'value="{abbey.pk}"' in page
    assert "Not in the registry: keep the name as written" in page


def test_the_commit_waits_for_the_people_to_be_confirmed(client, partnership_a, import_file):
    page = client.get(url("commit", partnership_a, import_file)).content.decode()

    assert "Say who these people are before importing: Jon Abbey" in page
    assert "Import into Community Safety Partnership</button>" not in page
    response = client.post(url("commit", partnership_a, import_file), {"version": 2})
    assert "Say who these people are first: Jon Abbey" in response.content.decode()
    import_file.refresh_from_db()
    assert import_file.status == ImportStatus.READ
    assert not Meeting.objects.exists()


def test_confirmed_people_are_committed_and_the_report_shown(
    client, partnership_a, import_file, kober, abbey, board
):
    page = client.get(url("people", partnership_a, import_file)).content.decode()
    assert 'name="person_1"' in page
    answers = {
        "version": import_file.version,
        "person_0": kober.pk,
        "person_1": abbey.pk,
        "person_2": "none",
    }
    response = client.post(url("people", partnership_a, import_file), answers)
    assert response.url == url("commit", partnership_a, import_file)
    summary = client.get(response.url).content.decode()
    assert 'Jon Abbey</dt><dd class="govuk-summary-list__value">John Abbey' in summary
    assert 'Sarah Hart</dt><dd class="govuk-summary-list__value">Not in the registry' in summary
    assert "Meeting 1 (minutes of 14 March 2019)" in summary

    response = client.post(
        url("commit", partnership_a, import_file), {"version": import_file.version}
    )

    assert response.status_code == 302
    import_file.refresh_from_db()
    assert import_file.status == ImportStatus.COMMITTED
    report = client.get(response.url).content.decode()
    assert "minutes-2019-03-14.txt is imported" in report
    for kind, count in import_file.report["created"].items():
        label = commit.kind_label(kind)
        assert label != kind  # plain words ("agenda items"), not "meetings.agendaitem"
        assert f'Created: {label}</dt><dd class="govuk-summary-list__value">{count}' in report
    for note in import_file.report.get("notes", []):
        assert escape(note) in report
    meeting = Meeting.objects.get(bodies=board)
    assert meeting.date == datetime.date(2019, 3, 14)
    # Once imported, the file cannot be corrected or committed again.
    again = client.post(url("commit", partnership_a, import_file), {"version": import_file.version})
    assert "is already imported" in again.content.decode()
    assert Meeting.objects.count() == 1


def test_a_stale_commit_is_refused(client, partnership_a, import_file, kober, abbey, clerk_a):
    answers = {"version": import_file.version, "person_0": kober.pk, "person_1": "none"}
    client.post(url("people", partnership_a, import_file), answers | {"person_2": "none"})
    stale = import_file.version
    review_save(import_file=import_file, document=DOCUMENT, by=clerk_a, version=stale)

    response = client.post(url("commit", partnership_a, import_file), {"version": stale})

    assert "changed by someone else" in response.content.decode()
    import_file.refresh_from_db()
    assert import_file.status == ImportStatus.READ
    assert not Meeting.objects.exists()

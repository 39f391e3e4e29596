"""Papers go out N working days before the meeting (weekends and bank holidays skipped);
publishing after that deadline asks for the reason, and the meeting page says on time or late.
"""

import datetime

import holidays
import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.circulation import circulation_deadline
from saferboard.meetings.models import MeetingStatus
from saferboard.meetings.services import meeting_transition
from tests.factories import BodyFactory, MeetingFactory, TermsOfReferenceFactory

pytestmark = pytest.mark.django_db
ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=[2026, 2027])


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def meeting_on(partnership, body, day: datetime.date):
    return MeetingFactory(partnership=partnership, bodies=[body], date=day)


def test_the_deadline_skips_good_friday_and_easter_monday(partnership_a, the_board):
    # Thursday 9 April 2026, 5 working days: Wed 8, Tue 7, (Mon 6 Easter Monday, weekend,
    # Fri 3 Good Friday), Thu 2, Wed 1, Tue 31 March.
    assert {datetime.date(2026, 4, 3), datetime.date(2026, 4, 6)} <= set(ENGLAND)
    meeting = meeting_on(partnership_a, the_board, datetime.date(2026, 4, 9))

    assert circulation_deadline(meeting=meeting) == datetime.date(2026, 3, 31)


def test_the_deadline_skips_the_christmas_and_new_year_bank_holidays(partnership_a, the_board):
    # Tuesday 5 January 2027: Mon 4, (weekend, Fri 1 Jan), Thu 31, Wed 30, Tue 29,
    # (Mon 28 Boxing Day substitute, weekend, Fri 25 Christmas Day), Thu 24 December 2026.
    assert {
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 28),
        datetime.date(2027, 1, 1),
    } <= set(ENGLAND)
    meeting = meeting_on(partnership_a, the_board, datetime.date(2027, 1, 5))

    assert circulation_deadline(meeting=meeting) == datetime.date(2026, 12, 24)


def test_the_number_of_days_comes_from_the_terms_in_force_on_the_meeting_date(partnership_a):
    body = BodyFactory(partnership=partnership_a, name="Reducing Reoffending Board")
    TermsOfReferenceFactory(
        partnership=partnership_a, body=body, effective_date=datetime.date(2020, 1, 1)
    )
    TermsOfReferenceFactory(
        partnership=partnership_a,
        body=body,
        version_label="2026",
        effective_date=datetime.date(2026, 1, 1),
        circulation_working_days=10,
    )
    # Friday 17 July 2026, no bank holidays near: 10 working days back is Friday 3 July.
    meeting = meeting_on(partnership_a, body, datetime.date(2026, 7, 17))

    assert circulation_deadline(meeting=meeting) == datetime.date(2026, 7, 3)


def test_a_joint_meeting_follows_the_first_body_by_name(partnership_a, the_board):
    hwb = BodyFactory(partnership=partnership_a, name="Health and Wellbeing Board")
    TermsOfReferenceFactory(partnership=partnership_a, body=hwb, circulation_working_days=10)
    meeting = MeetingFactory(
        partnership=partnership_a, bodies=[the_board, hwb], date=datetime.date(2026, 7, 17)
    )

    # "Community Safety…" sorts before "Health…": its 5 days apply, not the board's 10.
    assert circulation_deadline(meeting=meeting) == datetime.date(2026, 7, 10)


def test_no_terms_of_reference_means_no_deadline(partnership_a, clerk_a):
    body = BodyFactory(partnership=partnership_a)
    meeting = meeting_on(partnership_a, body, datetime.date(2026, 4, 9))

    assert circulation_deadline(meeting=meeting) is None
    meeting_transition(
        meeting=meeting, to=MeetingStatus.AGENDA_PUBLISHED, by=clerk_a, expected_version=None
    )
    assert meeting.late_reason == "" and meeting.agenda_published_at is not None


def test_publishing_on_the_deadline_day_is_on_time(partnership_a, the_board, clerk_a):
    meeting = meeting_on(partnership_a, the_board, datetime.date(2026, 4, 9))
    when = at(datetime.date(2026, 3, 31), hour=16)

    meeting_transition(
        meeting=meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        by=clerk_a,
        expected_version=None,
        now=when,
        late_reason="ignored when on time",
    )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.agenda_published_at, meeting.late_reason) == (
        MeetingStatus.AGENDA_PUBLISHED,
        when,
        "",
    )


def test_publishing_after_the_deadline_without_a_reason_is_refused(
    partnership_a, the_board, clerk_a
):
    meeting = meeting_on(partnership_a, the_board, datetime.date(2026, 4, 9))

    with pytest.raises(BusinessRuleError, match="The papers are late: .* by Tuesday 31 March"):
        meeting_transition(
            meeting=meeting,
            to=MeetingStatus.AGENDA_PUBLISHED,
            by=clerk_a,
            expected_version=None,
            now=at(datetime.date(2026, 4, 1)),
            late_reason="   ",
        )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.agenda_published_at) == (MeetingStatus.DRAFT, None)


def test_a_late_publish_records_its_reason(partnership_a, the_board, clerk_a):
    meeting = meeting_on(partnership_a, the_board, datetime.date(2027, 1, 5))

    meeting_transition(
        meeting=meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        by=clerk_a,
        expected_version=None,
        now=at(datetime.date(2026, 12, 29)),
        late_reason=" Police report awaited ",
    )

    meeting.refresh_from_db()
    assert meeting.late_reason == "Police report awaited"
    assert meeting.history.first().late_reason == "Police report awaited"


def detail(client, partnership, meeting) -> str:
    url = reverse(
        "meetings:meeting-detail", kwargs={"partnership": partnership.slug, "pk": meeting.pk}
    )
    return client.get(url).content.decode()


def test_the_meeting_page_shows_the_deadline_and_the_verdict(
    partnership_a, the_board, clerk_a, viewer_a_client
):
    on_time = meeting_on(partnership_a, the_board, datetime.date(2026, 4, 9))
    meeting_transition(
        meeting=on_time,
        to=MeetingStatus.AGENDA_PUBLISHED,
        by=clerk_a,
        expected_version=None,
        now=at(datetime.date(2026, 3, 30)),
    )
    late = meeting_on(partnership_a, the_board, datetime.date(2027, 1, 5))
    meeting_transition(
        meeting=late,
        to=MeetingStatus.AGENDA_PUBLISHED,
        by=clerk_a,
        expected_version=None,
        now=at(datetime.date(2027, 1, 4)),
        late_reason="The venue changed",
    )

    page = detail(viewer_a_client, partnership_a, on_time)
    assert "Tuesday 31 March 2026" in page and "Published on time" in page
    page = detail(viewer_a_client, partnership_a, late)
    assert "Thursday 24 December 2026" in page
    assert "Published late</strong> (The venue changed)" in page


def test_the_late_publish_button_asks_for_the_reason(
    partnership_a, the_board, a_meeting, clerk_a_client
):
    # a_meeting (12 June 2025) is long past its deadline.
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}
    publish_url = reverse("meetings:agenda-publish", kwargs=kwargs)
    assert f'href="{publish_url}"' in detail(clerk_a_client, partnership_a, a_meeting)

    empty = clerk_a_client.post(publish_url, {"late_reason": "", "version": a_meeting.version})

    page = empty.content.decode()
    assert "There is a problem" in page and "Enter the reason the papers are late" in page
    assert 'class="govuk-textarea govuk-textarea--error"' in page
    a_meeting.refresh_from_db()
    assert a_meeting.status == MeetingStatus.DRAFT

    done = clerk_a_client.post(
        publish_url, {"late_reason": "Awaiting the audit report", "version": a_meeting.version}
    )

    assert done.status_code == 302
    a_meeting.refresh_from_db()
    assert (a_meeting.status, a_meeting.late_reason) == (
        MeetingStatus.AGENDA_PUBLISHED,
        "Awaiting the audit report",
    )
    assert "Published late</strong> (Awaiting the audit report)" in detail(
        clerk_a_client, partnership_a, a_meeting
    )


def test_the_plain_publish_button_refuses_a_late_publish_with_the_reason_needed(
    partnership_a, the_board, a_meeting, clerk_a_client
):
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}

    response = clerk_a_client.post(
        reverse("meetings:meeting-transition", kwargs=kwargs),
        {"to": MeetingStatus.AGENDA_PUBLISHED, "version": a_meeting.version},
        follow=True,
    )

    assert "The papers are late" in response.content.decode()
    a_meeting.refresh_from_db()
    assert a_meeting.status == MeetingStatus.DRAFT


def test_a_viewer_cannot_open_the_late_publish_form(partnership_a, a_meeting, viewer_a_client):
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}
    url = reverse("meetings:agenda-publish", kwargs=kwargs)

    assert viewer_a_client.get(url).status_code == 403
    assert viewer_a_client.post(url, {"late_reason": "x", "version": 1}).status_code == 403
    a_meeting.refresh_from_db()
    assert a_meeting.status == MeetingStatus.DRAFT

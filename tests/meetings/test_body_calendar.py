"""A body's calendar lists its past and future meetings and checks the terms of
reference's minimum meetings a year for each municipal year (1 May to 30 April)."""

import datetime

import pytest
from django.urls import reverse

from saferboard.meetings.models import MeetingStatus
from saferboard.meetings.selectors import (
    body_meeting_frequency_check,
    municipal_year_label,
    municipal_year_of,
)
from tests.factories import BodyFactory, MeetingFactory, TermsOfReferenceFactory

pytestmark = pytest.mark.django_db


def meetings_on(partnership, body, *dates, status=MeetingStatus.DRAFT):
    return [
        MeetingFactory(partnership=partnership, bodies=[body], date=day, status=status)
        for day in dates
    ]


@pytest.mark.parametrize(
    ("day", "year", "label"),
    [
        (datetime.date(2025, 4, 30), 2024, "2024/25"),
        (datetime.date(2025, 5, 1), 2025, "2025/26"),
        (datetime.date(2026, 1, 15), 2025, "2025/26"),
        (datetime.date(1999, 12, 31), 1999, "1999/00"),
    ],
)
def test_municipal_years_run_from_may_to_april(day, year, label):
    assert municipal_year_of(day) == year
    assert municipal_year_label(year) == label


def test_a_year_short_of_the_minimum_is_warned_in_plain_english(partnership_a, the_board):
    D = datetime.date
    # 30 April 2025 belongs to 2024/25 and 1 May 2026 to 2026/27: neither counts for 2025/26.
    meetings_on(
        partnership_a, the_board, D(2025, 4, 30), D(2025, 5, 1), D(2026, 4, 30), D(2026, 5, 1)
    )
    meetings_on(partnership_a, the_board, D(2025, 9, 1), status=MeetingStatus.CANCELLED)

    check = body_meeting_frequency_check(body=the_board, municipal_year=2025)

    assert (check.meetings, check.minimum, check.is_short) == (2, 4, True)
    assert check.message == (
        "2025/26: 2 meetings held or scheduled, the terms of reference ask for at least 4"
    )


def test_a_year_with_enough_meetings_passes(partnership_a, the_board):
    D = datetime.date
    meetings_on(
        partnership_a, the_board, D(2025, 6, 1), D(2025, 9, 1), D(2025, 12, 1), D(2026, 3, 1)
    )

    check = body_meeting_frequency_check(body=the_board, municipal_year=2025)

    assert not check.is_short
    assert check.message == (
        "2025/26: 4 meetings held or scheduled, meeting the terms of reference's minimum of 4"
    )


def test_the_minimum_comes_from_the_terms_in_force_at_the_years_end(partnership_a):
    body = BodyFactory(partnership=partnership_a)
    TermsOfReferenceFactory(
        partnership=partnership_a,
        body=body,
        effective_date=datetime.date(2012, 1, 1),
        min_meetings_per_year=3,
    )
    TermsOfReferenceFactory(
        partnership=partnership_a,
        body=body,
        version_label="2015",
        effective_date=datetime.date(2015, 7, 1),
        min_meetings_per_year=4,
    )
    meetings_on(partnership_a, body, datetime.date(2014, 6, 1), datetime.date(2014, 9, 1))

    assert body_meeting_frequency_check(body=body, municipal_year=2014).minimum == 3
    assert body_meeting_frequency_check(body=body, municipal_year=2015).minimum == 4


def test_a_body_without_terms_of_reference_has_no_minimum(partnership_a):
    body = BodyFactory(partnership=partnership_a)
    meetings_on(partnership_a, body, datetime.date(2025, 6, 1))

    check = body_meeting_frequency_check(body=body, municipal_year=2025)

    assert not check.is_short
    assert (
        check.message == "2025/26: 1 meeting held or scheduled; no terms of reference set a minimum"
    )


def test_the_calendar_page_lists_past_and_future_meetings_and_warns(
    partnership_a, the_board, viewer_a_client
):
    today = datetime.date.today()
    past = MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        date=today - datetime.timedelta(days=40),
        title="Spring board meeting",
    )
    future = MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        date=today + datetime.timedelta(days=40),
        title="Summer board meeting",
    )
    MeetingFactory(partnership=partnership_a, title="Another body's meeting")
    url = reverse(
        "meetings:body-calendar", kwargs={"partnership": partnership_a.slug, "pk": the_board.pk}
    )

    page = viewer_a_client.get(url).content.decode()

    future_part, past_part = page.split("Past meetings", 1)
    assert str(future) in future_part.split("Future meetings", 1)[1]
    assert str(past) in past_part
    assert "Another body" not in page
    year = municipal_year_of(today)
    expected = body_meeting_frequency_check(body=the_board, municipal_year=year).message
    assert expected.replace("'", "&#x27;") in page
    assert "Too few meetings" in page

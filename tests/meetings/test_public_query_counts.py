"""Public pages' query counts do not grow with the number of meetings, items and papers."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from saferboard.meetings.models import MeetingStatus
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PackFactory,
    PaperFactory,
    ResolutionFactory,
)

S = MeetingStatus


@pytest.fixture
def publishing(partnership_a):
    partnership_a.publishes_public_pages = True
    partnership_a.save()
    return partnership_a


def queries(address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(address).status_code == 200
    return len(captured)


def add_meeting(partnership, body, status=S.AGENDA_PUBLISHED):
    meeting = MeetingFactory(
        partnership=partnership, bodies=[body], status=status, date=datetime.date(2025, 3, 1)
    )
    item = AgendaItemFactory(partnership=partnership, meeting=meeting)
    PaperFactory(partnership=partnership, item=item)
    ResolutionFactory(partnership=partnership, item=item)
    return meeting, item


def test_the_meeting_page(publishing, the_board):
    meeting, _ = add_meeting(publishing, the_board)
    PackFactory(partnership=publishing, meeting=meeting)
    address = f"/public/{publishing.slug}/meetings/{meeting.pk}/"
    before = queries(address)

    for _ in range(3):
        item = AgendaItemFactory(partnership=publishing, meeting=meeting)
        PaperFactory(partnership=publishing, item=item)
        PaperFactory(partnership=publishing, item=item)
    AgendaItemFactory(partnership=publishing, meeting=meeting, is_exempt=True, exempt_paragraph=1)

    assert queries(address) == before


@pytest.mark.parametrize("page", ["", "decisions/", "calendar.ics"])
def test_the_body_pages(publishing, the_board, page):
    add_meeting(publishing, the_board, status=S.MINUTES_APPROVED)
    address = f"/public/{publishing.slug}/bodies/{the_board.pk}/{page}"
    before = queries(address)

    for _ in range(3):
        add_meeting(publishing, the_board, status=S.MINUTES_APPROVED)

    assert queries(address) == before

"""Substitutes and quorum: a substitute counts for the seat's organisation only where the
terms of reference let substitutes vote; where they may not, the attendance page shows
them as "attending, may not vote" and neither quorum nor an item's voters count them."""

import pytest
from django.urls import reverse

from saferboard.meetings.models import AttendanceStatus
from saferboard.meetings.selectors import item_voters, meeting_quorum
from tests.factories import AgendaItemFactory, AttendanceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_sends_a_substitute(partnership_a, a_meeting, seats):
    AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seats["chair"])
    AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seats["police"])
    return AttendanceFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        membership=seats["health"],
        status=AttendanceStatus.APOLOGIES,
        substitute_name="Dr Sue Stitute",
    )


def substitutes_may_not_vote(board):
    terms = board.terms_of_reference.get()
    terms.substitutes_may_vote = False
    terms.save()


def test_a_substitute_who_may_vote_makes_the_meeting_quorate(a_meeting, health_sends_a_substitute):
    verdict = meeting_quorum(meeting=a_meeting)

    assert verdict.result.is_quorate


def test_a_substitute_who_may_not_vote_does_not_count_towards_quorum(
    the_board, a_meeting, health_sends_a_substitute
):
    substitutes_may_not_vote(the_board)

    verdict = meeting_quorum(meeting=a_meeting)

    assert not verdict.result.is_quorate
    assert verdict.label == "Not quorate: no voting representative of health"


def test_a_substitute_who_may_not_vote_is_left_out_of_an_items_voters(
    partnership_a, the_board, a_meeting, seats, health_sends_a_substitute
):
    item = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting)
    assert item_voters(item=item).count == 3

    substitutes_may_not_vote(the_board)

    voters = item_voters(item=item)
    assert voters.count == 2
    assert health_sends_a_substitute not in voters.voters


def test_the_attendance_page_shows_the_substitute_as_attending_but_not_voting(
    partnership_a, the_board, a_meeting, health_sends_a_substitute, viewer_a_client
):
    substitutes_may_not_vote(the_board)
    url = reverse(
        "meetings:attendance", kwargs={"partnership": partnership_a.slug, "pk": a_meeting.pk}
    )

    page = viewer_a_client.get(url).content.decode()

    assert "Dr Sue Stitute" in page
    assert "Attending, may not vote" in page
    assert "Not quorate: no voting representative of health." in page
    assert "substitutes may not vote and so do not count towards quorum" in page


def test_where_substitutes_may_vote_the_page_does_not_say_otherwise(
    partnership_a, a_meeting, health_sends_a_substitute, viewer_a_client
):
    url = reverse(
        "meetings:attendance", kwargs={"partnership": partnership_a.slug, "pk": a_meeting.pk}
    )

    page = viewer_a_client.get(url).content.decode()

    assert "Dr Sue Stitute" in page
    assert "may not vote" not in page

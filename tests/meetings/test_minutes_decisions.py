"""The decisions of a meeting: the items on which something was resolved; the public list
leaves out exempt and OFFICIAL-SENSITIVE items."""

import pytest

from saferboard.meetings.minutes import meeting_decisions
from saferboard.meetings.models import SecurityMarking
from tests.factories import AgendaItemFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


def test_decisions_are_the_resolved_items_and_the_public_list_hides_non_public_ones(
    partnership_a, a_meeting
):
    def item(position, **kwargs):
        return AgendaItemFactory(
            partnership=partnership_a, meeting=a_meeting, position=position, **kwargs
        )

    resolved = item(1)
    exempt = item(2, is_exempt=True, exempt_paragraph=7)
    sensitive = item(3, security_marking=SecurityMarking.OFFICIAL_SENSITIVE)
    item(4)  # discussed, nothing resolved
    for decided in (resolved, exempt, sensitive):
        ResolutionFactory(partnership=partnership_a, item=decided)

    members = [d.item for d in meeting_decisions(meeting=a_meeting, public=False)]
    public = [d.item for d in meeting_decisions(meeting=a_meeting, public=True)]

    assert members == [resolved, exempt, sensitive]
    assert public == [resolved]

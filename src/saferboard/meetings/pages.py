"""What every page about one meeting shares: the meeting, the tabs, who may edit.

Each area of the meeting (agenda, papers and packs, declarations, minutes) has
its own views module; their pages subclass `MeetingPage` so that the meeting
header and its tabs look the same everywhere.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings.models import Meeting
from saferboard.meetings.selectors import meeting_list

# (label, URL name) in the order the tabs appear.
MEETING_TABS = [
    ("Overview", "meetings:meeting-detail"),
    ("Agenda", "meetings:agenda"),
    ("Papers and packs", "meetings:packs"),
    ("Attendance", "meetings:attendance"),
    ("Declarations", "meetings:declarations"),
    ("Minutes", "meetings:minutes"),
]


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def meeting_tabs(*, meeting: Meeting, current: str) -> list[Tab]:
    """The meeting's tabs; `current` is the URL name of the page being shown."""
    kwargs = {"partnership": meeting.partnership.slug, "pk": meeting.pk}
    return [
        Tab(label=label, url=reverse(name, kwargs=kwargs), current=name == current)
        for label, name in MEETING_TABS
    ]


class MeetingPageMixin(PartnershipMixin):
    """Loads `self.meeting` (404 outside the partnership) and fills the header context.

    Set `tab` to the page's URL name (e.g. "meetings:agenda") to highlight its tab.
    Editing pages set `allowed_roles = MEETING_EDITORS`.
    """

    model = Meeting
    tab = ""
    editor_roles = MEETING_EDITORS

    def dispatch(self, request, *args, **kwargs):
        self._meeting = None
        return super().dispatch(request, *args, **kwargs)

    @property
    def meeting(self) -> Meeting:
        if self._meeting is None:
            self._meeting = get_object_or_404(
                meeting_list(partnership=self.partnership), pk=self.kwargs["pk"]
            )
        return self._meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting,
            meeting_tabs=meeting_tabs(meeting=self.meeting, current=self.tab),
            can_edit=self.has_role(self.editor_roles),
        )
        return context


class MeetingPage(MeetingPageMixin, TemplateView):
    """A read page about one meeting; templates extend "meetings/meeting_page.html"."""

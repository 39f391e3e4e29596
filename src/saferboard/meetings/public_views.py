"""Public pages of partnerships that publish, under /public/<partnership>/: open to anyone.

The committee-system shape visitors know: a body's meetings, a meeting's agenda with papers,
packs, minutes and decisions, a body's decisions, and an iCalendar feed. What may be shown is
decided in meetings.public; these views only render it. Every route is 404 for a partnership
that does not publish.
"""

from django.http import FileResponse, Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from saferboard.meetings import ical, public
from saferboard.meetings.minutes import minutes_pdf
from saferboard.meetings.models import Meeting, MeetingStatus, Pack, Paper
from saferboard.registry.models import Body


class PublicMixin:
    """Sets `self.partnership`, or 404 if the partnership does not publish public pages."""

    def dispatch(self, request, *args, **kwargs):
        self.partnership = public.public_partnership_get(slug=kwargs["partnership"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["public_partnership"] = self.partnership
        return context


class PublicBody(PublicMixin, TemplateView):
    """A body's meetings calendar: upcoming and past, cancelled ones marked."""

    model = Body
    template_name = "meetings/public/body.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = public.public_body_get(partnership=self.partnership, pk=self.kwargs["pk"])
        context.update(
            body=body,
            meetings=public.public_body_meetings(body=body, today=timezone.localdate()),
        )
        return context


class PublicBodyDecisions(PublicMixin, TemplateView):
    model = Body
    template_name = "meetings/public/decisions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = public.public_body_get(partnership=self.partnership, pk=self.kwargs["pk"])
        context.update(body=body, decisions=public.public_decisions(body=body))
        return context


class PublicBodyFeed(PublicMixin, View):
    """The body's public meetings as iCalendar, for a visitor's calendar app."""

    model = Body

    def get(self, request, *args, **kwargs):
        body = public.public_body_get(partnership=self.partnership, pk=kwargs["pk"])
        meetings = list(
            public.public_meeting_list(partnership=self.partnership)
            .filter(bodies=body)
            .select_related("partnership")
            .order_by("date", "start_time")
        )

        def meeting_url(meeting: Meeting) -> str:
            return request.build_absolute_uri(
                reverse(
                    "public-meeting",
                    kwargs={"partnership": self.partnership.slug, "pk": meeting.pk},
                )
            )

        feed = ical.body_calendar_feed(body=body, meetings=meetings, meeting_url=meeting_url)
        response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{slugify(body.name)}.ics"'
        return response


class PublicMeeting(PublicMixin, TemplateView):
    """A meeting: when and where, packs, the agenda with papers, minutes and decisions."""

    model = Meeting
    template_name = "meetings/public/meeting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = public.public_meeting_get(partnership=self.partnership, pk=self.kwargs["pk"])
        minutes_public = public.minutes_are_public(meeting)
        context.update(
            meeting=meeting,
            agenda_public=public.agenda_is_public(meeting),
            agenda=public.public_agenda(meeting=meeting),
            packs=public.public_packs(meeting=meeting),
            cancelled=meeting.status == MeetingStatus.CANCELLED,
            minutes_public=minutes_public,
            minutes_draft=meeting.status == MeetingStatus.DRAFT_MINUTES,
        )
        return context


class PublicMinutesPdf(PublicMixin, View):
    """The public minutes (exempt items reduced to their withheld line), "draft" until approved."""

    model = Meeting

    def get(self, request, *args, **kwargs):
        meeting = public.public_meeting_get(partnership=self.partnership, pk=kwargs["pk"])
        if not public.minutes_are_public(meeting):
            raise Http404("The minutes of this meeting are not published yet.")
        response = HttpResponse(minutes_pdf(meeting=meeting, public=True), "application/pdf")
        name = f"minutes-{slugify(str(meeting))}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class PublicPaperDownload(PublicMixin, View):
    """A public item's paper as PDF; a non-public item's paper is 404, like a missing one."""

    model = Paper

    def get(self, request, *args, **kwargs):
        paper = public.public_paper_get(partnership=self.partnership, pk=kwargs["pk"])
        return FileResponse(
            paper.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{slugify(paper.title) or 'paper'}.pdf",
        )


class PublicPackDownload(PublicMixin, View):
    """A public agenda pack; members' (restricted) packs are 404 here."""

    model = Pack

    def get(self, request, *args, **kwargs):
        pack = public.public_pack_get(partnership=self.partnership, pk=kwargs["pk"])
        label = f"supplementary-pack-{pack.supplement}" if pack.supplement else "agenda-pack"
        return FileResponse(
            pack.file.open("rb"),
            content_type="application/pdf",
            filename=f"{label}-{slugify(str(pack.meeting))}.pdf",
        )


urlpatterns = [
    path("bodies/<int:pk>/", PublicBody.as_view(), name="public-body"),
    path("bodies/<int:pk>/decisions/", PublicBodyDecisions.as_view(), name="public-decisions"),
    path("bodies/<int:pk>/calendar.ics", PublicBodyFeed.as_view(), name="public-body-feed"),
    path("meetings/<int:pk>/", PublicMeeting.as_view(), name="public-meeting"),
    path("meetings/<int:pk>/minutes.pdf", PublicMinutesPdf.as_view(), name="public-minutes"),
    path("papers/<int:pk>/", PublicPaperDownload.as_view(), name="public-paper"),
    path("packs/<int:pk>/", PublicPackDownload.as_view(), name="public-pack"),
]

"""Pages for papers and packs: the "Papers and packs" tab, uploading, replacing and
removing papers, building the packs, and downloading papers and packs.

Rules live in meetings.papers and meetings.packs; these views parse and show.
Anyone in the partnership may download papers and packs; managers and clerks
upload papers and build packs.
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings import packs, papers
from saferboard.meetings.models import AgendaItem, Meeting, Pack, Paper
from saferboard.meetings.pack_forms import PaperReplaceForm, PaperUploadForm
from saferboard.meetings.pages import MeetingPage, MeetingPageMixin


def _pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'}"


def _packs_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse(
        "meetings:packs", kwargs={"partnership": meeting.partnership.slug, "pk": meeting.pk}
    )
    return f"{url}#{anchor}" if anchor else url


class _RecordOfMeeting(MeetingPageMixin):
    """A page whose `pk` names an item, paper or pack of a meeting (found in the partnership)."""

    tab = "meetings:packs"

    def record(self):
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(self.records(), pk=self.kwargs["pk"])
        return self._record

    def records(self):
        return self.model.objects.filter(partnership=self.partnership)

    @property
    def meeting(self) -> Meeting:
        return self.record().meeting


# --- the tab ------------------------------------------------------------------------


class PacksPage(MeetingPage):
    template_name = "meetings/packs.html"
    tab = "meetings:packs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        context.update(
            items=papers.meeting_items_with_papers(meeting=meeting),
            packs=list(packs.meeting_packs(meeting=meeting)),
            pending=packs.unbuilt_supplements(meeting=meeting),
        )
        return context


class PacksBuild(MeetingPageMixin, View):
    """The "Build the packs" button: public and members' packs, in one transaction."""

    allowed_roles = MEETING_EDITORS

    def get(self, request, *args, **kwargs):
        return redirect(_packs_url(self.meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.meeting
        try:
            built = packs.meeting_packs_build(meeting=meeting, by=request.user)
        except BusinessRuleError as error:
            messages.error(request, str(error))
        else:
            summary = "; ".join(f"{pack} ({pack.page_count} pages)" for pack in built.packs)
            messages.success(request, f"Packs built: {summary}.")
            for note in built.skipped:
                messages.info(request, note)
        return redirect(_packs_url(meeting, "packs"))


# --- papers -------------------------------------------------------------------------


class ItemPapers(_RecordOfMeeting, FormView):
    """An item's papers, with the form to upload another."""

    model = AgendaItem
    template_name = "meetings/paper_upload.html"
    form_class = PaperUploadForm
    allowed_roles = MEETING_EDITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.record()
        context.update(
            item=item,
            item_papers=list(item.papers.all()),
            next_supplement=papers.paper_next_supplement(item=item),
            back_url=_packs_url(self.meeting, f"item-{item.pk}"),
        )
        return context

    def form_valid(self, form):
        item = self.record()
        upload = form.cleaned_data["file"]
        try:
            paper = papers.paper_add(
                item=item,
                name=upload.name,
                data=upload.read(),
                title=form.cleaned_data["title"],
                by=self.request.user,
            )
        except BusinessRuleError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        late = (
            f" It is late, so it goes in supplementary pack {paper.supplement}."
            if (paper.supplement)
            else ""
        )
        messages.success(
            self.request,
            f"“{paper.title}” added to item {item}: {_pages(paper.page_count)}.{late}",
        )
        return redirect(self.request.path)


class PaperRemove(_RecordOfMeeting, FormView):
    """Replace a paper's file, or remove the paper."""

    model = Paper
    template_name = "meetings/paper_remove.html"
    form_class = PaperReplaceForm
    allowed_roles = MEETING_EDITORS

    def records(self):
        return papers.paper_list(partnership=self.partnership)

    @property
    def meeting(self) -> Meeting:
        return self.record().item.meeting

    def get_initial(self):
        return {"version": self.record().version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paper = self.record()
        context.update(
            paper=paper,
            item=paper.item,
            back_url=self._item_url(paper),
            file_url=reverse(
                "meetings:paper-file", kwargs={"partnership": self.partnership.slug, "pk": paper.pk}
            ),
        )
        return context

    def _item_url(self, paper: Paper) -> str:
        return reverse(
            "meetings:item-papers",
            kwargs={"partnership": self.partnership.slug, "pk": paper.item_id},
        )

    def post(self, request, *args, **kwargs):
        paper = self.record()
        if request.POST.get("action") == "remove":
            back = self._item_url(paper)
            title = paper.title
            papers.paper_remove(paper=paper, by=request.user)
            messages.success(request, f"“{title}” removed.")
            return redirect(back)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        paper = self.record()
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                papers.paper_replace(
                    paper=paper,
                    name=upload.name,
                    data=upload.read(),
                    by=self.request.user,
                    expected_version=form.cleaned_data["version"],
                )
        except (BusinessRuleError, StaleEditError) as error:
            form.add_error("file" if isinstance(error, BusinessRuleError) else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"“{paper.title}” replaced: {_pages(paper.page_count)}.")
        return redirect(self._item_url(paper))


def _pdf_response(field_file, filename: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file is missing.") from error
    return FileResponse(handle, content_type="application/pdf", filename=filename)


class PaperFile(_RecordOfMeeting, View):
    """A paper's PDF, for anyone in the partnership."""

    model = Paper

    def records(self):
        return papers.paper_list(partnership=self.partnership)

    @property
    def meeting(self) -> Meeting:
        return self.record().item.meeting

    def get(self, request, *args, **kwargs):
        paper = self.record()
        return _pdf_response(paper.pdf, papers.paper_download_name(paper=paper))


class PackFile(_RecordOfMeeting, View):
    """A built pack (public or members'), for anyone in the partnership."""

    model = Pack

    def records(self):
        return packs.pack_list(partnership=self.partnership)

    def get(self, request, *args, **kwargs):
        pack = self.record()
        name = packs.pack_file_name(
            meeting=pack.meeting, kind=pack.kind, supplement=pack.supplement
        )
        return _pdf_response(pack.file, name)


urlpatterns = [
    path("<int:pk>/packs/", PacksPage.as_view(), name="packs"),
    path("<int:pk>/packs/build/", PacksBuild.as_view(), name="packs-build"),
    path("items/<int:pk>/papers/", ItemPapers.as_view(), name="item-papers"),
    path("papers/<int:pk>/remove/", PaperRemove.as_view(), name="paper-remove"),
    path("papers/<int:pk>/file/", PaperFile.as_view(), name="paper-file"),
    path("packs/<int:pk>/file/", PackFile.as_view(), name="pack-file"),
]

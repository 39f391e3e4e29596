"""Archive pages for one file: the review (source text beside what was found), correcting a
meeting, saying who the people named are, and committing (docs/archive.md, "Reviewing in the
web app")."""

import datetime
import re

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from saferboard.archive import commit, matching, selectors
from saferboard.archive.forms import (
    ItemCorrectForm,
    ItemFormSet,
    MeetingCorrectForm,
    PeopleForm,
    VersionForm,
)
from saferboard.archive.intake import already_imported, found_counts
from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.archive.review import meeting_label, review_discard, review_save
from saferboard.archive.upload_views import ArchiveMixin
from saferboard.core.errors import BusinessRuleError, StaleEditError

WARNING_LINE = re.compile(r"^line (\d+):\s*(.*)$", re.DOTALL)
SESSION_PEOPLE = "archive_people"


class ImportFileMixin(ArchiveMixin):
    model = ImportFile

    @cached_property
    def import_file(self) -> ImportFile:
        return selectors.import_get(partnership=self.partnership, pk=self.kwargs["pk"])

    def file_url(self, name: str) -> str:
        return reverse(f"archive:{name}", args=[self.partnership.slug, self.import_file.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        import_file = self.import_file
        meetings = import_file.document.get("meetings") or []
        context.update(
            import_file=import_file,
            document=import_file.document,
            meetings=[
                {
                    "number": n,
                    "label": meeting_label(n, m),
                    "meeting": m,
                    "resolution_count": sum(
                        len(i.get("resolutions") or []) for i in m.get("items") or []
                    ),
                    "action_count": sum(len(i.get("actions") or []) for i in m.get("items") or []),
                }
                for n, m in enumerate(meetings, 1)
            ],
            can_change=import_file.status == ImportStatus.READ,
            urls={
                name: self.file_url(name)
                for name in ("review", "correct", "people", "commit", "source")
            },
        )
        return context


class Review(ImportFileMixin, TemplateView):
    """The source text with line numbers beside what was found, meeting by meeting, and
    the parser's warnings linked to their lines."""

    template_name = "archive/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        import_file = self.import_file
        warnings = []
        for text in import_file.document.get("warnings") or []:
            match = WARNING_LINE.match(text)
            line = int(match.group(1)) if match else None
            warnings.append({"line": line, "text": match.group(2) if match else text})
        context.update(
            lines=import_file.source_text.split("\n") if import_file.source_text else [],
            warnings=warnings,
            counts=found_counts(import_file.document),
            earlier=already_imported(import_file=import_file),
            discard_form=VersionForm(initial={"version": import_file.version}),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Start again from what was found (the corrections are thrown away)."""
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                review_discard(
                    import_file=self.import_file,
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except (BusinessRuleError, StaleEditError) as error:
                return self.render_to_response(self.get_context_data(problem=str(error)))
        return redirect(self.file_url("review"))


class Correct(ImportFileMixin, TemplateView):
    """One meeting's details, people and items, chosen with ?meeting=N (from 1)."""

    template_name = "archive/correct.html"

    def meeting_number(self) -> int:
        meetings = self.import_file.document.get("meetings") or []
        try:
            number = int(self.request.GET.get("meeting", "1"))
        except ValueError:
            number = 1
        return min(max(number, 1), max(len(meetings), 1))

    def forms(self, data=None) -> tuple[MeetingCorrectForm, ItemFormSet, VersionForm]:
        meetings = self.import_file.document.get("meetings") or []
        meeting = meetings[self.meeting_number() - 1] if meetings else {}
        items = meeting.get("items") or []
        return (
            MeetingCorrectForm(data, initial=MeetingCorrectForm.initial_for(meeting)),
            ItemFormSet(
                data, initial=[ItemCorrectForm.initial_for(item) for item in items], prefix="items"
            ),
            VersionForm(data, initial={"version": self.import_file.version}),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "meeting_form" not in kwargs:
            context["meeting_form"], context["items"], context["version_form"] = self.forms()
        number = self.meeting_number()
        context["number"] = number
        meetings = context["meetings"]
        context["meeting_label"] = meetings[number - 1]["label"] if meetings else None
        return context

    def post(self, request, *args, **kwargs):
        import_file = self.import_file
        meeting_form, items, version_form = self.forms(request.POST)
        valid = all([meeting_form.is_valid(), items.is_valid(), version_form.is_valid()])
        problems = []
        if valid:
            document = dict(import_file.document)
            meetings = list(document.get("meetings") or [])
            number = self.meeting_number()
            if meetings:
                original = meetings[number - 1]
                if meeting_form.cleaned_data["include"]:
                    originals = original.get("items") or []
                    new_items = []
                    for index, form in enumerate(items.forms):
                        if not form.has_changed() and index >= len(originals):
                            continue
                        if form.cleaned_data.get("leave_out"):
                            continue
                        base = originals[index] if index < len(originals) else _empty_item()
                        new_items.append(form.item(base))
                    meetings[number - 1] = meeting_form.meeting(original) | {"items": new_items}
                else:
                    del meetings[number - 1]
            document["meetings"] = meetings
            try:
                review_save(
                    import_file=import_file,
                    document=document,
                    by=request.user,
                    version=version_form.cleaned_data["version"],
                )
            except (BusinessRuleError, StaleEditError) as error:
                problems.append(str(error))
            else:
                return redirect(self.file_url("review"))
        context = self.get_context_data(
            meeting_form=meeting_form, items=items, version_form=version_form, problems=problems
        )
        context["error_list"] = _error_list(meeting_form, items, problems)
        return self.render_to_response(context)


def _empty_item() -> dict:
    return {
        "number": None,
        "title": "",
        "decision_type": None,
        "pages": None,
        "presenter": None,
        "status": None,
        "minutes_text": None,
        "resolutions": [],
        "actions": [],
        "documents": [],
    }


def _error_list(meeting_form, items, problems) -> list[dict]:
    """Every message of the meeting form and the item forms, each linking to its field."""
    errors = [{"message": problem, "href": ""} for problem in problems]
    errors += meeting_form.error_summary()
    for number, form in enumerate(items.forms, 1):
        for error in form.error_summary():
            errors.append({"message": f"Item {number}: {error['message']}", "href": error["href"]})
    return errors


def people_date(document: dict) -> datetime.date:
    """The day whose membership initials are read against: the first meeting's date."""
    for meeting in document.get("meetings") or []:
        try:
            return datetime.date.fromisoformat(meeting.get("date") or "")
        except ValueError:
            continue
    return datetime.date.today()


class PeopleStep(ImportFileMixin):
    """Matching the names in the document to the registry, and the clerk's confirmed
    answers, kept in the session until the commit."""

    @cached_property
    def found(self) -> list[matching.FoundName]:
        return matching.names_found(self.import_file.document)

    @cached_property
    def matches(self) -> list[matching.PersonMatch]:
        return matching.people_match(
            body=self.import_file.body,
            names=[name.name for name in self.found],
            on=people_date(self.import_file.document),
        )

    def confirmed(self) -> dict[str, int | None]:
        return self.request.session.get(SESSION_PEOPLE, {}).get(str(self.import_file.pk), {})

    def confirm(self, people: dict[str, int | None]) -> None:
        stored = self.request.session.get(SESSION_PEOPLE, {})
        stored[str(self.import_file.pk)] = people
        self.request.session[SESSION_PEOPLE] = stored

    def people_for_commit(self) -> tuple[dict[str, int | None], list[str]]:
        """The people to commit with, and the names still waiting for the clerk's answer."""
        confirmed = self.confirmed()
        people, waiting = {}, []
        for match in self.matches:
            if match.name in confirmed:
                people[match.name] = confirmed[match.name]
            elif match.needs_confirmation:
                waiting.append(match.name)
            else:
                people[match.name] = match.person.pk if match.person else None
        return people, waiting


class People(PeopleStep, TemplateView):
    template_name = "archive/people.html"

    def form(self, data=None) -> PeopleForm:
        confirmed = self.confirmed()
        initial = {"version": self.import_file.version}
        for number, match in enumerate(self.matches):
            if match.name in confirmed:
                initial[f"person_{number}"] = str(confirmed[match.name] or "none")
        return PeopleForm(data, matches=self.matches, found=self.found, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.form()
        context.update(
            form=form,
            rows=[
                {"field": form[f"person_{n}"], "match": match}
                for n, match in enumerate(self.matches)
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.confirm(form.people())
        return redirect(self.file_url("commit"))


REPORT_HEADINGS = (
    ("created", "Created"),
    ("reused", "Already there, reused"),
    ("updated", "Updated"),
)


def _report_rows(report: dict) -> list[tuple[str, str, int]]:
    """The commit report's counts as (heading, kind of record in plain words, count)."""
    return [
        (heading, commit.kind_label(kind), count)
        for key, heading in REPORT_HEADINGS
        for kind, count in (report.get(key) or {}).items()
    ]


class Commit(PeopleStep, TemplateView):
    """What the commit will create, then (on POST) the commit and its report."""

    template_name = "archive/commit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        import_file = self.import_file
        if import_file.status == ImportStatus.READ:
            people, waiting = self.people_for_commit()
            by_pk = {m.person.pk: m.person for m in self.matches if m.person}
            for match in self.matches:
                by_pk.update({p.pk: p for p in match.candidates})
            context.update(
                waiting=waiting,
                people=[(name, by_pk.get(pk) if pk else None) for name, pk in people.items()],
                action_log=import_file.document.get("action_log") or [],
                form=VersionForm(initial={"version": import_file.version}),
                earlier=already_imported(import_file=import_file),
            )
        elif import_file.status == ImportStatus.COMMITTED:
            context.update(report_rows=_report_rows(import_file.report))
        return context

    def post(self, request, *args, **kwargs):
        import_file = self.import_file
        form = VersionForm(request.POST)
        people, waiting = self.people_for_commit()
        if import_file.status != ImportStatus.READ:
            problem = f"{import_file.original_name} is already imported."
        elif waiting:
            problem = "Say who these people are first: " + ", ".join(waiting)
        elif not form.is_valid():
            problem = "The page was out of date: reload it and commit again."
        else:
            try:
                commit.import_commit(
                    import_file=import_file,
                    people=people,
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except (BusinessRuleError, StaleEditError) as error:
                problem = str(error)
                import_file.refresh_from_db()
            else:
                return redirect(self.file_url("commit"))
        return self.render_to_response(self.get_context_data(problem=problem))


urlpatterns = [
    path("files/<int:pk>/", Review.as_view(), name="review"),
    path("files/<int:pk>/edit/", Correct.as_view(), name="correct"),
    path("files/<int:pk>/people/", People.as_view(), name="people"),
    path("files/<int:pk>/commit/", Commit.as_view(), name="commit"),
]

"""Archive pages for taking files in: the list of imports and batches, uploading one file or
many (many stream a line per file as each is read), and downloading an original."""

from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.archive import selectors
from saferboard.archive.forms import UploadForm
from saferboard.archive.intake import (
    ARCHIVE_EDITORS,
    FileRead,
    already_imported,
    batch_read_steps,
    found_counts,
    import_file_read,
)
from saferboard.archive.models import ImportFile
from saferboard.archive.readers import ImportPackError
from saferboard.core.errors import BusinessRuleError
from saferboard.core.permissions import PartnershipMixin

PROGRESS_MARK = "<!-- progress -->"
PAGE_SIZE = 50


class ArchiveMixin(PartnershipMixin):
    allowed_roles = ARCHIVE_EDITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_url"] = reverse("archive:list", args=[self.partnership.slug])
        return context


class ImportList(ArchiveMixin, TemplateView):
    template_name = "archive/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        files = Paginator(
            selectors.import_list(partnership=self.partnership)
            .defer("source_text", "found", "reviewed")
            .annotate(
                corrected=ExpressionWrapper(Q(reviewed__isnull=False), output_field=BooleanField())
            ),
            PAGE_SIZE,
        ).get_page(self.request.GET.get("page"))
        context.update(
            files=files,
            batches=selectors.batch_list(partnership=self.partnership)[:PAGE_SIZE],
        )
        return context


class Upload(ArchiveMixin, FormView):
    """One file is read and opens its review; several become a batch, read one after
    another while the page shows each file as it is read."""

    template_name = "archive/upload.html"
    form_class = UploadForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def form_valid(self, form):
        body = form.cleaned_data["body"]
        files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        if len(files) == 1:
            name, data = files[0]
            try:
                import_file = import_file_read(
                    partnership=self.partnership, body=body, name=name, data=data,
                    by=self.request.user,
                )  # fmt: skip
            except (ImportPackError, BusinessRuleError) as error:
                form.add_error("files", str(error))
                return self.form_invalid(form)
            return redirect("archive:review", self.partnership.slug, import_file.pk)
        page = render_to_string(
            "archive/upload_progress.html",
            self.get_context_data(progress_mark=PROGRESS_MARK, total=len(files), body=body),
            request=self.request,
        )
        head, tail = page.split(PROGRESS_MARK)
        steps = batch_read_steps(
            partnership=self.partnership, body=body, files=files, by=self.request.user
        )
        return StreamingHttpResponse(self._stream(head, tail, steps))

    def _stream(self, head: str, tail: str, steps):
        yield head
        yield '<ol class="govuk-list govuk-list--number" id="progress">'
        batch = None
        for step in steps:
            if not isinstance(step, FileRead):
                batch = step
                continue
            yield render_to_string(
                "archive/upload_progress_line.html",
                {
                    "step": step,
                    "counts": found_counts(step.import_file.found),
                    "earlier": already_imported(import_file=step.import_file),
                },
            )
        yield "</ol>"
        yield render_to_string(
            "archive/upload_progress_done.html",
            {"batch_url": reverse("archive:batch", args=[self.partnership.slug, batch.pk])},
        )
        yield tail


class Original(ArchiveMixin, View):
    """The file as it was uploaded."""

    model = ImportFile

    def get(self, request, *args, **kwargs):
        import_file = selectors.import_get(partnership=self.partnership, pk=kwargs["pk"])
        if not import_file.original:
            raise Http404("This import has no stored original.")
        return FileResponse(
            import_file.original.open("rb"),
            as_attachment=True,
            filename=import_file.original_name,
        )


urlpatterns = [
    path("", ImportList.as_view(), name="list"),
    path("upload/", Upload.as_view(), name="upload"),
    path("files/<int:pk>/original/", Original.as_view(), name="source"),
]

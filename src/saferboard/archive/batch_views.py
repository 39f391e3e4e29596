"""The report of a batch: each file read together, with its status, what was found in it,
its warnings or why it could not be read, and a link to review it."""

from django.urls import path
from django.views.generic import TemplateView

from saferboard.archive import selectors
from saferboard.archive.intake import found_counts
from saferboard.archive.models import ImportBatch
from saferboard.archive.upload_views import ArchiveMixin


class BatchReport(ArchiveMixin, TemplateView):
    template_name = "archive/batch.html"
    model = ImportBatch

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = selectors.batch_get(partnership=self.partnership, pk=self.kwargs["pk"])
        files = list(batch.files.defer("source_text").order_by("pk"))
        committed = {
            (f.body_id, f.sha256): f
            for f in selectors.import_list(partnership=self.partnership)
            .select_related(None)
            .filter(sha256__in=[f.sha256 for f in files], status="committed")
            .exclude(batch=batch)
            .only("pk", "body_id", "sha256", "committed_at", "original_name")
        }
        rows = [
            {
                "file": f,
                "counts": found_counts(f.document),
                "earlier": committed.get((f.body_id, f.sha256)),
            }
            for f in files
        ]
        context.update(batch=batch, rows=rows)
        return context


urlpatterns = [path("batches/<int:pk>/", BatchReport.as_view(), name="batch")]

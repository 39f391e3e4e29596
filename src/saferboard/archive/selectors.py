"""Reads of archive imports, always scoped to one partnership."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from saferboard.archive.models import ImportBatch, ImportFile
from saferboard.core.models import Partnership


def import_list(*, partnership: Partnership) -> QuerySet[ImportFile]:
    """The partnership's imported files, newest first."""
    return ImportFile.objects.filter(partnership=partnership).select_related(
        "body", "batch", "uploaded_by", "committed_by"
    )


def import_get(*, partnership: Partnership, pk) -> ImportFile:
    """One imported file of `partnership`, or 404 (also for other partnerships' files)."""
    return get_object_or_404(import_list(partnership=partnership), pk=pk)


def batch_list(*, partnership: Partnership) -> QuerySet[ImportBatch]:
    """The partnership's batches, newest first."""
    return ImportBatch.objects.filter(partnership=partnership).select_related("body", "uploaded_by")


def batch_get(*, partnership: Partnership, pk) -> ImportBatch:
    """One batch of `partnership`, or 404."""
    return get_object_or_404(batch_list(partnership=partnership), pk=pk)

"""Archive imports: files read into the `saferboard.import/1` shape, reviewed by a clerk,
then committed as real records of one body (docs/archive.md).

An `ImportFile` keeps what the reader and parser found (`found`, never edited) beside the
clerk's corrected copy (`reviewed`), so a review can be resumed and an import explained
later. Every record a commit writes or reuses is listed in `ImportedRecord`, which is also
how a second import of the same file finds the records the first one made.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.registry.models import Body


def original_upload_to(import_file: "ImportFile", filename: str) -> str:
    return f"archive/{import_file.partnership_id}/{import_file.sha256[:2]}/{filename}"


class ImportBatch(TenantModel):
    """Files uploaded together (a folder of old packs), read one after another."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_count} files for {self.body} ({self.created_at:%d %B %Y})"


class ImportStatus(models.TextChoices):
    READ = "read", "Waiting for review"
    FAILED = "failed", "Could not be read"
    COMMITTED = "committed", "Imported"


class ImportFile(TenantModel):
    """One uploaded file: what was found in it, the clerk's corrections, and its outcome."""

    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body whose meetings the file holds.",
    )
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    original = models.FileField(upload_to=original_upload_to, max_length=300, blank=True)
    source_text = models.TextField(blank=True, help_text="The lines the reader gave, in order.")
    found = models.JSONField(default=dict, blank=True, help_text="The parser's document, as read.")
    reviewed = models.JSONField(
        null=True, blank=True, help_text="The document as the clerk corrected it."
    )
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.READ
    )
    error = models.TextField(blank=True, help_text="Why the file could not be read.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(
        default=dict, blank=True, help_text="What the commit created, reused and skipped."
    )
    history = HistoricalRecords(excluded_fields=["source_text", "found", "reviewed"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def document(self) -> dict:
        """The document to show and commit: the clerk's corrections, else what was found."""
        return self.reviewed if self.reviewed is not None else self.found


class ImportedRecord(TenantModel):
    """A record an import created or matched: `kind` is the model's label
    ("meetings.meeting", "actions.action"…), `key` the natural key it was matched on."""

    import_file = models.ForeignKey(ImportFile, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=60)
    object_id = models.PositiveIntegerField()
    key = models.CharField(max_length=300, blank=True)
    created = models.BooleanField(help_text="False where an existing record was reused.")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["partnership", "kind", "key"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} from {self.import_file}"

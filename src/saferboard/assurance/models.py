"""Partner assurance: self-assessment frameworks, the returns partner organisations make
against them, the dated submissions with their PDF reports and generated actions, and the
partnership's challenges (docs/assurance.md).

A framework (Section 11 audit, Prevent duty, …) has sections of standards. Each standard is
rated on one of the framework's scales; a level below "met" may carry a suggested action,
which becomes a real action in the action log when an organisation submits that rating.
A return is one organisation's answers to one framework; every submission freezes the
answers into `SubmittedRating` rows, so earlier submissions stay as they were.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.actions.models import Action
from saferboard.core.models import ReminderSent, TenantModel
from saferboard.registry.models import Body, Organisation


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for returns"
    CLOSED = "closed", "Closed"


class Framework(TenantModel):
    """A set of standards partners assess themselves against, in one version."""

    name = models.CharField(max_length=200, help_text="For example Section 11 audit.")
    version_label = models.CharField(max_length=40, help_text="For example 2025 or v2.")
    period_start = models.DateField(verbose_name="Period from")
    period_end = models.DateField(verbose_name="Period to")
    owner_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Owner",
        help_text="The board or sub-group that owns the framework.",
    )
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name", "version_label"],
                name="assurance_framework_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version_label})"


class RatingScale(TenantModel):
    """The answers a standard can be given, such as met / partially met / not met / not
    applicable, or 1 to 4."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scales")
    name = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "pk"]

    def __str__(self) -> str:
        return self.name


class RatingLevel(TenantModel):
    """One answer on a scale. `meets_standard` levels generate no action; a
    `not_applicable` level is left out of comparisons and the heat map's weak themes.
    `score` orders levels for comparison (higher is better)."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(max_length=20, help_text="Short, for example met or 3.")
    label = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    score = models.SmallIntegerField(null=True, blank=True)
    meets_standard = models.BooleanField(default=False)
    not_applicable = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scale", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="assurance_level_code_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Section(TenantModel):
    """A group of standards, shown on one page of the return."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Standard(TenantModel):
    """One thing an organisation is asked to show it does."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="standards")
    number = models.CharField(max_length=10, help_text="For example 1.2.")
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True, help_text="What good looks like, and what to show.")
    scale = models.ForeignKey(RatingScale, on_delete=models.PROTECT, related_name="standards")
    evidence_required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section__order", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class SuggestedAction(TenantModel):
    """The action an organisation is given when it rates a standard at `level`."""

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="suggested_actions"
    )
    level = models.ForeignKey(RatingLevel, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    due_in_days = models.PositiveSmallIntegerField(
        default=90, help_text="Days from submission to the action's due date."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "level__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "level"], name="assurance_one_action_per_level"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Variant(TenantModel):
    """A shorter form of the framework (for example for small organisations): a subset of
    its standards."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(max_length=100, help_text="For example Small organisations.")
    description = models.TextField(blank=True)
    standards = models.ManyToManyField(Standard, related_name="variants")
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "name"]

    def __str__(self) -> str:
        return self.name


class ReturnStatus(models.TextChoices):
    INVITED = "invited", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class AssuranceReturn(TenantModel):
    """One organisation's self-assessment against one framework. It is submitted, and may be
    updated and submitted again; each submission is kept."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="returns")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    variant = models.ForeignKey(
        Variant,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leave empty for the full framework.",
    )
    due_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(
        blank=True, help_text="Who is reminded. Empty: the organisation's contributors."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "organisation"], name="assurance_one_return_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.framework}"


class Answer(TenantModel):
    """The organisation's current answer to one standard (the working copy of the return)."""

    assurance_return = models.ForeignKey(
        AssuranceReturn, on_delete=models.CASCADE, related_name="answers"
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True, help_text="How you meet the standard, or why not.")
    evidence_link = models.URLField(blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assurance_return", "standard__section__order", "standard__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assurance_return", "standard"], name="assurance_one_answer_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard.number}: {self.level or 'not answered'}"


class Evidence(TenantModel):
    """A file attached to an answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="assurance/evidence/", max_length=300)
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["answer", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(TenantModel):
    """A dated, frozen copy of a return as submitted, with its PDF report."""

    assurance_return = models.ForeignKey(
        AssuranceReturn, on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField(help_text="1 for the first submission, and so on.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    report_pdf = models.FileField(upload_to="assurance/reports/", max_length=300, blank=True)

    class Meta:
        ordering = ["assurance_return", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assurance_return", "number"], name="assurance_submission_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assurance_return} – submission {self.number}"


class SubmittedRating(TenantModel):
    """One standard's rating as it was submitted."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)
    evidence_link = models.URLField(blank=True, max_length=500)
    evidence_titles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["submission", "standard__section__order", "standard__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "standard"], name="assurance_one_rating_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard.number}: {self.level or 'not answered'}"


class GeneratedAction(TenantModel):
    """An action-log action made from a rating below "met" in a submission."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="generated_actions"
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return f"{self.standard.number} -> action {self.action_id}"


class ChallengeKind(models.TextChoices):
    CHALLENGE = "challenge", "Challenge"
    PEER_REVIEW = "peer_review", "Peer review note"


class Challenge(TenantModel):
    """The partnership questions a submitted rating; the organisation answers."""

    rating = models.ForeignKey(SubmittedRating, on_delete=models.CASCADE, related_name="challenges")
    kind = models.CharField(max_length=20, choices=ChallengeKind.choices)
    note = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rating", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.rating}"


class AssuranceReminder(ReminderSent):
    """One reminder e-mail sent, so the daily command never sends it twice a day.
    `subject` names what it is about ("return:12")."""

    class Meta(ReminderSent.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["email", "subject", "sent_on"], name="assurance_reminder_once_a_day"
            )
        ]

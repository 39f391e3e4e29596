"""Grant funds, their ledger, bids through their stages, eligibility, assessment, decisions,
awards with tranches, and the monitoring of funded projects.

Money rules (docs/funding.md):
- A fund's balance is never typed: it is derived from its `LedgerEntry` rows
  (funding/ledger.py). Cash held = income - releases + returns + money reallocated in - money
  reallocated out. Committed = awards - releases - award reductions. Available to award =
  cash held - committed.
- Amounts are whole pence in `Decimal` fields with two places; entries are positive and the
  kind says which way the money moves. Entries are never edited or deleted: a mistake is put
  right by another entry.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import ReminderSent, TenantModel
from saferboard.meetings.models import AgendaItem, Meeting, Resolution
from saferboard.registry.models import Organisation

MONEY = {"max_digits": 12, "decimal_places": 2}


class FundSource(models.TextChoices):
    POCA = "poca", "Proceeds of Crime Act (POCA)"
    CRIME_PREVENTION_FUND = "crime_prevention_fund", "Crime prevention fund"
    COMMUNITY_SAFETY_FUND = "community_safety_fund", "Community safety fund"
    SMALL_GRANTS = "small_grants", "Small grants"
    OTHER = "other", "Other"


class FundPeriod(models.TextChoices):
    FINANCIAL_YEAR = "financial_year", "One financial year"
    ROLLING = "rolling", "Rolling (open until the money is spent)"


class FundStatus(models.TextChoices):
    OPEN = "open", "Open for bids"
    CLOSED = "closed", "Closed to new bids"


class Fund(TenantModel):
    """A pot of grant money with its rules: what it funds, how much, for how long."""

    name = models.CharField(max_length=200)
    reference_prefix = models.CharField(
        max_length=12, help_text="Bids are numbered with it, for example POCA (POCA-2020-003)."
    )
    source = models.CharField(max_length=30, choices=FundSource.choices)
    description = models.TextField(blank=True)
    period = models.CharField(max_length=20, choices=FundPeriod.choices)
    financial_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the financial year starts: 2020 for 2020/21."
    )
    status = models.CharField(max_length=10, choices=FundStatus.choices, default=FundStatus.OPEN)
    minimum_award = models.DecimalField(**MONEY)
    maximum_award = models.DecimalField(**MONEY)
    standard_term_months = models.PositiveSmallIntegerField(default=12)
    match_funding_expectation = models.TextField(
        blank=True, help_text="For example: match funding is urged but not required."
    )
    priority_areas = models.JSONField(default=list, help_text="The outcomes the fund supports.")
    key_themes = models.JSONField(default=list, help_text="Bids choose at least one.")
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="People who score this fund's bids (they see all of its bids).",
    )
    deciding_body = models.ForeignKey(
        "registry.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The board or group whose meetings decide the bids.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_award__lte=models.F("maximum_award")),
                name="fund_minimum_not_above_maximum",
                violation_error_message="The minimum award cannot be more than the maximum.",
            ),
            models.CheckConstraint(
                condition=~Q(period="financial_year") | Q(financial_year__isnull=False),
                name="fund_financial_year_given",
                violation_error_message="Say which financial year the fund is for.",
            ),
            models.UniqueConstraint(
                fields=["partnership", "reference_prefix"], name="fund_unique_reference_prefix"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RuleKind(models.TextChoices):
    REQUIREMENT = "requirement", "Eligibility requirement"
    EXCLUSION = "exclusion", "Exclusion"


class EligibilityRule(TenantModel):
    """One line of a fund's eligibility checklist: a requirement the applicant must meet (a
    governing document) or an exclusion that must not apply (retrospective costs)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(max_length=12, choices=RuleKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    wording = models.CharField(max_length=300)
    guidance = models.TextField(blank=True, help_text="What evidence the officer looks for.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.wording


class Criterion(TenantModel):
    """An assessment criterion of a fund, scored 0 to `maximum_score`, weighted."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    maximum_score = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "position", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.title


class LegalForm(models.TextChoices):
    CHARITY = "charity", "Registered charity"
    CIO = "cio", "Charitable incorporated organisation"
    COMPANY = "company", "Company limited by guarantee"
    CIC = "cic", "Community interest company"
    COMMUNITY_GROUP = "community_group", "Constituted community group"
    PARTNER_AGENCY = "partner_agency", "Partner agency"


class Applicant(TenantModel):
    """An organisation that bids: a charity or company (with its Charity Commission or
    Companies House number), a community group, or a partner agency of the registry.

    Contributors act for an applicant when they are among its `users` or work for its
    registry organisation."""

    name = models.CharField(max_length=200)
    legal_form = models.CharField(max_length=20, choices=LegalForm.choices)
    charity_number = models.CharField(max_length=12, blank=True)
    company_number = models.CharField(max_length=8, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The registry organisation, for partner agencies and partners' own bodies.",
    )
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Accounts that draft and submit bids and reports for this applicant.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    DRAFT = "draft", "Draft"
    EXPRESSION_OF_INTEREST = "expression_of_interest", "Expression of interest"
    PRESENTATION = "presentation", "Presentation"
    FULL_APPLICATION = "full_application", "Full application"
    DECISION = "decision", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The order bids move through; withdrawn is an exit from any open stage.
STAGE_ORDER = [
    Stage.DRAFT,
    Stage.EXPRESSION_OF_INTEREST,
    Stage.PRESENTATION,
    Stage.FULL_APPLICATION,
    Stage.DECISION,
]


class Bid(TenantModel):
    """An applicant's bid to a fund for a project."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="bids")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="bids")
    reference = models.CharField(max_length=30, help_text="For example POCA-2020-003.")
    project_title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    amount_requested = models.DecimalField(**MONEY)
    term_months = models.PositiveSmallIntegerField()
    proposed_start = models.DateField(null=True, blank=True)
    priority_areas = models.JSONField(
        default=list, blank=True, help_text="Chosen from the fund's list."
    )
    key_themes = models.JSONField(
        default=list, blank=True, help_text="Chosen from the fund's list."
    )
    need = models.TextField(blank=True, help_text="The evidenced need.")
    means = models.TextField(blank=True, help_text="How the project will meet it.")
    evaluation_plan = models.TextField(blank=True)
    match_funding_amount = models.DecimalField(**MONEY, default=0)
    match_funding_source = models.CharField(max_length=300, blank=True)
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.DRAFT)
    stage_changed_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="bid_unique_reference"
            ),
            models.CheckConstraint(condition=Q(amount_requested__gt=0), name="bid_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.project_title}"


class StageChange(TenantModel):
    """A bid moved from one stage to another: when, by whom, and why."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=30, choices=Stage.choices)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.bid.reference}: {self.from_stage} -> {self.to_stage}"


class DocumentKind(models.TextChoices):
    GOVERNING_DOCUMENT = "governing_document", "Governing document"
    ACCOUNTS = "accounts", "Accounts"
    POLICY = "policy", "Policy (safeguarding, equality)"
    BUDGET = "budget", "Budget"
    APPLICATION = "application", "Application form"
    REPORT = "report", "Report or evaluation"
    OTHER = "other", "Other"


class BidDocument(TenantModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="funding/")
    file_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["bid", "kind", "pk"]

    def __str__(self) -> str:
        return self.title


class CheckResult(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class EligibilityCheck(TenantModel):
    """The officer's answer to one eligibility rule for one bid. For a requirement, "met"
    means the applicant meets it; for an exclusion, "met" means the bid is clear of it. A
    "not met" answer blocks the full application stage, and its reason is shown to the
    applicant."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="checks")
    rule = models.ForeignKey(EligibilityRule, on_delete=models.PROTECT, related_name="checks")
    result = models.CharField(max_length=20, choices=CheckResult.choices)
    reason = models.TextField(blank=True, help_text="Shown to the applicant; needed if not met.")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "rule"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "rule"], name="eligibility_check_once"),
            models.CheckConstraint(
                condition=~Q(result="not_met") | ~Q(reason=""),
                name="eligibility_not_met_has_reason",
                violation_error_message="Give the reason the requirement is not met.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid.reference}: {self.rule} – {self.get_result_display()}"


class Recommendation(models.TextChoices):
    FUND = "fund", "Fund"
    FUND_WITH_CONDITIONS = "fund_with_conditions", "Fund with conditions"
    DO_NOT_FUND = "do_not_fund", "Do not fund"


class Assessment(TenantModel):
    """One assessor's assessment of one bid. An assessor with a conflict of interest records
    it and scores nothing."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    conflict_of_interest = models.BooleanField(default=False)
    conflict_details = models.TextField(blank=True)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    comments = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "assessor"], name="assessment_once_per_assessor"
            ),
            models.CheckConstraint(
                condition=Q(conflict_of_interest=False) | ~Q(conflict_details=""),
                name="assessment_conflict_described",
                violation_error_message="Describe the conflict of interest.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid.reference} by {self.assessor}"


class Score(TenantModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    REJECTED = "rejected", "Rejected"
    REDIRECTED = "redirected", "Redirected to other funding"


APPROVING = frozenset({Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS})


class Decision(TenantModel):
    """What the deciding meeting resolved about a bid, linked to the item and resolution."""

    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    decided_on = models.DateField()
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why: required for a rejection.")
    conditions = models.TextField(blank=True, help_text="Required when approved with conditions.")
    redirected_to = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(reason=""),
                name="decision_rejection_has_reason",
                violation_error_message="Give the reason for the rejection.",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="approved_with_conditions") | ~Q(conditions=""),
                name="decision_conditions_given",
                violation_error_message="Set out the conditions of the approval.",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="redirected") | ~Q(redirected_to=""),
                name="decision_redirect_names_funding",
                violation_error_message="Say which other funding the bid is redirected to.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid.reference}: {self.get_outcome_display()}"


class AwardStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"


class Award(TenantModel):
    """The grant an approval makes: the total committed, its term, its review date."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="award")
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="award")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="awards")
    total = models.DecimalField(**MONEY)
    starts_on = models.DateField()
    ends_on = models.DateField()
    review_on = models.DateField(
        null=True, blank=True, help_text="The in-grant review, for example after nine months."
    )
    status = models.CharField(
        max_length=20, choices=AwardStatus.choices, default=AwardStatus.ACTIVE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="award_total_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="award_ends_after_start",
                violation_error_message="The grant cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid.reference}: £{self.total:,.2f}"


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    RELEASED = "released", "Released"
    CANCELLED = "cancelled", "Cancelled (money back to the fund)"


class Tranche(TenantModel):
    """A part of an award paid out on a date, perhaps on a condition ("after the review")."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)
    due_on = models.DateField()
    condition = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED
    )
    released_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "number"]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="tranche_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Tranche {self.number}: £{self.amount:,.2f}"


class EntryKind(models.TextChoices):
    INCOME = "income", "Income"
    AWARD = "award", "Award (committed)"
    RELEASE = "release", "Release (paid out)"
    RETURN = "return", "Return of unused money"
    AWARD_REDUCTION = "award_reduction", "Unreleased award money back to the fund"
    REALLOCATION_IN = "reallocation_in", "Reallocated in from another fund"
    REALLOCATION_OUT = "reallocation_out", "Reallocated out to another fund"


class LedgerEntry(TenantModel):
    """One movement of a fund's money. Append-only: never edited or deleted."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(**MONEY)
    on = models.DateField()
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    tranche = models.ForeignKey(
        Tranche, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    other_fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["fund", "on", "pk"]
        verbose_name_plural = "ledger entries"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind__in=["award", "release", "return", "award_reduction"])
                | Q(award__isnull=False),
                name="ledger_award_entries_name_award",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["reallocation_in", "reallocation_out"])
                | Q(other_fund__isnull=False),
                name="ledger_reallocation_names_fund",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund}: {self.get_kind_display()} £{self.amount:,.2f} on {self.on}"


class MilestoneStatus(models.TextChoices):
    DUE = "due", "Due"
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    MISSED = "missed", "Missed"


class Milestone(TenantModel):
    """A milestone or target of a funded project ("30 outreach sessions by March")."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    target = models.CharField(max_length=200, blank=True, help_text="For example 30 sessions.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.DUE
    )
    achieved = models.CharField(max_length=200, blank=True, help_text="What was achieved.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "Progress report"
    REVIEW = "review", "In-grant review"
    EVALUATION = "evaluation", "End-of-grant evaluation"


class ReportStatus(models.TextChoices):
    DUE = "due", "Due"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Continue the grant"
    END = "end", "End the grant: release nothing more"


class MonitoringReport(TenantModel):
    """A progress report, the in-grant review or the end-of-grant evaluation: due on a date,
    submitted by the grantee, accepted by the officer."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DUE)
    narrative = models.TextField(blank=True)
    outputs = models.TextField(blank=True, help_text="Counts against the targets.")
    spend_to_date = models.DecimalField(**MONEY, null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_comments = models.TextField(blank=True)
    review_outcome = models.CharField(
        max_length=10,
        choices=ReviewOutcome.choices,
        blank=True,
        help_text="What the in-grant review decided.",
    )
    accepted_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"


class VariationKind(models.TextChoices):
    CHANGE_OF_USE = "change_of_use", "Change request"
    EXTENSION = "extension", "Extension"


class VariationStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class Variation(TenantModel):
    """A grantee's request to change how the money is used or to extend the grant; changes
    need the partnership's prior approval."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="variations")
    kind = models.CharField(max_length=20, choices=VariationKind.choices)
    description = models.TextField()
    new_ends_on = models.DateField(null=True, blank=True, help_text="For an extension.")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=VariationStatus.choices, default=VariationStatus.REQUESTED
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="extension") | Q(new_ends_on__isnull=False),
                name="variation_extension_has_date",
                violation_error_message="Give the new end date of the grant.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class FundingReminder(ReminderSent):
    """One reminder e-mail sent, so `saferboard funding-reminders` never sends it twice a
    day. `subject` names what it is about ("report:12", "tranche:4", "review:3")."""

    class Meta(ReminderSent.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["email", "subject", "sent_on"], name="funding_reminder_once_a_day"
            )
        ]

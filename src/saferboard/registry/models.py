"""The partnership's registry: bodies, organisations, people, posts, seats and rules.

Organisations, people and posts are separate things (Popolo): a person holds a
post in an organisation and through it a seat on a body for a period. Changing
who holds a seat ends one `Membership` and starts another, so "who sat on the
board on date D" is always answerable.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel, User


class BodyKind(models.TextChoices):
    BOARD = "board", "Board"
    SUB_GROUP = "sub_group", "Sub-group"
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"
    EXTERNAL = "external", "External board"


class Body(TenantModel):
    """A board or group that meets: the CSP itself, a sub-group, a board met in common."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True, help_text="For example PMG.")
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names the body is known by in papers."
    )
    kind = models.CharField(max_length=20, choices=BodyKind.choices, default=BodyKind.BOARD)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_groups",
        help_text="The body this one is a sub-group of.",
    )
    reports_to = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="receives_reports_from",
        help_text="Bodies this one reports to (a sub-group may report to several).",
    )
    purpose = models.TextField(blank=True)
    minute_number_prefix = models.CharField(
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9/-]*$", "Use letters, digits, / or - only.")],
        help_text="Minutes of this body are numbered with this prefix and a running number "
        "(HSP16, HSP17). Leave empty to use the partnership's.",
    )
    is_case_panel = models.BooleanField(
        default=False,
        help_text="A case panel (MARAC, community MARAC, Channel): saferboard holds its "
        "terms of reference and counts, never its cases.",
    )
    history = HistoricalRecords(m2m_fields=[reports_to])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="unique_body_name",
                violation_error_message="There is already a body with this name.",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="body_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.parent_id and self.parent.partnership_id != self.partnership_id:
            raise ValidationError({"parent": "Choose a body of this partnership."})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A body cannot be a sub-group of itself."})
            ancestor = ancestor.parent


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    PROBATION = "probation", "Probation"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community"
    BUSINESS = "business", "Business"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


class Organisation(TenantModel):
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True, help_text="For example MPS or LFB.")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    is_responsible_authority = models.BooleanField(
        default=False,
        verbose_name="Responsible authority",
        help_text="A statutory partner under section 5 of the Crime and Disorder Act 1998.",
    )
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="unique_organisation_name",
                violation_error_message="There is already an organisation with this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(TenantModel):
    title = models.CharField(max_length=40, blank=True, help_text="For example Cllr, Ch Supt, Dr.")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="The saferboard account of this person, if they have one.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    @property
    def initials(self) -> str:
        return f"{self.given_name[:1]}{self.family_name[:1]}".upper()


class Post(TenantModel):
    """A job title in an organisation, such as Borough Commander."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                name="unique_post_title",
                violation_error_message="This organisation already has a post with this title.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation.short_name or self.organisation.name}"

    def clean(self):
        if self.organisation_id and self.organisation.partnership_id != self.partnership_id:
            raise ValidationError({"organisation": "Choose an organisation of this partnership."})


class MembershipCategory(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    INVITED = "invited", "Invited"
    CO_OPTED = "co_opted", "Co-opted"
    EX_OFFICIO = "ex_officio", "Ex-officio"
    SUPPORTING_ADVISER = "supporting_adviser", "Supporting adviser"
    ADDITIONAL = "additional", "Additional representative"


# Co-optees vote; ex-officio members and supporting advisers do not (domain R16).
VOTING_CATEGORIES = frozenset(
    {
        MembershipCategory.STATUTORY,
        MembershipCategory.INVITED,
        MembershipCategory.CO_OPTED,
        MembershipCategory.ADDITIONAL,
    }
)


class BodyRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
    MEMBER = "member", "Member"


CHAIRING_ROLES = frozenset(
    {BodyRole.CHAIR, BodyRole.CO_CHAIR, BodyRole.VICE_CHAIR, BodyRole.DEPUTY_CHAIR}
)


class Membership(TenantModel):
    """A seat on a body held by a person (or vacant) for a period."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="Leave empty for a vacant seat.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="The organisation the seat represents.",
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    category = models.CharField(max_length=20, choices=MembershipCategory.choices)
    role = models.CharField(max_length=20, choices=BodyRole.choices, default=BodyRole.MEMBER)
    voting_override = models.BooleanField(
        null=True,
        blank=True,
        help_text="Leave unset to follow the category (statutory, invited, co-opted and "
        "additional members vote; ex-officio members and advisers do not).",
    )
    deputy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
        help_text="The seat this person deputises for.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status_note = models.CharField(
        max_length=200, blank=True, help_text="For example interim, vacant or on secondment."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "start_date"]
        indexes = [models.Index(fields=["body", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        holder = str(self.person) if self.person_id else "Vacant"
        return f"{holder} ({self.organisation}) on {self.body}"

    @property
    def is_voting(self) -> bool:
        if self.voting_override is not None:
            return self.voting_override
        return self.category in VOTING_CATEGORIES

    @property
    def is_chairing_role(self) -> bool:
        return self.role in CHAIRING_ROLES

    def clean(self):
        errors = {}
        for name in ("body", "person", "organisation", "post", "deputy_of"):
            related = getattr(self, name, None)
            if related is not None and related.partnership_id != self.partnership_id:
                errors[name] = "Choose one from this partnership."
        if (
            self.post_id
            and self.organisation_id
            and self.post.organisation_id != self.organisation_id
        ):
            errors["post"] = "The post must belong to the organisation the seat represents."
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date."
        if self.deputy_of_id and self.deputy_of_id == self.pk:
            errors["deputy_of"] = "A seat cannot deputise for itself."
        if errors:
            raise ValidationError(errors)


class TermsOfReference(TenantModel):
    """One version of a body's terms of reference, with the rules saferboard checks."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms_of_reference")
    version_label = models.CharField(max_length=40, help_text="For example 2015 or v3.")
    effective_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    document = models.FileField(upload_to="terms-of-reference/", blank=True)
    min_meetings_per_year = models.PositiveSmallIntegerField(
        default=4,
        verbose_name="Minimum meetings a year",
    )
    quorum_requires_chair = models.BooleanField(
        default=True,
        help_text="The chair, a co-chair or a vice-chair must be present for the meeting "
        "to be quorate.",
    )
    quorum_sectors = models.JSONField(
        default=list,
        blank=True,
        help_text="Sectors that must each have a voting representative present.",
    )
    circulation_working_days = models.PositiveSmallIntegerField(
        default=5,
        verbose_name="Papers circulated this many working days before",
    )
    absence_limit = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1)],
        help_text="An organisation unrepresented at this many consecutive meetings is asked "
        "to reappoint or reconfirm its representative.",
    )
    substitutes_may_vote = models.BooleanField(default=True)
    voting_rules = models.TextField(blank=True, help_text="How votes are taken, in words.")
    history = HistoricalRecords()
    # The history table shows sector names, not codes (core.history).
    history_choices = {"quorum_sectors": Sector.choices}

    class Meta:
        ordering = ["body__name", "-effective_date"]
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "effective_date"],
                name="one_terms_of_reference_per_day",
                violation_error_message="This body already has terms of reference effective "
                "from that date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} terms of reference ({self.version_label})"

    @property
    def quorum_sector_labels(self) -> str:
        labels = dict(Sector.choices)
        return ", ".join(labels.get(code, code) for code in self.quorum_sectors) or "No sector"

    def clean(self):
        errors = {}
        if self.body_id and self.body.partnership_id != self.partnership_id:
            errors["body"] = "Choose a body of this partnership."
        unknown = [code for code in self.quorum_sectors or [] if code not in Sector.values]
        if unknown:
            errors["quorum_sectors"] = f"Unknown sector: {', '.join(unknown)}."
        else:
            # One fixed order, so re-saving the same sectors records no change in history.
            chosen = set(self.quorum_sectors or [])
            self.quorum_sectors = [code for code in Sector.values if code in chosen]
        if self.review_date and self.effective_date and self.review_date < self.effective_date:
            errors["review_date"] = "The review date must be after the effective date."
        if errors:
            raise ValidationError(errors)

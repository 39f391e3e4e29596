"""Tenancy: partnerships, users and the roles users hold in them.

`TenantModel` is the base of every domain row: it ties the row to one
partnership and carries the version number that refuses stale saves.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.core.roles import Role


class User(AbstractUser):
    """A person who logs in. Their standing in each partnership is a `PartnershipRole`."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Partnership(models.Model):
    """The tenant: one Community Safety Partnership and everything it owns."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in web addresses.")
    short_name = models.CharField(max_length=60, blank=True)
    area_description = models.TextField(blank=True)
    local_authority_codes = models.JSONField(
        default=list, blank=True, help_text="ONS codes, for example E09000014."
    )
    police_force_names = models.JSONField(
        default=list, blank=True, help_text="As police.uk names them, for example metropolitan."
    )
    publishes_public_pages = models.BooleanField(default=False)
    minute_number_prefix = models.CharField(
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9/-]*$", "Use letters, digits, / or - only.")],
        help_text="Minutes are numbered with this prefix and a running number, e.g. HSP16.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipRole(models.Model):
    """A user's role in one partnership. A user may hold several roles and partnerships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="partnership_roles")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="unique_role_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"


class TenantModel(models.Model):
    """A record that belongs to exactly one partnership and refuses stale saves."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ReminderSent(TenantModel):
    """One reminder e-mail sent, so a daily reminder command never sends it twice a day.
    `subject` names what it is about ("report:12", "return:3"). Each concrete model adds the
    unique constraint on (email, subject, sent_on) that makes sending idempotent."""

    email = models.EmailField()
    subject = models.CharField(max_length=60)
    sent_on = models.DateField()

    class Meta:
        abstract = True
        ordering = ["-sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} to {self.email} on {self.sent_on}"

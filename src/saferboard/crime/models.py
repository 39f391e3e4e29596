"""police.uk crime data: the records as published, their monthly counts, and the areas a
partnership analyses them for.

Crime records are public police.uk data, the same for every partnership a force serves,
so they are stored once for the whole deployment (`CrimeRecord`, `CrimeCount`,
`LoadedMonth`, `CrimeImport` have no partnership). What a partnership owns is its
`Area`s: which forces and which LSOAs its figures are taken from. See docs/crime.md.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.core.models import Partnership, TenantModel


class CrimeType(models.TextChoices):
    """police.uk's crime categories, stored exactly as its files write them."""

    ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
    BICYCLE_THEFT = "Bicycle theft"
    BURGLARY = "Burglary"
    CRIMINAL_DAMAGE_AND_ARSON = "Criminal damage and arson"
    DRUGS = "Drugs"
    OTHER_CRIME = "Other crime"
    OTHER_THEFT = "Other theft"
    POSSESSION_OF_WEAPONS = "Possession of weapons"
    PUBLIC_ORDER = "Public order"
    ROBBERY = "Robbery"
    SHOPLIFTING = "Shoplifting"
    THEFT_FROM_THE_PERSON = "Theft from the person"
    VEHICLE_CRIME = "Vehicle crime"
    VIOLENCE_AND_SEXUAL_OFFENCES = "Violence and sexual offences"


class Area(TenantModel):
    """Where a partnership's figures come from: rows falling within its `forces` (none named:
    any force) and lying in its `lsoa_codes` (none: anywhere, including rows with no
    location). `lsoa_codes` holds the LSOAs of `local_authority_codes`, resolved from the
    ONS lookup when the area is saved through `services.area_create`, plus any named."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, help_text="Used in web addresses and the command line.")
    description = models.TextField(blank=True)
    forces = models.JSONField(
        default=list,
        blank=True,
        help_text="Police forces as police.uk's “Falls within” names them, for example "
        "City of London Police.",
    )
    local_authority_codes = models.JSONField(
        default=list, blank=True, help_text="ONS codes, for example E09000001."
    )
    lsoa_codes = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="crime_area_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class SubArea(TenantModel):
    """A named part of an area (a ward, an MSOA, a town centre) as a list of LSOAs."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="sub_areas")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    lsoa_codes = models.JSONField(default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "slug"], name="crime_sub_area_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.name}"


class CrimeImport(models.Model):
    """One run of the importer (a command line or an upload): what it read and stored.

    `partnership` is the partnership whose page the files were uploaded through; empty for
    the command line. The records themselves are shared (see the module docstring)."""

    created_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_names = models.JSONField(default=list)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_replaced = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rejected_reasons = models.JSONField(default=dict, help_text="Reason: how many rows.")
    months = models.JSONField(default=list, help_text="YYYY-MM of every month imported.")
    forces = models.JSONField(default=list)
    notes = models.JSONField(default=list, help_text="Data-quality notes, in plain English.")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({len(self.file_names)} files)"


class LoadedMonth(models.Model):
    """A force's month is loaded: which import holds it now. Re-importing replaces it."""

    force = models.CharField(max_length=100)
    month = models.DateField(help_text="The first day of the month.")
    crime_import = models.ForeignKey(CrimeImport, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    rows = models.PositiveIntegerField()

    class Meta:
        ordering = ["force", "month"]
        constraints = [
            models.UniqueConstraint(fields=["force", "month"], name="crime_loaded_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.month:%Y-%m}"


class CrimeRecord(models.Model):
    """One row of a police.uk street file, as published. Anti-social behaviour rows have no
    Crime ID and no outcome; rows with "No Location" have no coordinates and no LSOA."""

    crime_import = models.ForeignKey(CrimeImport, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    crime_id = models.CharField(max_length=80, blank=True)
    reported_by = models.CharField(max_length=100)
    force = models.CharField(max_length=100, help_text="police.uk's “Falls within”.")
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True)
    lsoa_code = models.CharField(max_length=12, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    crime_type = models.CharField(max_length=60, choices=CrimeType.choices)
    outcome = models.CharField(max_length=120, blank=True, help_text="Last outcome category.")
    context = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["force", "month"], name="crime_record_force_month")]

    def __str__(self) -> str:
        return f"{self.crime_type} {self.month:%Y-%m} {self.location}"


class CrimeCount(models.Model):
    """How many records there are for a month, force, crime type, outcome and LSOA.

    Rebuilt for every force and month an import touches, in the import's transaction, so
    analyses read this small table rather than the records."""

    month = models.DateField()
    force = models.CharField(max_length=100)
    crime_type = models.CharField(max_length=60, choices=CrimeType.choices)
    outcome = models.CharField(max_length=120, blank=True)
    lsoa_code = models.CharField(max_length=12, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["force", "month"], name="crime_count_force_month"),
            models.Index(fields=["lsoa_code", "month"], name="crime_count_lsoa_month"),
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.month:%Y-%m} {self.crime_type}: {self.count}"

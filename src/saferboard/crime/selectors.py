"""Reads for the crime pages and command line: areas, loaded months and imports."""

import datetime

from django.db.models import Count, Max, Min, QuerySet

from saferboard.core.models import Partnership
from saferboard.crime import geography
from saferboard.crime.models import Area, CrimeCount, CrimeImport, LoadedMonth, SubArea


def area_list(*, partnership: Partnership) -> QuerySet[Area]:
    return Area.objects.filter(partnership=partnership)


def area_get(*, partnership: Partnership, pk: int) -> Area:
    """The partnership's area; Area.DoesNotExist for anyone else's."""
    return Area.objects.get(partnership=partnership, pk=pk)


def sub_area_list(*, area: Area) -> QuerySet[SubArea]:
    return SubArea.objects.filter(partnership_id=area.partnership_id, area=area)


def sub_area_get(*, partnership: Partnership, pk: int) -> SubArea:
    """The partnership's sub-area, with its area; SubArea.DoesNotExist for anyone else's."""
    return SubArea.objects.select_related("area").get(partnership=partnership, pk=pk)


AREA_LSOAS_LISTED = 500


def area_lsoas(*, area: Area) -> list[tuple[str, str]]:
    """(code, name) of the area's LSOAs, to choose a sub-area's from: its own list, or for an
    area of whole forces those its forces' loaded records lie in. At most AREA_LSOAS_LISTED."""
    if area.lsoa_codes:
        known = geography.lsoas()
        return [
            (code, known[code].name if code in known else "")
            for code in area.lsoa_codes[:AREA_LSOAS_LISTED]
        ]
    counts = CrimeCount.objects.exclude(lsoa_code="")
    if area.forces:
        counts = counts.filter(force__in=area.forces)
    return list(
        counts.values_list("lsoa_code", "lsoa_name")
        .distinct()
        .order_by("lsoa_name", "lsoa_code")[:AREA_LSOAS_LISTED]
    )


def area_for_reference(text: str) -> Area:
    """An area named on the command line: "PARTNERSHIP/AREA", or "AREA" where only one
    partnership has an area of that slug. ValueError with a plain message otherwise."""
    partnership_slug, _, slug = text.rpartition("/")
    areas = Area.objects.filter(slug=slug).select_related("partnership")
    if partnership_slug:
        areas = areas.filter(partnership__slug=partnership_slug)
    found = list(areas[:3])
    if not found:
        raise ValueError(f"There is no area “{text}”. Give an area's slug, or PARTNERSHIP/AREA.")
    if len(found) > 1:
        raise ValueError(
            f"More than one partnership has an area “{slug}”: write it as PARTNERSHIP/AREA, "
            f"for example {found[0].partnership.slug}/{slug}."
        )
    return found[0]


def forces_loaded() -> list[str]:
    return list(LoadedMonth.objects.values_list("force", flat=True).distinct().order_by("force"))


def loaded_months_by_force(*, forces: list[str] | None = None) -> list[dict]:
    """Per force: first and last month loaded and how many months, for the overview."""
    rows = LoadedMonth.objects.all()
    if forces is not None:
        rows = rows.filter(force__in=forces)
    return list(
        rows.values("force")
        .annotate(first=Min("month"), last=Max("month"), months=Count("id"))
        .order_by("force")
    )


def latest_loaded_month(*, forces: list[str] | None = None) -> datetime.date | None:
    rows = LoadedMonth.objects.all()
    if forces:
        rows = rows.filter(force__in=forces)
    return rows.aggregate(last=Max("month"))["last"]


def months_loaded(*, forces: list[str] | None = None) -> list[datetime.date]:
    """Every month loaded for any of `forces` (any force, for none), oldest first."""
    rows = LoadedMonth.objects.all()
    if forces:
        rows = rows.filter(force__in=forces)
    return list(rows.values_list("month", flat=True).distinct().order_by("month"))


def import_list(*, partnership: Partnership, limit: int = 20) -> list[CrimeImport]:
    """Recent imports, newest first. Imports through another partnership's page are listed
    without saying whose (the records are shared; who uploaded them is that partnership's)."""
    imports = list(CrimeImport.objects.select_related("by")[:limit])
    for crime_import in imports:
        crime_import.ours = crime_import.partnership_id == partnership.pk
        crime_import.through = (
            "Command line"
            if crime_import.partnership_id is None
            else ("This partnership" if crime_import.ours else "Another partnership")
        )
    return imports

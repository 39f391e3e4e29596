"""Police.uk counts as a performance data source: an indicator can take its values from the
monthly crime counts, and they fill themselves after each import.

An indicator whose "Where values come from" is `police_uk` has settings
(`value_source_options`, chosen on the indicator form from selects: `option_fields`)
{"area": "<the slug of one of its partnership's areas>",
"type": "<a police.uk crime type>" | "all" | "all-crime"}. Its value for a month, quarter or
financial year is the count of that type in that area over the period's months, or None
(no information) when a month of the period is not loaded for the area's forces.

`crime_import` calls `indicators_refresh_after_import` inside its transaction, so a failed
refresh stores nothing, and a re-import stores the same values (values_refresh leaves an
unchanged figure alone).
"""

from django import forms

from saferboard.crime import analysis
from saferboard.crime.models import Area, CrimeImport, CrimeType
from saferboard.performance import periods as period_rules
from saferboard.performance.models import Indicator
from saferboard.performance.services import values_refresh
from saferboard.performance.sources import register_value_source

KEY = "police_uk"
LABEL = "Police.uk crime counts"


def _area_of(indicator: Indicator) -> Area | None:
    slug = (indicator.value_source_options or {}).get("area")
    if not slug:
        return None
    return Area.objects.filter(partnership_id=indicator.partnership_id, slug=slug).first()


def indicator_value(indicator: Indicator, period: period_rules.Period) -> int | None:
    """The count for the indicator's area and crime type over the period's months; None when
    the area is gone, the type is unknown or a month of the period is not loaded."""
    area = _area_of(indicator)
    if area is None:
        return None
    try:
        crime_type = analysis.crime_type_for(
            str((indicator.value_source_options or {}).get("type", analysis.ALL))
        )
    except ValueError:
        return None
    scope = analysis.scope_for_area(area)
    months = analysis.months_between(period.start, period.end)
    if not set(months) <= set(analysis.loaded_months(scope=scope)):
        return None
    series = analysis.monthly_series(
        scope=scope, crime_type=crime_type, first=months[0], last=months[-1]
    )
    return sum(count for _, count in series)


def check_options(options: dict, partnership) -> dict:
    """The indicator form's check of the settings: an area of this partnership and a crime
    type. Returns them cleaned (the type as police.uk writes it); ValueError says what's wrong."""
    unknown = sorted(set(options) - {"area", "type"})
    if unknown:
        raise ValueError(
            f"Police.uk crime counts take only “area” and “type” settings, not "
            f"{', '.join(f'“{name}”' for name in unknown)}."
        )
    slugs = list(Area.objects.filter(partnership=partnership).values_list("slug", flat=True))
    slug = str(options.get("area") or "").strip()
    if slug not in slugs:
        known = ", ".join(slugs) if slugs else "none yet: add one under Crime data"
        raise ValueError(
            f"Police.uk crime counts need “area” set to one of your areas ({known})"
            + (f"; “{slug}” is not one." if slug else ".")
        )
    try:
        crime_type = analysis.crime_type_for(str(options.get("type") or analysis.ALL))
    except ValueError as error:
        raise ValueError(f"The “type” setting: {error}") from error
    return {"area": slug, "type": crime_type}


def option_fields(partnership) -> dict[str, forms.Field]:
    """The indicator form's settings for this source: one of the partnership's areas and a
    crime type (the form names them source_area and source_type)."""

    def area_choices():
        areas = Area.objects.filter(partnership=partnership).values_list("slug", "name")
        return [("", "Choose an area")] + [(slug, name) for slug, name in areas]

    return {
        "area": forms.ChoiceField(
            label="Area (police.uk crime counts)",
            choices=area_choices,
            help_text="Only for police.uk crime counts: the area whose records are counted. "
            "Areas are set up under Crime data.",
        ),
        "type": forms.ChoiceField(
            label="Crime type (police.uk crime counts)",
            choices=[
                (analysis.ALL, analysis.TOTALS[analysis.ALL]),
                (analysis.ALL_CRIME, analysis.TOTALS[analysis.ALL_CRIME]),
                *((value, value) for value in CrimeType.values),
            ],
            initial=analysis.ALL,
            help_text="Only for police.uk crime counts.",
        ),
    }


def indicator_periods(indicator: Indicator) -> list[period_rules.Period]:
    """Every period of the indicator's frequency from the first to the last month loaded for
    its area's forces (periods missing a month compute as None and are skipped)."""
    area = _area_of(indicator)
    if area is None:
        return []
    loaded = analysis.loaded_months(scope=analysis.scope_for_area(area))
    if not loaded:
        return []
    return period_rules.periods_between(indicator.frequency, loaded[0], loaded[-1])


def indicators_refresh_after_import(batch: CrimeImport) -> int:
    """Refresh every police.uk indicator, in any partnership, whose area covers a force the
    import loaded (an area naming no force covers them all). Returns how many."""
    loaded = set(batch.forces)
    refreshed = 0
    for indicator in Indicator.objects.filter(value_source=KEY).select_related("partnership"):
        area = _area_of(indicator)
        if area is None or (area.forces and not loaded & set(area.forces)):
            continue
        values_refresh(indicator=indicator, periods=indicator_periods(indicator), by=batch.by)
        refreshed += 1
    return refreshed


def register() -> None:
    register_value_source(
        KEY, LABEL, indicator_value, check_options=check_options, option_fields=option_fields
    )

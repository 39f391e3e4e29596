"""Data sources: where an indicator can take its values from instead of partner returns.

An app that can compute a value for a period (the crime app's police.uk counts, for one)
registers a source once at start-up:

    register_value_source("police_uk_crimes", "police.uk recorded crime", compute)

where `compute(indicator, period)` returns the value for that indicator and period, or
None when it has no data. An indicator whose `value_source` is that key then gets its
values from `services.values_refresh`, stored as IndicatorValue rows with `source` set
to the key, so the RAG rule, dashboard and reports treat them like any return.

A source whose indicators need settings (an area, a crime type) also passes
`check_options(options, partnership)`, which returns the cleaned settings or raises
ValueError with a plain message, and may pass `option_fields(partnership)`, which returns
the form fields for those settings by name ({"area": forms.ChoiceField(...), ...}). The
indicator form shows them as `source_<name>` and assembles the chosen ones into
`value_source_options`; a source declaring no fields has its settings typed as JSON in
"Data source settings".
"""

from collections.abc import Callable
from dataclasses import dataclass

from saferboard.performance.models import ValueSource


@dataclass(frozen=True)
class ValueSourceEntry:
    key: str
    label: str
    compute: Callable  # (indicator, Period) -> number | None
    check_options: Callable | None = None  # (options, partnership) -> options; ValueError
    option_fields: Callable | None = None  # (partnership) -> {name: forms.Field}


_SOURCES: dict[str, ValueSourceEntry] = {}


def register_value_source(
    key: str,
    label: str,
    compute: Callable,
    check_options: Callable | None = None,
    option_fields: Callable | None = None,
) -> ValueSourceEntry:
    """Make a data source available to indicators. Registering a key again replaces it."""
    if key == ValueSource.RETURNS:
        raise ValueError(f"“{key}” is reserved for partner returns.")
    entry = ValueSourceEntry(
        key=key,
        label=label,
        compute=compute,
        check_options=check_options,
        option_fields=option_fields,
    )
    _SOURCES[key] = entry
    return entry


def unregister_value_source(key: str) -> None:
    _SOURCES.pop(key, None)


def value_source_get(key: str) -> ValueSourceEntry | None:
    return _SOURCES.get(key)


def value_source_option_fields(partnership) -> dict[str, dict]:
    """Each source's settings fields for the partnership: {key: {name: field}}, for the
    sources that declare them."""
    return {
        entry.key: entry.option_fields(partnership)
        for entry in sorted(_SOURCES.values(), key=lambda e: e.label)
        if entry.option_fields is not None
    }


def value_source_choices() -> list[tuple[str, str]]:
    """Partner returns first, then every registered source, for a form's choices."""
    return [(ValueSource.RETURNS.value, ValueSource.RETURNS.label)] + [
        (entry.key, entry.label) for entry in sorted(_SOURCES.values(), key=lambda e: e.label)
    ]


def value_source_label(key: str) -> str:
    if key == ValueSource.RETURNS:
        return ValueSource.RETURNS.label
    entry = _SOURCES.get(key)
    return entry.label if entry else f"{key} (not available)"

"""Writes to the performance framework: indicators, comparators, manual RAG overrides, and
values computed by data sources. Partner returns are written by performance/returns.py.

Every write goes through core.services so history records who did it and a stale copy
never overwrites a newer one.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.performance import periods as period_rules
from saferboard.performance.models import (
    Comparator,
    Indicator,
    IndicatorValue,
    Rag,
    ValueSource,
)
from saferboard.performance.sources import value_source_get


def _check_value_source(key: str) -> None:
    if key != ValueSource.RETURNS and value_source_get(key) is None:
        raise BusinessRuleError(
            f"“{key}” is not a data source this site has. Choose partner returns or one of "
            "the data sources listed.",
            field="value_source",
        )


@transaction.atomic
def indicator_create(*, partnership: Partnership, by: User | None, **fields: Any) -> Indicator:
    _check_value_source(fields.get("value_source", ValueSource.RETURNS))
    return record_create(model=Indicator, partnership=partnership, by=by, **fields)


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by: User | None, expected_version: int | None, **changes: Any
) -> Indicator:
    if "value_source" in changes and changes["value_source"] != indicator.value_source:
        _check_value_source(changes["value_source"])
    return record_update(instance=indicator, by=by, expected_version=expected_version, **changes)


@transaction.atomic
def indicator_value_override(
    *,
    indicator_value: IndicatorValue,
    by: User | None,
    rag: str,
    reason: str,
    expected_version: int | None,
) -> IndicatorValue:
    """Set red, amber or green by hand for one value, or clear it (rag=""). Audited.

    Setting one needs a reason: it is shown beside the colour wherever the value appears.
    """
    reason = (reason or "").strip()
    if rag and rag not in Rag.values:
        raise BusinessRuleError("Choose red, amber or green, or none.", field="rag_override")
    if rag and not reason:
        raise BusinessRuleError(
            f"Say why {indicator_value.indicator.code} for "
            f"{period_rules.period_of(indicator_value.period_start, indicator_value.period_end)}"
            f" is set to {Rag(rag).label.lower()} by hand: the reason is shown beside it.",
            field="rag_override_reason",
        )
    return record_update(
        instance=indicator_value,
        by=by,
        expected_version=expected_version,
        rag_override=rag,
        rag_override_reason=reason if rag else "",
    )


@transaction.atomic
def comparator_add(
    *,
    indicator: Indicator,
    by: User | None,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    value=None,
    rank: int | None = None,
    rank_of: int | None = None,
) -> Comparator:
    """Add a comparison for one period: a value (London average) or a rank (3rd of 32)."""
    if value is None and rank is None:
        raise BusinessRuleError(
            "Give the comparator's value (such as the London average) or a rank.",
            field="value",
        )
    if (rank is None) != (rank_of is None):
        raise BusinessRuleError(
            "A rank needs both the position and how many it is out of (such as 3 of 32).",
            field="rank_of" if rank is not None else "rank",
        )
    if rank is not None and not 1 <= rank <= rank_of:
        raise BusinessRuleError(
            f"A rank of {rank} out of {rank_of} is not possible: the position must be "
            f"between 1 and {rank_of}.",
            field="rank",
        )
    if period_end < period_start:
        raise BusinessRuleError("The period must end on or after its start.", field="period_end")
    if indicator.comparators.filter(
        name=name, period_start=period_start, period_end=period_end
    ).exists():
        raise BusinessRuleError(
            f"{indicator.code} already has “{name}” for "
            f"{period_rules.period_of(period_start, period_end)}.",
            field="name",
        )
    return record_create(
        model=Comparator,
        partnership=indicator.partnership,
        by=by,
        indicator=indicator,
        name=name,
        period_start=period_start,
        period_end=period_end,
        value=value,
        rank=rank,
        rank_of=rank_of,
    )


def _recent_periods(indicator: Indicator, today: datetime.date) -> list:
    """The completed periods of the indicator's frequency over the last two financial years."""
    last = period_rules.previous(period_rules.period_for(indicator.frequency, today))
    first_day = period_rules.financial_year_of(today).start.replace(
        year=period_rules.financial_year_of(today).start.year - 2
    )
    return period_rules.periods_between(indicator.frequency, first_day, last.end)


@transaction.atomic
def values_refresh(
    *,
    indicator: Indicator,
    periods: list | None = None,
    by: User | None = None,
    today: datetime.date | None = None,
) -> list[IndicatorValue]:
    """Fetch an indicator's values from its data source and store them.

    Each period's value is stored as an IndicatorValue with `source` set to the data
    source's key; a changed value updates the row (audited), an unchanged one is left
    alone, and a period the source has no data for is skipped. A manual override on a
    row is kept. Returns the rows stored or updated.
    """
    key = indicator.value_source
    if key == ValueSource.RETURNS:
        raise BusinessRuleError(
            f"{indicator.code} takes its values from partner returns, not a data source."
        )
    source = value_source_get(key)
    if source is None:
        raise BusinessRuleError(
            f"{indicator.code} takes its values from “{key}”, which this site does not have."
        )
    today = today or timezone.localdate()
    wanted = periods if periods is not None else _recent_periods(indicator, today)
    existing = {
        (row.period_start, row.period_end): row
        for row in IndicatorValue.objects.filter(indicator=indicator)
    }
    stored = []
    for period in wanted:
        computed = source.compute(indicator, period)
        if computed is None:
            continue
        computed = Decimal(str(computed)).quantize(Decimal("0.001"))
        row = existing.get((period.start, period.end))
        if row is None:
            stored.append(
                record_create(
                    model=IndicatorValue,
                    partnership=indicator.partnership,
                    by=by,
                    indicator=indicator,
                    period_start=period.start,
                    period_end=period.end,
                    value=computed,
                    source=key,
                    submitted_at=timezone.now(),
                )
            )
        elif row.value is None or row.value != computed or row.source != key:
            stored.append(
                record_update(
                    instance=row,
                    by=by,
                    expected_version=None,
                    value=computed,
                    source=key,
                    submitted_at=timezone.now(),
                )
            )
    return stored

"""The RAG rule and direction of travel: the one place red, amber and green are decided.

Pages, PDFs, exports and the API all call `rag` and `direction`; nothing stores a colour
except a manual override, which carries its reason. Figures are worded honestly: small
counts are shown as counts ("3 of 40 (7.5%)", "from 1 to 3"), never as a bare "+200%".
"""

from dataclasses import dataclass
from decimal import Decimal

from saferboard.performance.models import Polarity, Rag, TargetKind, Unit

RED = Rag.RED.value
AMBER = Rag.AMBER.value
GREEN = Rag.GREEN.value
NONE = "none"

# Below this a count (or a change between two counts) is shown as the counts themselves:
# a percentage of a small number says more about chance than about performance.
SMALL_NUMBER = 10

_TAG_CLASSES = {
    RED: "govuk-tag--red",
    AMBER: "govuk-tag--orange",
    GREEN: "govuk-tag--green",
    NONE: "govuk-tag--grey",
}


@dataclass(frozen=True)
class RagResult:
    status: str  # red, amber, green or none
    label: str  # Red, Amber, Green, No information, No target
    target: Decimal | None = None
    overridden: bool = False
    reason: str = ""

    @property
    def text(self) -> str:
        """What a page shows: "Red", or "Red (set by hand: reason)"."""
        if self.overridden:
            return f"{self.label} (set by hand: {self.reason})"
        return self.label

    @property
    def tag_class(self) -> str:
        return _TAG_CLASSES[self.status]

    def __str__(self) -> str:
        return self.text


def _decimal(number) -> Decimal | None:
    return None if number is None else Decimal(str(number))


def target_value(*, target_kind: str, target: object, baseline: object) -> Decimal | None:
    """The value to reach: the target itself, or the baseline changed by the target %."""
    if target_kind == TargetKind.NONE or target is None:
        return None
    if target_kind == TargetKind.PERCENT_CHANGE:
        if baseline is None:
            return None
        return _decimal(baseline) * (1 + _decimal(target) / 100)
    return _decimal(target)


def rag(
    *,
    value,
    target_kind: str,
    target,
    baseline=None,
    amber_tolerance=0,
    polarity: str,
    override: str = "",
    override_reason: str = "",
) -> RagResult:
    """Red, amber or green for one value.

    On or better than the target is green. Short of the target by no more than the amber
    tolerance is amber (the edge itself is amber); further short is red. For a % change
    target the tolerance is in percentage points of the baseline. No value gives
    "No information"; no target gives "No target". A manual override wins, with its reason.
    """
    goal = target_value(target_kind=target_kind, target=target, baseline=baseline)
    if override:
        return RagResult(
            status=override,
            label=Rag(override).label,
            target=goal,
            overridden=True,
            reason=override_reason,
        )
    if value is None:
        return RagResult(status=NONE, label="No information", target=goal)
    if goal is None:
        return RagResult(status=NONE, label="No target", target=None)
    tolerance = _decimal(amber_tolerance or 0)
    if target_kind == TargetKind.PERCENT_CHANGE:
        tolerance = abs(_decimal(baseline)) * tolerance / 100
    shortfall = _decimal(value) - goal
    if polarity == Polarity.HIGHER_IS_BETTER:
        shortfall = -shortfall
    if shortfall <= 0:
        status = GREEN
    elif shortfall <= tolerance:
        status = AMBER
    else:
        status = RED
    return RagResult(status=status, label=Rag(status).label, target=goal)


def indicator_rag(indicator, row=None, *, ignore_override: bool = False) -> RagResult:
    """`rag` for an indicator and one of its IndicatorValue rows (None: no return yet);
    `ignore_override` gives the colour the rule alone would give."""
    overridden = row is not None and not ignore_override
    return rag(
        value=None if row is None else row.value,
        target_kind=indicator.target_kind,
        target=indicator.target_value,
        baseline=indicator.baseline_value,
        amber_tolerance=indicator.amber_tolerance,
        polarity=indicator.polarity,
        override=row.rag_override if overridden else "",
        override_reason=row.rag_override_reason if overridden else "",
    )


# Figures -----------------------------------------------------------------------------


def number(value) -> str:
    """1234.500 -> "1,234.5"; 3.000 -> "3"."""
    figure = _decimal(value).quantize(Decimal("0.001"))
    text = f"{figure:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def figure(value, *, unit: str = Unit.COUNT, numerator=None, denominator=None) -> str:
    """A value as people read it, with its count where we have one: "3 of 40 (7.5%)"."""
    if value is None:
        return "No information"
    shown = {
        Unit.PERCENT: f"{number(value)}%",
        Unit.RATE_PER_1000: f"{number(value)} per 1,000",
        Unit.RATE_PER_10000: f"{number(value)} per 10,000",
        Unit.MINUTES: f"{number(value)} minutes",
        Unit.CURRENCY: f"£{number(value)}",
    }.get(unit, number(value))
    if numerator is not None and denominator is not None:
        return f"{number(numerator)} of {number(denominator)} ({shown})"
    return shown


IMPROVING = "improving"
WORSENING = "worsening"
NO_CHANGE = "no change"
NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True)
class Direction:
    word: str  # improving, worsening, no change, not comparable
    arrow: str  # the way the number moved: ↑ ↓ →, empty when not comparable
    change: Decimal | None = None
    percent: Decimal | None = None
    # When the counts are small the words give the counts, not the percentage.
    small_numbers: bool = False
    description: str = ""

    @property
    def text(self) -> str:
        """ "Improving: down 12 (10.5%) on Q4 2024/25" or "Worsening: up from 1 to 3 on ..."."""
        return f"{self.word.capitalize()}: {self.description}" if self.description else ""

    def __str__(self) -> str:
        return self.text or self.word.capitalize()


def direction(
    *,
    value,
    previous,
    polarity: str,
    against: str = "",
    unit: str = Unit.COUNT,
    numerators: tuple = (None, None),
    denominators: tuple = (None, None),
) -> Direction:
    """Improving, worsening or no change from `previous` to `value`, given the polarity.

    `against` names the earlier period ("Q4 2024/25"). `numerators`/`denominators` are
    (earlier, now) counts behind a percentage or rate, when the partner gave them.
    """
    if value is None or previous is None:
        return Direction(word=NOT_COMPARABLE, arrow="", description="")
    now, before = _decimal(value), _decimal(previous)
    change = now - before
    percent = None if before == 0 else (change / abs(before) * 100).quantize(Decimal("0.1"))
    on = f" on {against}" if against else ""
    if change == 0:
        return Direction(
            word=NO_CHANGE, arrow="→", change=change, percent=percent, description=f"same{on}"
        )
    better = change < 0 if polarity == Polarity.LOWER_IS_BETTER else change > 0
    way = "up" if change > 0 else "down"
    has_counts = None not in numerators and None not in denominators
    small = has_counts or (unit == Unit.COUNT and min(abs(now), abs(before)) < SMALL_NUMBER)
    if has_counts:
        earlier_text = figure(
            before, unit=unit, numerator=numerators[0], denominator=denominators[0]
        )
        now_text = figure(now, unit=unit, numerator=numerators[1], denominator=denominators[1])
        description = f"{way} from {earlier_text} to {now_text}{on}"
    elif small:
        description = f"{way} from {figure(before, unit=unit)} to {figure(now, unit=unit)}{on}"
    else:
        by = figure(abs(change), unit=unit)
        if unit == Unit.PERCENT:
            by = f"{number(abs(change))} percentage points"
        share = f" ({number(abs(percent))}%)" if percent is not None else ""
        description = f"{way} {by}{share}{on}"
    return Direction(
        word=IMPROVING if better else WORSENING,
        arrow="↑" if change > 0 else "↓",
        change=change,
        percent=percent,
        small_numbers=small,
        description=description,
    )


def value_direction(indicator, row, earlier_row, *, against: str = "") -> Direction:
    """`direction` between two IndicatorValue rows of one indicator (either may be None)."""
    return direction(
        value=None if row is None else row.value,
        previous=None if earlier_row is None else earlier_row.value,
        polarity=indicator.polarity,
        against=against,
        unit=indicator.unit,
        numerators=(
            None if earlier_row is None else earlier_row.numerator,
            None if row is None else row.numerator,
        ),
        denominators=(
            None if earlier_row is None else earlier_row.denominator,
            None if row is None else row.denominator,
        ),
    )

"""Partner returns: which values are due for which periods, which are missing, who may
submit them, and submitting one value. Whole files (upload, template, export) are in
returns_files.py; chasing missing returns by e-mail in returns_chase.py.

A return is due for every agreed indicator whose values come from partner returns, for
each period of its frequency that has ended, from the later of the day it was agreed and
the start of the previous financial year (older gaps are history, not returns to chase).
It falls due `return_due_days` after the period ends. A missing return shows as "No
information"; a partner may also return "no information" on purpose, with a reason.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from saferboard.actions.selectors import user_organisation_ids
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.selectors import user_roles_in
from saferboard.core.services import record_create, record_update
from saferboard.performance.models import (
    Frequency,
    Indicator,
    IndicatorValue,
    Lifecycle,
    Unit,
    ValueSource,
)
from saferboard.performance.periods import (
    Period,
    financial_year_start,
    period_for,
    periods_between,
)

# Roles that may submit returns for every indicator; contributors only for their own.
RETURN_SUBMITTERS_FOR_ALL = frozenset({Role.MANAGER, Role.ANALYST, Role.CLERK})
RETURNS_ROLES = RETURN_SUBMITTERS_FOR_ALL | {Role.CONTRIBUTOR}
# Values are stored with 3 decimal places and 14 digits (models.IndicatorValue).
DECIMAL_PLACES = 3
LARGEST_VALUE = Decimal(10) ** 11
# An expected_version meaning "there was no value when I started".
NO_VALUE_YET = 0
# How a period is written in files and links: what each frequency expects.
PERIOD_EXAMPLES = {
    Frequency.MONTHLY: "a month, like “2025-04”",
    Frequency.QUARTERLY: "a quarter, like “Q1 2025/26”",
    Frequency.ANNUAL: "a financial year, like “2025/26”",
}


class ReturnStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    NO_INFORMATION = "no_information", "No information"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"


# GOV.UK tag colours; the tag's text always says the status too.
STATUS_TAGS = {
    ReturnStatus.SUBMITTED: "govuk-tag--green",
    ReturnStatus.NO_INFORMATION: "govuk-tag--grey",
    ReturnStatus.DUE: "govuk-tag--blue",
    ReturnStatus.OVERDUE: "govuk-tag--red",
}


@dataclass
class DueReturn:
    """One indicator's return for one period, and where it stands."""

    indicator: Indicator
    period: Period
    due_on: datetime.date
    value: IndicatorValue | None
    status: str

    @property
    def status_label(self) -> str:
        return ReturnStatus(self.status).label

    @property
    def tag_class(self) -> str:
        return STATUS_TAGS[self.status]

    @property
    def missing(self) -> bool:
        """Nothing returned at all (an explicit "no information" is a return)."""
        return self.value is None

    @property
    def version(self) -> int:
        return self.value.version if self.value else NO_VALUE_YET


def period_text(period: Period) -> str:
    """How files and links write a period: "2025-04", "Q1 2025/26" or "2025/26"."""
    if period.kind == "month":
        return f"{period.start:%Y-%m}"
    return period.label


def return_due_on(indicator: Indicator, period: Period) -> datetime.date:
    return period.end + datetime.timedelta(days=indicator.return_due_days)


def returns_since(indicator: Indicator, today: datetime.date) -> datetime.date:
    """The first day whose period's return is due: the later of the day the indicator was
    agreed and the start of the previous financial year."""
    earliest = datetime.date(financial_year_start(today) - 1, 4, 1)
    if indicator.lifecycle_since and indicator.lifecycle_since > earliest:
        return indicator.lifecycle_since
    return earliest


def ended_periods(indicator: Indicator, today: datetime.date) -> list[Period]:
    """The periods of the indicator's frequency from `returns_since` that ended before today."""
    first = returns_since(indicator, today)
    return [
        period
        for period in periods_between(indicator.frequency, first, today)
        if period.end < today
    ]


def indicators_taking_returns(*, partnership: Partnership) -> QuerySet[Indicator]:
    """Agreed indicators whose values partners return (not computed from a data source)."""
    return (
        Indicator.objects.filter(
            partnership=partnership,
            value_source=ValueSource.RETURNS,
            lifecycle=Lifecycle.AGREED,
        )
        .select_related("lead_organisation", "lead_person")
        .order_by("position", "code", "pk")
    )


def _led_by(*, partnership: Partnership, user: User, on: datetime.date) -> Q:
    """Indicators `user` answers for: led by their organisation, or by them."""
    condition = Q(lead_person__user=user)
    organisations = user_organisation_ids(partnership=partnership, user=user, on=on)
    if organisations:
        condition |= Q(lead_organisation__in=organisations)
    return condition


def indicators_for_user(
    *,
    queryset: QuerySet[Indicator],
    partnership: Partnership,
    user: User,
    roles: frozenset[str],
    on: datetime.date,
) -> QuerySet[Indicator]:
    """The indicators of `queryset` whose returns `user` may submit: every one for
    managers, analysts and clerks; for contributors those their organisation or they lead."""
    if roles & RETURN_SUBMITTERS_FOR_ALL:
        return queryset
    if Role.CONTRIBUTOR not in roles:
        return queryset.none()
    return queryset.filter(_led_by(partnership=partnership, user=user, on=on)).distinct()


def return_may_submit(
    *, indicator: Indicator, user: User, roles: frozenset[str], on: datetime.date
) -> bool:
    if roles & RETURN_SUBMITTERS_FOR_ALL:
        return True
    if Role.CONTRIBUTOR not in roles:
        return False
    if indicator.lead_person_id and indicator.lead_person.user_id == user.pk:
        return True
    organisations = user_organisation_ids(partnership=indicator.partnership, user=user, on=on)
    return indicator.lead_organisation_id in organisations


def _status(*, value: IndicatorValue | None, due_on: datetime.date, today: datetime.date) -> str:
    if value is not None:
        return ReturnStatus.SUBMITTED if value.value is not None else ReturnStatus.NO_INFORMATION
    return ReturnStatus.OVERDUE if due_on < today else ReturnStatus.DUE


def returns_due(*, indicators: QuerySet[Indicator], today: datetime.date) -> list[DueReturn]:
    """Every return due from `indicators` by `today` (see the module's note), with what was
    returned: newest period first, then by indicator. Two queries, whatever the data."""
    indicators = list(indicators)
    if not indicators:
        return []
    earliest = min(returns_since(indicator, today) for indicator in indicators)
    values = {
        (value.indicator_id, value.period_start, value.period_end): value
        for value in IndicatorValue.objects.filter(
            indicator__in=indicators, period_end__gte=earliest, period_start__lte=today
        ).select_related("submitted_by")
    }
    due = []
    for indicator in indicators:
        for period in ended_periods(indicator, today):
            value = values.get((indicator.pk, period.start, period.end))
            due_on = return_due_on(indicator, period)
            due.append(
                DueReturn(
                    indicator=indicator,
                    period=period,
                    due_on=due_on,
                    value=value,
                    status=_status(value=value, due_on=due_on, today=today),
                )
            )
    due.sort(key=lambda each: (-each.period.end.toordinal(), each.indicator.position))
    return due


def returns_missing(*, indicators: QuerySet[Indicator], today: datetime.date) -> list[DueReturn]:
    """Returns past their due date with nothing returned: "No information", to be chased."""
    return [
        each
        for each in returns_due(indicators=indicators, today=today)
        if each.status == ReturnStatus.OVERDUE
    ]


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(text: str) -> Decimal:
    """A number as people type it: "1,234", "12.5", "12.5%", "£1,200". Raises ValueError
    with a message naming the text."""
    cleaned = text.strip().replace(",", "").replace("£", "").removesuffix("%").strip()
    if not _NUMBER.match(cleaned):
        raise ValueError(f"“{text.strip()}” is not a number")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"“{text.strip()}” is not a number") from error


def number_problem(number: Decimal) -> str:
    """What is wrong with a number for a return, or "" if nothing."""
    if number < 0:
        return f"{_plain(number)} is below zero: returns cannot be negative"
    if number.normalize().as_tuple().exponent < -DECIMAL_PLACES:
        return f"{_plain(number)} has more than {DECIMAL_PLACES} decimal places"
    if number >= LARGEST_VALUE:
        return f"{_plain(number)} is too large"
    return ""


def _plain(number: Decimal) -> str:
    """A number without trailing zeros or exponent: 12.500 -> "12.5", 1E+2 -> "100"."""
    return format(number.normalize(), "f")


def number_text(number: Decimal | None) -> str:
    return "" if number is None else _plain(number)


def sentence(phrase: str) -> str:
    """A problem's phrase as a sentence on its own: capital first letter, full stop."""
    return phrase[0].upper() + phrase[1:] + "."


def return_problems(
    *,
    indicator: Indicator,
    period: Period,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    no_information_reason: str,
    today: datetime.date,
) -> list[tuple[str, str]]:
    """Everything wrong with a return, as (field, message) pairs; empty if it may be saved.

    The one set of rules for the web form, the API and uploaded files. Messages are
    phrases ("enter the value, ...") that read after "Row 7, column value: ".
    """
    problems = []
    if indicator.value_source != ValueSource.RETURNS:
        problems.append(
            (
                "indicator",
                f"{indicator.code} takes its values from a data source, not from returns",
            )
        )
    if not (period.kind and period == period_for(indicator.frequency, period.start)):
        expected = PERIOD_EXAMPLES[indicator.frequency]
        problems.append(
            (
                "period",
                f"{indicator.code} is {indicator.get_frequency_display().lower()}, so give "
                f"{expected}, not “{period_text(period)}”",
            )
        )
    elif period.end >= today:
        problems.append(
            ("period", f"{period.label} has not ended yet: send its return once it is over")
        )
    for field, number in (("value", value), ("numerator", numerator), ("denominator", denominator)):
        if number is not None and (problem := number_problem(number)):
            problems.append((field, problem))
    if value is None:
        if not no_information_reason.strip():
            problems.append(
                (
                    "value",
                    "enter the value, or say why there is no information for this period",
                )
            )
        if numerator is not None or denominator is not None:
            problems.append(("numerator", "leave the counts empty when there is no information"))
    elif no_information_reason.strip():
        problems.append(
            (
                "no_information_reason",
                "leave the reason for no information empty when you give a value",
            )
        )
    if denominator is not None and denominator == 0:
        problems.append(("denominator", "the denominator cannot be zero"))
    if (
        indicator.unit == Unit.PERCENT
        and numerator is not None
        and denominator is not None
        and numerator > denominator
    ):
        problems.append(
            ("numerator", "the numerator of a percentage cannot be more than its denominator")
        )
    return problems


@transaction.atomic
def return_submit(
    *,
    indicator: Indicator,
    period: Period,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    commentary: str = "",
    no_information_reason: str = "",
    by: User,
    expected_version: int | None = None,
    source: str = "web",
    today: datetime.date | None = None,
) -> IndicatorValue:
    """Save `indicator`'s return for `period`: a value, or "no information" (value None)
    with a reason. Replaces an earlier return for the period unless it changed since
    `expected_version` (NO_VALUE_YET: "there was none when I started"; None: no check).
    """
    today = today or timezone.localdate()
    roles = user_roles_in(user=by, partnership=indicator.partnership)
    if not return_may_submit(indicator=indicator, user=by, roles=roles, on=today):
        raise PermissionDenied(f"You may not submit returns for {indicator.code}.")
    problems = return_problems(
        indicator=indicator,
        period=period,
        value=value,
        numerator=numerator,
        denominator=denominator,
        no_information_reason=no_information_reason,
        today=today,
    )
    if problems:
        field, message = problems[0]
        raise BusinessRuleError(sentence(message), field=field)
    fields = {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "commentary": commentary.strip(),
        "no_information_reason": no_information_reason.strip() if value is None else "",
        "submitted_by": by,
        "submitted_at": timezone.now(),
        "source": source,
    }
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period_start=period.start, period_end=period.end)
        .first()
    )
    if existing is None:
        if expected_version not in (None, NO_VALUE_YET):
            raise StaleEditError(f"The return for {indicator.code}, {period.label},")
        return record_create(
            model=IndicatorValue,
            partnership=indicator.partnership,
            by=by,
            indicator=indicator,
            period_start=period.start,
            period_end=period.end,
            **fields,
        )
    if expected_version == NO_VALUE_YET:
        raise StaleEditError(f"The return for {indicator.code}, {period.label},")
    return record_update(instance=existing, by=by, expected_version=expected_version, **fields)

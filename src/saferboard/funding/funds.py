"""Writes to funds and their settings: the fund itself, its eligibility checklist, its
assessment criteria and its assessors. Money never moves here: that is funding/ledger.py.

Every write goes through core.services, so history records who made it and a stale copy
never overwrites a newer one. Rules break with a BusinessRuleError naming the field.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, ProtectedError

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, PartnershipRole, User
from saferboard.core.services import record_create, record_update
from saferboard.funding.models import Criterion, EligibilityRule, Fund, FundPeriod, RuleKind

FUND_FIELDS = frozenset(
    {
        "name",
        "reference_prefix",
        "source",
        "description",
        "period",
        "financial_year",
        "status",
        "minimum_award",
        "maximum_award",
        "standard_term_months",
        "match_funding_expectation",
        "priority_areas",
        "key_themes",
        "deciding_body",
    }
)


def lines(values: Iterable[str] | str | None) -> list[str]:
    """A list typed one per line (or given as a list): trimmed, blanks and repeats dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.splitlines()
    seen: list[str] = []
    for value in values:
        text = " ".join(str(value).split())
        if text and text.casefold() not in {s.casefold() for s in seen}:
            seen.append(text)
    return seen


def _check_fund(fields: dict) -> dict:
    unknown = set(fields) - FUND_FIELDS
    if unknown:
        raise BusinessRuleError(f"A fund has no {', '.join(sorted(unknown))}.")
    for name in ("priority_areas", "key_themes"):
        if name in fields:
            fields[name] = lines(fields[name])
    if "reference_prefix" in fields:
        fields["reference_prefix"] = (fields["reference_prefix"] or "").strip().upper()
    if fields.get("period") == FundPeriod.ROLLING:
        fields["financial_year"] = None
    return fields


def _check_fund_rules(fund: Fund) -> None:
    low, high = fund.minimum_award, fund.maximum_award
    if low is not None and high is not None and low > high:
        raise BusinessRuleError(
            f"The minimum award (£{low:,.2f}) is more than the maximum (£{high:,.2f}): "
            "lower the minimum or raise the maximum.",
            field="minimum_award",
        )
    if fund.period == FundPeriod.FINANCIAL_YEAR and not fund.financial_year:
        raise BusinessRuleError(
            "Say which financial year the fund is for (2020 for 2020/21), or make it rolling.",
            field="financial_year",
        )
    if not fund.priority_areas:
        raise BusinessRuleError(
            "Give at least one priority area: the outcomes the fund supports.",
            field="priority_areas",
        )
    if not fund.key_themes:
        raise BusinessRuleError(
            "Give at least one key theme: bids choose at least one.", field="key_themes"
        )
    clash = (
        Fund.objects.filter(partnership=fund.partnership, reference_prefix=fund.reference_prefix)
        .exclude(pk=fund.pk)
        .first()
    )
    if clash is not None:
        raise BusinessRuleError(
            f"{clash.name} already numbers its bids with {fund.reference_prefix}: choose "
            "another reference prefix.",
            field="reference_prefix",
        )


@transaction.atomic
def fund_create(*, partnership: Partnership, by: User | None, **fields) -> Fund:
    """Set up a fund (no money yet: income goes through ledger.income_add)."""
    fields = _check_fund(fields)
    _check_fund_rules(Fund(partnership=partnership, **fields))
    return record_create(model=Fund, partnership=partnership, by=by, **fields)


@transaction.atomic
def fund_update(*, fund: Fund, by: User | None, expected_version: int | None, **changes) -> Fund:
    """Change a fund's settings, unless someone saved it since `expected_version`."""
    changes = _check_fund(changes)
    draft = Fund(**{f.attname: getattr(fund, f.attname) for f in Fund._meta.concrete_fields})
    for name, value in changes.items():
        setattr(draft, name, value)
    _check_fund_rules(draft)
    return record_update(instance=fund, by=by, expected_version=expected_version, **changes)


# Eligibility rules and criteria share add / change / remove / move, ordered by `position`
# within their group (a fund's requirements, its exclusions, its criteria).


def _siblings(record):
    if isinstance(record, EligibilityRule):
        return EligibilityRule.objects.filter(fund=record.fund_id, kind=record.kind)
    return Criterion.objects.filter(fund=record.fund_id)


def _next_position(queryset) -> int:
    highest = queryset.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def rule_add(
    *, fund: Fund, by: User | None, kind: str, wording: str, guidance: str = ""
) -> EligibilityRule:
    """Add a requirement or an exclusion at the end of the fund's list of that kind."""
    wording = " ".join((wording or "").split())
    if not wording:
        raise BusinessRuleError("Enter the wording of the rule.", field="wording")
    if kind not in RuleKind.values:
        raise BusinessRuleError("Select whether it is a requirement or an exclusion.", field="kind")
    position = _next_position(EligibilityRule.objects.filter(fund=fund, kind=kind))
    return record_create(
        model=EligibilityRule,
        partnership=fund.partnership,
        by=by,
        fund=fund,
        kind=kind,
        wording=wording,
        guidance=guidance,
        position=position,
    )


@transaction.atomic
def rule_update(
    *, rule: EligibilityRule, by: User | None, expected_version: int | None, **changes
) -> EligibilityRule:
    """Change a rule's wording, guidance or kind (a new kind puts it at the end of that list)."""
    if "wording" in changes:
        changes["wording"] = " ".join((changes["wording"] or "").split())
        if not changes["wording"]:
            raise BusinessRuleError("Enter the wording of the rule.", field="wording")
    if changes.get("kind", rule.kind) != rule.kind:
        others = EligibilityRule.objects.filter(fund=rule.fund_id, kind=changes["kind"])
        changes["position"] = _next_position(others)
    return record_update(instance=rule, by=by, expected_version=expected_version, **changes)


@transaction.atomic
def criterion_add(
    *,
    fund: Fund,
    by: User | None,
    title: str,
    weight=1,
    maximum_score: int = 5,
    description: str = "",
) -> Criterion:
    """Add an assessment criterion at the end of the fund's list."""
    title = " ".join((title or "").split())
    if not title:
        raise BusinessRuleError("Enter the title of the criterion.", field="title")
    return record_create(
        model=Criterion,
        partnership=fund.partnership,
        by=by,
        fund=fund,
        title=title,
        weight=weight,
        maximum_score=maximum_score,
        description=description,
        position=_next_position(Criterion.objects.filter(fund=fund)),
    )


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, by: User | None, expected_version: int | None, **changes
) -> Criterion:
    if "title" in changes:
        changes["title"] = " ".join((changes["title"] or "").split())
        if not changes["title"]:
            raise BusinessRuleError("Enter the title of the criterion.", field="title")
    return record_update(instance=criterion, by=by, expected_version=expected_version, **changes)


@transaction.atomic
def setting_remove(*, record: EligibilityRule | Criterion, by: User | None) -> None:
    """Remove a rule or a criterion, unless bids have already been checked or scored on it
    (their answers would lose their question)."""
    label = "rule" if isinstance(record, EligibilityRule) else "criterion"
    used = record.checks if isinstance(record, EligibilityRule) else record.scores
    count = used.count()
    if count:
        done = "checked against" if label == "rule" else "scored on"
        raise BusinessRuleError(
            f"{count} bid{'' if count == 1 else 's'} {'has' if count == 1 else 'have'} been "
            f"{done} “{record}”, so it cannot be removed: change its wording instead."
        )
    if by is not None:
        record._history_user = by
    try:
        record.delete()
    except ProtectedError as error:  # a check or score added since the count
        raise BusinessRuleError(f"“{record}” is in use, so it cannot be removed.") from error


@transaction.atomic
def setting_move(*, record: EligibilityRule | Criterion, by: User | None, up: bool) -> None:
    """Move a rule or criterion one place up or down its list (a no-op at either end).

    Positions are renumbered 0, 1, 2... so ties left by older data cannot stall a move."""
    ordered = list(_siblings(record).select_for_update().order_by("position", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == record.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            record_update(instance=item, by=by, expected_version=item.version, position=position)


def partnership_user_ids(*, partnership: Partnership) -> set[int]:
    return set(
        PartnershipRole.objects.filter(partnership=partnership).values_list("user_id", flat=True)
    )


@transaction.atomic
def assessors_set(
    *, fund: Fund, by: User | None, users: Iterable[User], expected_version: int | None = None
) -> Fund:
    """Name the people who score the fund's bids; each must hold a role in the partnership
    (assessors see every bid of the partnership)."""
    users = list(users)
    members = partnership_user_ids(partnership=fund.partnership)
    outsiders = [user for user in users if user.pk not in members]
    if outsiders:
        names = ", ".join(user.get_full_name() or user.username for user in outsiders)
        raise BusinessRuleError(
            f"{names} {'has' if len(outsiders) == 1 else 'have'} no role in "
            f"{fund.partnership}: only people of the partnership can assess its bids.",
            field="assessors",
        )
    fund = record_update(instance=fund, by=by, expected_version=expected_version)
    fund.assessors.set(users)
    return fund

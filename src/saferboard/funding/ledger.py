"""A fund's money: every movement is a `LedgerEntry`, and every figure is derived from them.

    cash held       = income - releases + returns + reallocated in - reallocated out
    committed       = awards - releases - award reductions
    available       = cash held - committed      ("£110k remaining" to award)

Every write here locks the fund's row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite
runs write transactions one at a time, `transaction_mode` IMMEDIATE), then reads the
balance and checks it, so two awards made at the same moment cannot overspend: the second
waits for the first and sees the money it took.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.funding.models import Award, EntryKind, Fund, LedgerEntry, Tranche, TrancheStatus

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Balance:
    income: Decimal = ZERO
    awarded: Decimal = ZERO
    released: Decimal = ZERO
    returned: Decimal = ZERO
    reduced: Decimal = ZERO
    reallocated_in: Decimal = ZERO
    reallocated_out: Decimal = ZERO

    @property
    def cash(self) -> Decimal:
        """Money the fund holds now."""
        return (
            self.income - self.released + self.returned + self.reallocated_in - self.reallocated_out
        )

    @property
    def committed(self) -> Decimal:
        """Money awarded but not yet paid out (nor given back to the fund)."""
        return self.awarded - self.released - self.reduced

    @property
    def available(self) -> Decimal:
        """Money free to award: the fund's "remaining" figure."""
        return self.cash - self.committed

    @classmethod
    def from_totals(cls, totals: dict[str, Decimal]) -> "Balance":
        return cls(
            income=totals.get(EntryKind.INCOME, ZERO),
            awarded=totals.get(EntryKind.AWARD, ZERO),
            released=totals.get(EntryKind.RELEASE, ZERO),
            returned=totals.get(EntryKind.RETURN, ZERO),
            reduced=totals.get(EntryKind.AWARD_REDUCTION, ZERO),
            reallocated_in=totals.get(EntryKind.REALLOCATION_IN, ZERO),
            reallocated_out=totals.get(EntryKind.REALLOCATION_OUT, ZERO),
        )


def fund_balance(fund: Fund, *, on: datetime.date | None = None) -> Balance:
    """The fund's figures from its ledger (up to and including `on`, if given)."""
    entries = LedgerEntry.objects.filter(fund=fund)
    if on is not None:
        entries = entries.filter(on__lte=on)
    return Balance.from_totals(_totals(entries))


def balances(funds) -> dict[int, Balance]:
    """Each fund's balance by pk, in one query."""
    totals: dict[int, dict[str, Decimal]] = {}
    rows = (
        LedgerEntry.objects.filter(fund__in=funds)
        .values_list("fund_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for fund_id, kind, total in rows:
        totals.setdefault(fund_id, {})[kind] = total
    return {fund.pk: Balance.from_totals(totals.get(fund.pk, {})) for fund in funds}


def award_position(award: Award) -> Balance:
    """An award's own figures: awarded, released, returned and reduced."""
    return Balance.from_totals(_totals(LedgerEntry.objects.filter(award=award)))


def balance_over_time(fund: Fund) -> list[tuple[datetime.date, Balance]]:
    """The fund's balance at the end of every day it has an entry, oldest first."""
    running: dict[str, Decimal] = {}
    points: list[tuple[datetime.date, Balance]] = []
    for on, kind, amount in LedgerEntry.objects.filter(fund=fund).values_list(
        "on", "kind", "amount"
    ):
        running[kind] = running.get(kind, ZERO) + amount
        point = (on, Balance.from_totals(dict(running)))
        if points and points[-1][0] == on:
            points[-1] = point
        else:
            points.append(point)
    return points


def _totals(entries) -> dict[str, Decimal]:
    return dict(entries.values_list("kind").annotate(total=Sum("amount")).order_by())


def money(value, *, field: str = "amount") -> Decimal:
    """A positive amount in pounds and pence, or a BusinessRuleError naming the field."""
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except ArithmeticError as error:
        raise BusinessRuleError(f"“{value}” is not an amount of money.", field=field) from error
    if not amount.is_finite() or amount <= 0:
        raise BusinessRuleError("Enter an amount more than £0.", field=field)
    if amount != amount.quantize(PENNY):
        raise BusinessRuleError("Enter the amount in pounds and pence (£12.50).", field=field)
    return amount.quantize(PENNY)


def _locked(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _entry(*, fund: Fund, kind: str, amount: Decimal, on, by: User | None, **fields) -> LedgerEntry:
    return record_create(
        model=LedgerEntry,
        partnership=fund.partnership,
        by=by,
        fund=fund,
        kind=kind,
        amount=amount,
        on=on,
        **fields,
    )


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


@transaction.atomic
def income_add(
    *, fund: Fund, amount, on: datetime.date, by: User | None, note: str = ""
) -> LedgerEntry:
    """Money paid into the fund (a POCA receipt, an allocation)."""
    amount = money(amount)
    fund = _locked(fund)
    return _entry(fund=fund, kind=EntryKind.INCOME, amount=amount, on=on, by=by, note=note)


@transaction.atomic
def award_commit(
    *, award: Award, on: datetime.date, by: User | None, note: str = ""
) -> LedgerEntry:
    """Commit an award's total against its fund; refused if the fund has not that much free.
    Call inside the transaction that creates the award."""
    fund = _locked(award.fund)
    amount = money(award.total, field="total")
    available = fund_balance(fund).available
    if amount > available:
        raise BusinessRuleError(
            f"{fund.name} has {pounds(available)} available to award; "
            f"{pounds(amount)} is more than that.",
            field="total",
        )
    return _entry(
        fund=fund, kind=EntryKind.AWARD, amount=amount, on=on, by=by, award=award, note=note
    )


@transaction.atomic
def tranche_release(*, tranche: Tranche, on: datetime.date, by: User | None) -> LedgerEntry:
    """Pay a tranche out of the fund's cash (it was committed when the award was made)."""
    award = tranche.award
    _locked(award.fund)
    tranche = Tranche.objects.get(pk=tranche.pk)
    if tranche.status != TrancheStatus.PLANNED:
        raise BusinessRuleError(
            f"Tranche {tranche.number} is {tranche.get_status_display().lower()}; only a "
            "planned tranche can be released."
        )
    position = award_position(award)
    if tranche.amount > position.committed:
        raise BusinessRuleError(
            f"Only {pounds(position.committed)} of this award is still committed; tranche "
            f"{tranche.number} is {pounds(tranche.amount)}."
        )
    record_update(
        instance=tranche,
        by=by,
        expected_version=tranche.version,
        status=TrancheStatus.RELEASED,
        released_on=on,
    )
    return _entry(
        fund=award.fund,
        kind=EntryKind.RELEASE,
        amount=tranche.amount,
        on=on,
        by=by,
        award=award,
        tranche=tranche,
        note=f"Tranche {tranche.number}",
    )


@transaction.atomic
def money_return(
    *, award: Award, amount, on: datetime.date, by: User | None, note: str = ""
) -> LedgerEntry:
    """Unused money the grantee pays back: no more than was released to them, less what
    they have returned already."""
    amount = money(amount)
    _locked(award.fund)
    position = award_position(award)
    held = position.released - position.returned
    if amount > held:
        raise BusinessRuleError(
            f"The grantee holds {pounds(held)} of this award; they cannot return {pounds(amount)}.",
            field="amount",
        )
    return _entry(
        fund=award.fund, kind=EntryKind.RETURN, amount=amount, on=on, by=by, award=award, note=note
    )


@transaction.atomic
def award_reduce(
    *, award: Award, amount, on: datetime.date, by: User | None, note: str = ""
) -> LedgerEntry:
    """Award money not yet released goes back to the fund's available money (the post
    failed its review, the project ended early)."""
    amount = money(amount)
    _locked(award.fund)
    committed = award_position(award).committed
    if amount > committed:
        raise BusinessRuleError(
            f"Only {pounds(committed)} of this award is still unreleased.", field="amount"
        )
    return _entry(
        fund=award.fund,
        kind=EntryKind.AWARD_REDUCTION,
        amount=amount,
        on=on,
        by=by,
        award=award,
        note=note,
    )


@transaction.atomic
def reallocate(
    *, source: Fund, target: Fund, amount, on: datetime.date, by: User | None, note: str = ""
) -> tuple[LedgerEntry, LedgerEntry]:
    """Move available money from one of the partnership's funds to another."""
    amount = money(amount)
    if source.pk == target.pk:
        raise BusinessRuleError("Choose a different fund to move the money to.", field="target")
    if source.partnership_id != target.partnership_id:
        raise BusinessRuleError("Money can only move between the partnership's own funds.")
    first, second = sorted([source, target], key=lambda fund: fund.pk)
    _locked(first)
    _locked(second)
    available = fund_balance(source).available
    if amount > available:
        raise BusinessRuleError(
            f"{source.name} has {pounds(available)} available; {pounds(amount)} is more than that.",
            field="amount",
        )
    out = _entry(
        fund=source,
        kind=EntryKind.REALLOCATION_OUT,
        amount=amount,
        on=on,
        by=by,
        other_fund=target,
        note=note,
    )
    into = _entry(
        fund=target,
        kind=EntryKind.REALLOCATION_IN,
        amount=amount,
        on=on,
        by=by,
        other_fund=source,
        note=note,
    )
    return out, into

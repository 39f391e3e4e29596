"""Bids and awards as spreadsheets (CSV and XLSX), awards summed by priority area and by
organisation, and published grants in the 360Giving data standard's columns.

The CSV and XLSX writing is actions.exports' (byte-order mark, text never read as a formula,
real dates); this module only says which columns and rows. Callers pass querysets already
limited to what the user may see (funding.selectors).

360Giving (https://standard.threesixtygiving.org/): identifiers start with the funder's
prefix, from the SAFERBOARD_360GIVING_PREFIX setting or environment variable ("{partnership}"
in it becomes the partnership's slug; default "360G-saferboard-{partnership}"). Recipients are
named by the org-id convention: GB-CHC-<number> (Charity Commission for England and Wales),
GB-SC-<number> (Scottish charities), GB-COH-<number> (Companies House), or else a local
identifier under the prefix. No contact details are ever exported.
"""

import datetime
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from saferboard.core.models import Partnership
from saferboard.funding.ledger import ZERO, Balance
from saferboard.funding.models import APPROVING, Award, Bid, LedgerEntry

# (heading, width in characters in the XLSX)
BID_COLUMNS = (
    ("Reference", 16),
    ("Fund", 30),
    ("Applicant", 30),
    ("Project", 40),
    ("Stage", 20),
    ("Amount requested", 14),
    ("Term (months)", 10),
    ("Proposed start", 13),
    ("Priority areas", 40),
    ("Key themes", 40),
    ("Match funding", 14),
    ("Match funding source", 30),
    ("Submitted", 13),
    ("Stage changed", 13),
    ("Decision", 22),
    ("Decided on", 13),
    ("Amount awarded", 14),
)
AWARD_COLUMNS = (
    ("Bid reference", 16),
    ("Fund", 30),
    ("Applicant", 30),
    ("Project", 40),
    ("Decision", 22),
    ("Decided on", 13),
    ("Total awarded", 14),
    ("Released", 14),
    ("Returned", 14),
    ("Unreleased money back to the fund", 14),
    ("Still committed", 14),
    ("Starts", 13),
    ("Ends", 13),
    ("Review", 13),
    ("Status", 14),
    ("Priority areas", 40),
)
GIVING_COLUMNS = tuple(
    (heading, 20)
    for heading in (
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Award Date",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Recipient Org:Charity Number",
        "Recipient Org:Company Number",
        "Funding Org:Identifier",
        "Funding Org:Name",
        "Grant Programme:Title",
        "Planned Dates:Start Date",
        "Planned Dates:End Date",
        "Planned Dates:Duration (months)",
        "Last modified",
    )
)
PREFIX_SETTING = "SAFERBOARD_360GIVING_PREFIX"
DEFAULT_PREFIX = "360G-saferboard-{partnership}"


def _joined(values) -> str:
    return "; ".join(values or [])


def bids_for_export(bids):
    return bids.select_related("fund", "applicant", "decision", "award").order_by(
        "fund__name", "reference"
    )


def bid_rows(bids: Iterable[Bid]) -> Iterator[list]:
    """One list per bid in BID_COLUMNS order (bids_for_export's queryset: one query)."""
    for bid in bids:
        decision = getattr(bid, "decision", None)
        award = getattr(bid, "award", None)
        yield [
            bid.reference,
            bid.fund.name,
            bid.applicant.name,
            bid.project_title,
            bid.get_stage_display(),
            bid.amount_requested,
            bid.term_months,
            bid.proposed_start,
            _joined(bid.priority_areas),
            _joined(bid.key_themes),
            bid.match_funding_amount,
            bid.match_funding_source,
            bid.submitted_at.date() if bid.submitted_at else None,
            bid.stage_changed_on,
            decision.get_outcome_display() if decision else "",
            decision.decided_on if decision else None,
            award.total if award else None,
        ]


def awards_for_export(awards):
    return awards.select_related("bid__applicant", "fund", "decision").order_by(
        "fund__name", "bid__reference"
    )


def award_positions(awards) -> dict[int, Balance]:
    """Each award's own ledger figures by pk, in one query."""
    totals: dict[int, dict[str, Decimal]] = {}
    rows = (
        LedgerEntry.objects.filter(award__in=[award.pk for award in awards])
        .values_list("award_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for award_id, kind, total in rows:
        totals.setdefault(award_id, {})[kind] = total
    return {award.pk: Balance.from_totals(totals.get(award.pk, {})) for award in awards}


def award_rows(awards: Iterable[Award]) -> Iterator[list]:
    """One list per award in AWARD_COLUMNS order (awards_for_export's queryset)."""
    awards = list(awards)
    positions = award_positions(awards)
    for award in awards:
        position = positions[award.pk]
        yield [
            award.bid.reference,
            award.fund.name,
            award.bid.applicant.name,
            award.bid.project_title,
            award.decision.get_outcome_display(),
            award.decision.decided_on,
            award.total,
            position.released,
            position.returned,
            position.reduced,
            position.committed,
            award.starts_on,
            award.ends_on,
            award.review_on,
            award.get_status_display(),
            _joined(award.bid.priority_areas),
        ]


def giving_prefix(partnership: Partnership) -> str:
    """The funder's 360Giving identifier prefix (see the module's docstring)."""
    template = (
        getattr(settings, PREFIX_SETTING, "") or os.environ.get(PREFIX_SETTING) or DEFAULT_PREFIX
    )
    return template.replace("{partnership}", partnership.slug)


def recipient_identifier(applicant, *, prefix: str) -> str:
    """The recipient's org-id: its charity or company number under the register's code."""
    charity = "".join(applicant.charity_number.split()).upper()
    company = "".join(applicant.company_number.split()).upper()
    if charity:
        if charity.startswith("SC"):
            return f"GB-SC-{charity}"
        return f"GB-CHC-{charity}"
    if company:
        return f"GB-COH-{company}"
    return f"{prefix}-applicant-{applicant.pk}"


def duration_months(starts: datetime.date, ends: datetime.date) -> int:
    """Whole months from the start to the end date, the end day included (1 April 2021 to
    31 March 2022 is 12 months)."""
    after = ends + datetime.timedelta(days=1)
    months = (after.year - starts.year) * 12 + after.month - starts.month
    return months - (1 if after.day < starts.day else 0)


def published_awards(awards):
    """Grants that were decided and approved: what the 360Giving file publishes."""
    return awards_for_export(awards.filter(decision__outcome__in=APPROVING))


def giving_rows(awards: Iterable[Award], *, partnership: Partnership) -> Iterator[list]:
    """One list per grant in GIVING_COLUMNS order (published_awards' queryset)."""
    prefix = giving_prefix(partnership)
    for award in awards:
        bid, applicant = award.bid, award.bid.applicant
        yield [
            f"{prefix}-{bid.reference}",
            bid.project_title,
            bid.summary,
            "GBP",
            award.total,
            award.decision.decided_on,
            recipient_identifier(applicant, prefix=prefix),
            applicant.name,
            applicant.charity_number,
            applicant.company_number,
            prefix,
            partnership.name,
            award.fund.name,
            award.starts_on,
            award.ends_on,
            duration_months(award.starts_on, award.ends_on),
            award.updated_at.replace(microsecond=0).isoformat(),
        ]


@dataclass
class Group:
    label: str
    count: int = 0
    total: Decimal = ZERO
    references: list[str] = field(default_factory=list)


def awards_by_priority(awards: Iterable[Award]) -> list[Group]:
    """Awards under each priority area their bid chose, most money first. An award with two
    priority areas counts under both; one with none is under "No priority area given"."""
    groups: dict[str, Group] = {}
    for award in awards:
        for area in award.bid.priority_areas or ["No priority area given"]:
            group = groups.setdefault(area, Group(area))
            group.count += 1
            group.total += award.total
            group.references.append(award.bid.reference)
    return sorted(groups.values(), key=lambda g: (-g.total, g.label))


def awards_by_organisation(awards: Iterable[Award]) -> list[Group]:
    """Awards to each applicant organisation, most money first."""
    groups: dict[int, Group] = {}
    for award in awards:
        applicant = award.bid.applicant
        group = groups.setdefault(applicant.pk, Group(applicant.name))
        group.count += 1
        group.total += award.total
        group.references.append(award.bid.reference)
    return sorted(groups.values(), key=lambda g: (-g.total, g.label))

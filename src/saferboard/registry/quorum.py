"""The quorum rule: one function that every screen, PDF and API asks.

A terms of reference says who must be present: the chair, a co-chair or a
vice-chair (when `quorum_requires_chair`), plus a voting representative of each
listed sector. A substitute counts for the organisation of the seat they fill,
and as a voter only where the terms of reference let substitutes vote; a
substitute for the chair does not make the chair present.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from saferboard.registry.models import CHAIRING_ROLES, Membership, Sector, TermsOfReference


@dataclass(frozen=True)
class Attendance:
    """Someone present for a seat: the member themself, or a substitute for them."""

    membership: Membership
    substitute_name: str = ""

    @property
    def is_substitute(self) -> bool:
        return bool(self.substitute_name)


@dataclass(frozen=True)
class QuorumResult:
    is_quorate: bool
    missing: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.is_quorate:
            return "The meeting is quorate."
        return "The meeting is not quorate: " + "; ".join(self.missing) + "."


def quorum_check(*, terms: TermsOfReference, attendance: Iterable[Attendance]) -> QuorumResult:
    present = list(attendance)
    missing: list[str] = []

    if terms.quorum_requires_chair:
        chaired = any(a.membership.role in CHAIRING_ROLES and not a.is_substitute for a in present)
        if not chaired:
            deputised = [
                a for a in present if a.membership.role in CHAIRING_ROLES and a.is_substitute
            ]
            reason = "the chair, a co-chair or a vice-chair must be present"
            if deputised:
                names = ", ".join(
                    f"{a.substitute_name} for {a.membership.person}" for a in deputised
                )
                reason += f" (a substitute does not count as chair: {names})"
            missing.append(reason)

    sector_labels = dict(Sector.choices)
    for sector in terms.quorum_sectors:
        voters = [
            a
            for a in present
            if a.membership.organisation.sector == sector
            and a.membership.is_voting
            and (terms.substitutes_may_vote or not a.is_substitute)
        ]
        if not voters:
            missing.append(
                f"no voting representative of {sector_labels.get(sector, sector).lower()}"
            )

    return QuorumResult(is_quorate=not missing, missing=missing)

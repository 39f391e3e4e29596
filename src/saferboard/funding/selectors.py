"""Reads for funding, scoped to what the acting user may see.

Who sees which bids (issue 7, "Roles"):
- managers (who run the funds) and the assessors of any of the partnership's funds see
  every bid of the partnership;
- contributors see the bids of the applicants they act for: applicants that list their
  account, or whose registry organisation they work for (actions.selectors
  .user_organisation_ids); nothing else, and other bids are 404 to them;
- everyone else in the partnership (clerks, members, analysts, viewers) sees bids once
  they are decided, which is what the meetings resolved.
The same rule covers awards, their tranches and their monitoring, through the bid.
"""

import datetime

from django.db.models import Q, QuerySet

from saferboard.actions.selectors import user_organisation_ids
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.funding.models import Applicant, Award, Bid, Fund, Stage

# Who runs funds: sets them up, keeps the ledger, moves bids through stages, records decisions.
FUNDING_OFFICERS = frozenset({Role.MANAGER})
# Who may draft and submit bids and monitoring reports (for applicants they act for).
BID_WRITERS = FUNDING_OFFICERS | {Role.CONTRIBUTOR}


def fund_list(*, partnership: Partnership) -> QuerySet[Fund]:
    return Fund.objects.filter(partnership=partnership)


def fund_get(*, partnership: Partnership, pk: int) -> Fund:
    return fund_list(partnership=partnership).get(pk=pk)


def is_assessor(*, partnership: Partnership, user: User) -> bool:
    return Fund.objects.filter(partnership=partnership, assessors=user).exists()


def sees_all_bids(*, partnership: Partnership, user: User, roles: frozenset[str]) -> bool:
    return bool(roles & FUNDING_OFFICERS) or is_assessor(partnership=partnership, user=user)


def applicants_for_user(
    *, partnership: Partnership, user: User, on: datetime.date
) -> QuerySet[Applicant]:
    """The applicants `user` acts for."""
    organisations = user_organisation_ids(partnership=partnership, user=user, on=on)
    return Applicant.objects.filter(
        Q(users=user) | Q(organisation__in=organisations), partnership=partnership
    ).distinct()


def bid_list(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date
) -> QuerySet[Bid]:
    """The partnership's bids `user` may see (see the module's docstring)."""
    bids = Bid.objects.filter(partnership=partnership).select_related("fund", "applicant")
    if sees_all_bids(partnership=partnership, user=user, roles=roles):
        return bids
    visible = Q(pk__in=[])
    if Role.CONTRIBUTOR in roles:
        mine = applicants_for_user(partnership=partnership, user=user, on=on).values("pk")
        visible |= Q(applicant__in=mine)
    if roles - {Role.CONTRIBUTOR}:
        visible |= Q(stage=Stage.DECISION)
    return bids.filter(visible)


def bid_get(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date, pk: int
) -> Bid:
    """The bid, or Bid.DoesNotExist if `user` may not see it (views turn that into 404)."""
    return bid_list(partnership=partnership, user=user, roles=roles, on=on).get(pk=pk)


def award_list(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date
) -> QuerySet[Award]:
    bids = bid_list(partnership=partnership, user=user, roles=roles, on=on)
    return Award.objects.filter(partnership=partnership, bid__in=bids.values("pk")).select_related(
        "bid", "bid__applicant", "fund"
    )


def award_get(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date, pk: int
) -> Award:
    return award_list(partnership=partnership, user=user, roles=roles, on=on).get(pk=pk)

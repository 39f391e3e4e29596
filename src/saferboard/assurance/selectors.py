"""Reads for partner assurance, scoped to what the acting user may see.

Who sees what (issue 10, "Partners see only their own returns; the manager sees all"):
- managers run assurance: they write frameworks, invite organisations, see every return
  and raise challenges;
- contributors see and complete only the returns of organisations they work for
  (actions.selectors.user_organisation_ids); any other return is 404 to them, and so are
  the partnership-wide views (overview, heat map, summary paper);
- everyone else in the partnership (clerks, members, analysts, viewers) reads frameworks,
  the partnership view and submitted returns, and changes nothing.
"""

import datetime

from django.db.models import QuerySet

from saferboard.actions.selectors import user_organisation_ids
from saferboard.assurance.models import AssuranceReturn, Framework, Submission
from saferboard.core.models import Partnership, User
from saferboard.core.roles import ALL_ROLES, Role

# Who runs assurance: frameworks, invitations, challenges.
ASSURANCE_MANAGERS = frozenset({Role.MANAGER})
# Who completes returns (for their own organisations only).
RETURN_WRITERS = frozenset({Role.CONTRIBUTOR})
# Who reads the partnership-wide views: everyone but contributors.
PARTNERSHIP_READERS = ALL_ROLES - {Role.CONTRIBUTOR}


def framework_list(*, partnership: Partnership) -> QuerySet[Framework]:
    return Framework.objects.filter(partnership=partnership).select_related("owner_body")


def framework_get(*, partnership: Partnership, pk: int) -> Framework:
    return framework_list(partnership=partnership).get(pk=pk)


def sees_all_returns(*, roles: frozenset[str]) -> bool:
    return bool(roles & PARTNERSHIP_READERS)


def return_list(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date
) -> QuerySet[AssuranceReturn]:
    """The returns `user` may see: all of them, or only their organisations'."""
    returns = AssuranceReturn.objects.filter(partnership=partnership).select_related(
        "framework", "organisation", "variant"
    )
    if sees_all_returns(roles=roles):
        return returns
    organisations = user_organisation_ids(partnership=partnership, user=user, on=on)
    return returns.filter(organisation__in=organisations)


def return_get(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date, pk: int
) -> AssuranceReturn:
    """One return, or AssuranceReturn.DoesNotExist (views turn it into 404)."""
    return return_list(partnership=partnership, user=user, roles=roles, on=on).get(pk=pk)


def may_complete(
    *, assurance_return: AssuranceReturn, user: User, roles: frozenset[str], on: datetime.date
) -> bool:
    """Contributors complete their own organisations' returns; managers may too, for an
    organisation that has no contributor account."""
    if roles & ASSURANCE_MANAGERS:
        return True
    if not roles & RETURN_WRITERS:
        return False
    organisations = user_organisation_ids(
        partnership=assurance_return.partnership, user=user, on=on
    )
    return assurance_return.organisation_id in organisations


def submission_list(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date
) -> QuerySet[Submission]:
    returns = return_list(partnership=partnership, user=user, roles=roles, on=on)
    return Submission.objects.filter(assurance_return__in=returns).select_related(
        "assurance_return__organisation", "assurance_return__framework"
    )


def submission_get(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date, pk: int
) -> Submission:
    return submission_list(partnership=partnership, user=user, roles=roles, on=on).get(pk=pk)

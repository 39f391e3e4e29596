"""Reads for information sharing, scoped to what the acting user may see.

Who sees what (issue 8):
- The register (agreements, parties, the data-set catalogue) is for everyone in the
  partnership; managers and information-governance users keep it.
- A request is seen only by the SPOCs and deputy SPOCs of its requesting and disclosing
  parties and by the partnership's information-governance users; to anyone else it does
  not exist (404), managers included.
- Opening a request (its page, its personal details, its PDF) also needs two-factor
  authentication: the user has a confirmed TOTP device and signed in with it this session
  (`needs_second_factor`).
- The decision log, the access log and breaches are for information-governance users.
"""

from django.db.models import Q, QuerySet

from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.sharing.models import (
    DataSet,
    DisclosureRequest,
    Party,
    PartyStatus,
    SharingAgreement,
)

# Who keeps the register: agreements, parties, the catalogue.
REGISTER_EDITORS = frozenset({Role.MANAGER, Role.INFORMATION_GOVERNANCE})
# Who reads the decision log, the access log and breaches, and sees every request.
GOVERNANCE = frozenset({Role.INFORMATION_GOVERNANCE})


def agreement_list(*, partnership: Partnership) -> QuerySet[SharingAgreement]:
    return SharingAgreement.objects.filter(partnership=partnership)


def agreement_get(*, partnership: Partnership, pk: int) -> SharingAgreement:
    return agreement_list(partnership=partnership).get(pk=pk)


def party_list(*, partnership: Partnership) -> QuerySet[Party]:
    return Party.objects.filter(partnership=partnership).select_related("agreement", "organisation")


def signed_parties(*, agreement: SharingAgreement) -> QuerySet[Party]:
    """The parties that may be chosen in a request under `agreement`."""
    return party_list(partnership=agreement.partnership).filter(
        agreement=agreement, status=PartyStatus.SIGNED
    )


def data_set_list(*, partnership: Partnership) -> QuerySet[DataSet]:
    return DataSet.objects.filter(partnership=partnership).select_related("organisation")


def spoc_parties(*, partnership: Partnership, user: User) -> QuerySet[Party]:
    """The parties whose SPOC or deputy SPOC is `user` (through their registry person)."""
    return Party.objects.filter(
        Q(spoc__user=user) | Q(deputy_spoc__user=user), partnership=partnership
    )


def is_spoc(*, partnership: Partnership, user: User) -> bool:
    return spoc_parties(partnership=partnership, user=user).exists()


def request_list(
    *, partnership: Partnership, user: User, roles: frozenset[str]
) -> QuerySet[DisclosureRequest]:
    """The requests `user` may see: as an information-governance user, all of the
    partnership's; as a SPOC or deputy, those their parties make or answer; else none."""
    requests = DisclosureRequest.objects.filter(partnership=partnership).select_related(
        "agreement",
        "requesting_party__organisation",
        "disclosing_party__organisation",
    )
    if roles & GOVERNANCE:
        return requests
    parties = spoc_parties(partnership=partnership, user=user).values("pk")
    return requests.filter(Q(requesting_party__in=parties) | Q(disclosing_party__in=parties))


def request_get(
    *, partnership: Partnership, user: User, roles: frozenset[str], pk: int
) -> DisclosureRequest:
    """The request, or DisclosureRequest.DoesNotExist (views: 404) if `user` may not see it."""
    return request_list(partnership=partnership, user=user, roles=roles).get(pk=pk)


def may_use_requests(*, partnership: Partnership, user: User, roles: frozenset[str]) -> bool:
    """Whether the user is someone requests are for at all (IG or a SPOC/deputy)."""
    return bool(roles & GOVERNANCE) or is_spoc(partnership=partnership, user=user)


def needs_second_factor(*, partnership: Partnership, user: User, roles: frozenset[str]) -> bool:
    """True when the user must (set up and) use their authenticator before opening requests:
    information-governance users and SPOCs who did not sign in with a second factor this
    session (django-otp's `is_verified`)."""
    if not may_use_requests(partnership=partnership, user=user, roles=roles):
        return False
    return not (hasattr(user, "is_verified") and user.is_verified())

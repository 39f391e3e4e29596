"""Reads shared by every app: which partnerships and roles a user has."""

from django.db.models import QuerySet
from django.http import Http404

from saferboard.core.models import Partnership, PartnershipRole, User


def partnership_list_for_user(*, user: User) -> QuerySet[Partnership]:
    if not user.is_authenticated:
        return Partnership.objects.none()
    return Partnership.objects.filter(roles__user=user).distinct().order_by("name")


def user_roles_in(*, user: User, partnership: Partnership) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        PartnershipRole.objects.filter(user=user, partnership=partnership).values_list(
            "role", flat=True
        )
    )


def partnership_get_for_user(*, user: User, slug: str) -> tuple[Partnership, frozenset[str]]:
    """The partnership `slug` with the user's roles in it; 404 if the user has none.

    A user of another partnership learns nothing, not even that the slug exists.
    """
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership")
    roles = user_roles_in(user=user, partnership=partnership)
    if not roles:
        raise Http404("No such partnership")
    return partnership, roles

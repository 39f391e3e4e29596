"""Reads of the registry, always scoped to one partnership."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from saferboard.core.models import Partnership
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)


def membership_held_on(on: datetime.date, prefix: str = "") -> Q:
    """The one definition of "a seat held on date `on`": started by then, not yet ended.

    `prefix` reaches memberships through a relation, e.g. "memberships__".
    """
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def record_get(*, model, partnership: Partnership, pk):
    """One record of `model` in `partnership`, or 404 (also for other partnerships' records)."""
    return get_object_or_404(model.objects.filter(partnership=partnership), pk=pk)


def body_list(*, partnership: Partnership) -> QuerySet[Body]:
    return Body.objects.filter(partnership=partnership).select_related("parent").order_by("name")


def body_current_member_counts(*, bodies: list[Body], on: datetime.date) -> dict[int, int]:
    """Seats held on `on` for each of `bodies` (one query for a page of bodies)."""
    rows = (
        Membership.objects.filter(membership_held_on(on), body__in=bodies)
        .values("body")
        .annotate(seats=Count("id"))
    )
    return {row["body"]: row["seats"] for row in rows}


def organisation_list(*, partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnership=partnership)


def person_list(*, partnership: Partnership) -> QuerySet[Person]:
    return Person.objects.filter(partnership=partnership)


def post_list(*, partnership: Partnership) -> QuerySet[Post]:
    return Post.objects.filter(partnership=partnership).select_related("organisation")


def membership_list(*, partnership: Partnership) -> QuerySet[Membership]:
    return Membership.objects.filter(partnership=partnership).select_related(
        "body", "person", "organisation", "post"
    )


def terms_of_reference_list(*, partnership: Partnership) -> QuerySet[TermsOfReference]:
    return TermsOfReference.objects.filter(partnership=partnership).select_related("body")


def body_membership_on(*, body: Body, on: datetime.date) -> QuerySet[Membership]:
    """The seats on `body` held on date `on`: started by then and not yet ended."""
    return (
        Membership.objects.filter(membership_held_on(on), body=body)
        .select_related("person", "organisation", "post", "deputy_of__person")
        .order_by("role", "organisation__name", "person__family_name")
    )


def body_terms_of_reference_on(*, body: Body, on: datetime.date) -> TermsOfReference | None:
    """The version of the terms of reference in force on `on`."""
    return (
        TermsOfReference.objects.filter(body=body, effective_date__lte=on)
        .order_by("-effective_date")
        .first()
    )


def registry_overview(*, partnership: Partnership) -> dict[str, int]:
    return {
        "bodies": Body.objects.filter(partnership=partnership).count(),
        "organisations": Organisation.objects.filter(partnership=partnership).count(),
        "people": Person.objects.filter(partnership=partnership).count(),
        "posts": Post.objects.filter(partnership=partnership).count(),
        "current_memberships": Membership.objects.filter(
            membership_held_on(datetime.date.today()), partnership=partnership
        ).count(),
    }

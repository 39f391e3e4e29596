"""Query-string filters for the registry API (`?partnership=haringey&sector=police`).

Filters only narrow a queryset that the view has already scoped to the caller's
partnerships, so an id from another partnership simply matches nothing.
"""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet

from saferboard.registry.models import (
    Body,
    BodyKind,
    BodyRole,
    Membership,
    MembershipCategory,
    Organisation,
    Person,
    Post,
    Sector,
    TermsOfReference,
)
from saferboard.registry.selectors import membership_held_on


class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number (a plain NumberFilter would also take 1.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class TenantFilterSet(django_filters.FilterSet):
    partnership = django_filters.CharFilter(
        field_name="partnership__slug", label="Partnership slug, for example haringey"
    )


class BodyFilter(TenantFilterSet):
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices)
    parent = IdFilter(field_name="parent", label="Id of the parent body")
    is_case_panel = django_filters.BooleanFilter()

    class Meta:
        model = Body
        fields = ["partnership", "kind", "parent", "is_case_panel"]


class OrganisationFilter(TenantFilterSet):
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    is_responsible_authority = django_filters.BooleanFilter()

    class Meta:
        model = Organisation
        fields = ["partnership", "sector", "is_responsible_authority"]


class PersonFilter(TenantFilterSet):
    class Meta:
        model = Person
        fields = ["partnership"]


class PostFilter(TenantFilterSet):
    organisation = IdFilter(field_name="organisation", label="Organisation id")

    class Meta:
        model = Post
        fields = ["partnership", "organisation"]


class MembershipFilter(TenantFilterSet):
    body = IdFilter(field_name="body", label="Body id")
    organisation = IdFilter(field_name="organisation", label="Organisation id")
    person = IdFilter(field_name="person", label="Person id")
    post = IdFilter(field_name="post", label="Post id")
    category = django_filters.ChoiceFilter(choices=MembershipCategory.choices)
    role = django_filters.ChoiceFilter(choices=BodyRole.choices)
    on = django_filters.DateFilter(
        method="filter_on",
        label="Only seats held on this date (YYYY-MM-DD)",
        input_formats=["%Y-%m-%d"],
    )

    class Meta:
        model = Membership
        fields = ["partnership", "body", "organisation", "person", "post", "category", "role", "on"]

    def filter_on(
        self, queryset: QuerySet[Membership], name: str, value: datetime.date
    ) -> QuerySet[Membership]:
        return queryset.filter(membership_held_on(value))


class TermsOfReferenceFilter(TenantFilterSet):
    body = IdFilter(field_name="body", label="Body id")

    class Meta:
        model = TermsOfReference
        fields = ["partnership", "body"]

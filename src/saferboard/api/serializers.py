"""How registry records look in the API, and the checks on what a caller sends.

Related records (body, organisation, person, post, parent, reports_to, deputy_of)
can only be chosen from the caller's partnerships, and must belong to the same
partnership as the record; the partnership itself is given by slug and must be
one where the caller edits the registry. Saving is the views' job, through the
core services.
"""

from django.db.models import QuerySet
from rest_framework import serializers

from saferboard.core.models import Partnership, TenantModel
from saferboard.core.roles import REGISTRY_EDITORS
from saferboard.core.selectors import partnership_list_for_user
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    Sector,
    TermsOfReference,
)


def _caller(serializer_field: serializers.Field):
    request = serializer_field.context.get("request")
    return getattr(request, "user", None)


class EditablePartnershipField(serializers.SlugRelatedField):
    """A partnership named by its slug, limited to those where the caller edits the registry."""

    default_error_messages = {
        "does_not_exist": "You cannot add records to the partnership “{value}”: it does not "
        "exist or you are not its community safety manager or clerk.",
        "invalid": "Give the partnership's slug as text, for example haringey.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The partnership's slug, for example haringey.")
        super().__init__(slug_field="slug", queryset=Partnership.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Partnership]:
        user = _caller(self)
        if user is None or not user.is_authenticated:
            return Partnership.objects.none()
        return Partnership.objects.filter(
            roles__user=user, roles__role__in=REGISTRY_EDITORS
        ).distinct()


class CallerRecordField(serializers.PrimaryKeyRelatedField):
    """A related record by id, chosen only from the caller's partnerships.

    An id from a partnership the caller has no role in reads as "no such record",
    so the API never confirms that it exists.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.queryset is not None:
            noun = self.queryset.model._meta.verbose_name
            self.error_messages["does_not_exist"] = (
                f"There is no {noun} with id {{pk_value}} in your partnerships."
            )
            self.error_messages["incorrect_type"] = (
                f"Give the {noun}'s id as a whole number, not {{data_type}}."
            )

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        user = _caller(self)
        if user is None:
            return queryset.none()
        return queryset.filter(partnership__in=partnership_list_for_user(user=user))


class TenantSerializer(serializers.ModelSerializer):
    """Common to every registry record: partnership slug, version check, same-partnership links."""

    serializer_related_field = CallerRecordField

    partnership = EditablePartnershipField()
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Increases by one on every save. Send the version you last read when "
        "updating: if someone has saved since, the update is refused with 409 Conflict.",
    )

    class Meta:
        model: type[TenantModel]
        # The model's own constraints (checked by the services) are the one place uniqueness
        # rules live; DRF's copies would only word them differently.
        validators: list = []
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        errors: dict[str, str] = {}
        partnership = attrs.get("partnership")
        if self.instance is not None:
            if partnership is not None and partnership != self.instance.partnership:
                errors["partnership"] = (
                    "A record cannot move to another partnership. Add a new record there instead."
                )
            partnership = self.instance.partnership
        for name, value in attrs.items():
            records = value if isinstance(value, list | tuple) else [value]
            for record in records:
                if isinstance(record, TenantModel) and record.partnership_id != partnership.pk:
                    noun = record._meta.verbose_name
                    errors[name] = (
                        f"Choose a {noun} of the partnership “{partnership.slug}”, the same "
                        f"partnership as this record; {noun} {record.pk} belongs to another."
                    )
                if (
                    self.instance is not None
                    and isinstance(record, type(self.instance))
                    and record.pk == self.instance.pk
                    and name != "partnership"
                ):
                    errors[name] = f"A {record._meta.verbose_name} cannot refer to itself."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PartnershipSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField(help_text="Your roles in this partnership.")

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "name",
            "short_name",
            "area_description",
            "local_authority_codes",
            "police_force_names",
            "publishes_public_pages",
            "minute_number_prefix",
            "roles",
        ]
        read_only_fields = fields

    def get_roles(self, partnership: Partnership) -> list[str]:
        return sorted(grant.role for grant in getattr(partnership, "caller_roles", []))


_TIMESTAMPS = ["version", "created_at", "updated_at"]


class BodySerializer(TenantSerializer):
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Other names the body is known by in papers.",
    )

    class Meta(TenantSerializer.Meta):
        model = Body
        fields = [
            "id",
            "partnership",
            "name",
            "short_name",
            "aliases",
            "kind",
            "parent",
            "reports_to",
            "purpose",
            "is_case_panel",
            *_TIMESTAMPS,
        ]


class OrganisationSerializer(TenantSerializer):
    class Meta(TenantSerializer.Meta):
        model = Organisation
        fields = [
            "id",
            "partnership",
            "name",
            "short_name",
            "sector",
            "is_responsible_authority",
            "website",
            *_TIMESTAMPS,
        ]


class PersonSerializer(TenantSerializer):
    class Meta(TenantSerializer.Meta):
        model = Person
        fields = [
            "id",
            "partnership",
            "title",
            "given_name",
            "family_name",
            "email",
            "phone",
            *_TIMESTAMPS,
        ]


class PostSerializer(TenantSerializer):
    class Meta(TenantSerializer.Meta):
        model = Post
        fields = ["id", "partnership", "organisation", "title", *_TIMESTAMPS]


class MembershipSerializer(TenantSerializer):
    is_voting = serializers.BooleanField(
        read_only=True,
        help_text="Whether the holder votes: the override if set, otherwise the category's rule.",
    )

    class Meta(TenantSerializer.Meta):
        model = Membership
        fields = [
            "id",
            "partnership",
            "body",
            "person",
            "organisation",
            "post",
            "category",
            "role",
            "voting_override",
            "is_voting",
            "deputy_of",
            "start_date",
            "end_date",
            "status_note",
            *_TIMESTAMPS,
        ]


class TermsOfReferenceSerializer(TenantSerializer):
    quorum_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices),
        required=False,
        help_text="Sectors that must each have a voting representative present.",
    )

    class Meta(TenantSerializer.Meta):
        model = TermsOfReference
        fields = [
            "id",
            "partnership",
            "body",
            "version_label",
            "effective_date",
            "review_date",
            "document",
            "min_meetings_per_year",
            "quorum_requires_chair",
            "quorum_sectors",
            "circulation_working_days",
            "absence_limit",
            "substitutes_may_vote",
            "voting_rules",
            *_TIMESTAMPS,
        ]
        # Documents are uploaded on the web page, where their type and size are checked.
        read_only_fields = [*TenantSerializer.Meta.read_only_fields, "document"]


class ErrorSerializer(serializers.Serializer):
    """The body of a 401, 403, 404 or 409 response."""

    detail = serializers.CharField()

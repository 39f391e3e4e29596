"""Who may see and do what: the partnership in the URL and the user's roles in it.

Every partnership page lives under /p/<partnership>/. The mixin resolves that
slug against the user's own roles, so a user of another partnership gets 404
(never a hint that the record exists) and an anonymous visitor goes to log in.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from saferboard.core.roles import ALL_ROLES
from saferboard.core.selectors import partnership_get_for_user

SESSION_PARTNERSHIP_KEY = "saferboard_partnership"


class PartnershipMixin(AccessMixin):
    """Sets `self.partnership` and `self.roles`; enforces `allowed_roles`."""

    allowed_roles: frozenset[str] = ALL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.partnership, self.roles = partnership_get_for_user(
            user=request.user, slug=kwargs["partnership"]
        )
        request.partnership = self.partnership
        request.partnership_roles = self.roles
        if not (self.roles & self.allowed_roles):
            raise PermissionDenied("Your role in this partnership does not allow this.")
        request.session[SESSION_PARTNERSHIP_KEY] = self.partnership.slug
        return super().dispatch(request, *args, **kwargs)

    def has_role(self, roles: frozenset[str]) -> bool:
        return bool(self.roles & roles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        context["roles"] = self.roles
        return context

"""Who may change a registry record through the API: an editor of the record's partnership.

Reading is already limited by the scoped querysets (records of partnerships the
caller has no role in are 404); this adds the role check for writes, so a viewer
of a partnership sees its records but gets 403 when trying to change one.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from saferboard.core.roles import MEETING_EDITORS, REGISTRY_EDITORS
from saferboard.core.selectors import user_roles_in


class IsRegistryEditorOrReadOnly(BasePermission):
    message = (
        "Your role in this partnership does not allow changes to the registry. "
        "Ask the partnership's community safety manager or clerk."
    )

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        roles = user_roles_in(user=request.user, partnership=obj.partnership)
        return bool(roles & REGISTRY_EDITORS)


class IsMeetingEditorOrReadOnly(BasePermission):
    message = (
        "Your role in this partnership does not allow changes to meetings. "
        "Ask the partnership's community safety manager or clerk."
    )

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        roles = user_roles_in(user=request.user, partnership=obj.partnership)
        return bool(roles & MEETING_EDITORS)

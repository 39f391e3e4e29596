"""The roles a user can hold in a partnership, and which roles may do what.

Roles are per partnership (architecture.md, "Tenancy, roles and visibility").
Permission sets are named after the work, so views ask "may this user edit the
registry?" rather than listing roles.
"""

from django.db import models


class Role(models.TextChoices):
    MANAGER = "manager", "Community safety manager"
    CLERK = "clerk", "Clerk"
    MEMBER = "member", "Board member"
    CONTRIBUTOR = "contributor", "Partner contributor"
    ANALYST = "analyst", "Analyst"
    INFORMATION_GOVERNANCE = "information_governance", "Information governance"
    VIEWER = "viewer", "Viewer"


ALL_ROLES = frozenset(Role.values)
REGISTRY_EDITORS = frozenset({Role.MANAGER, Role.CLERK})
MEETING_EDITORS = frozenset({Role.MANAGER, Role.CLERK})
ACTION_EDITORS = frozenset({Role.MANAGER, Role.CLERK})
# Contributors may add updates to actions their organisation (or they) own.
ACTION_UPDATERS = ACTION_EDITORS | {Role.CONTRIBUTOR}
PARTNERSHIP_ADMINS = frozenset({Role.MANAGER})

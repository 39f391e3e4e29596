"""The service navigation: one list each app adds its sections to."""

from dataclasses import dataclass

from django.urls import reverse

from saferboard.core.roles import ALL_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # URL names starting with one of these prefixes mark the item as current.
    section: str
    roles: frozenset[str] = ALL_ROLES


NAVIGATION: list[NavItem] = [
    NavItem("Overview", "partnership-home", "partnership-home"),
    NavItem("Meetings", "meetings:meeting-list", "meetings:"),
    NavItem("Actions", "actions:action-list", "actions:"),
    NavItem("Performance", "performance:dashboard", "performance:"),
    NavItem(
        "Returns",
        "performance:returns",
        "performance:returns",
        frozenset({Role.MANAGER, Role.ANALYST, Role.CLERK, Role.CONTRIBUTOR}),
    ),
    NavItem("Plans", "plans:plan-list", "plans:"),
    NavItem("Crime data", "crime:overview", "crime:"),
    NavItem("Funding", "funding:overview", "funding:"),
    NavItem("Information sharing", "sharing:overview", "sharing:"),
    # Contributors see only their own organisations' returns, so their link goes there.
    NavItem("Assurance", "assurance:overview", "assurance:", ALL_ROLES - {Role.CONTRIBUTOR}),
    NavItem("Assurance", "assurance:return-list", "assurance:", frozenset({Role.CONTRIBUTOR})),
    NavItem("Bodies", "registry:body-list", "registry:body"),
    NavItem("Organisations", "registry:organisation-list", "registry:organisation"),
    NavItem("People", "registry:person-list", "registry:person"),
    NavItem("Posts", "registry:post-list", "registry:post"),
    NavItem("Memberships", "registry:membership-list", "registry:membership"),
    NavItem("Archive", "archive:list", "archive:", frozenset({Role.MANAGER, Role.CLERK})),
]


def navigation_for(*, partnership, roles: frozenset[str], current_view: str) -> list[dict]:
    """The items `roles` may see; the one whose section matches the view most closely is
    current (on a returns page, "Returns" rather than "Performance")."""
    shown = [item for item in NAVIGATION if roles & item.roles]
    matching = [item for item in shown if current_view.startswith(item.section)]
    current = max(matching, key=lambda item: len(item.section), default=None)
    return [
        {
            "label": item.label,
            "href": reverse(item.url_name, kwargs={"partnership": partnership.slug}),
            "current": item is current,
        }
        for item in shown
    ]

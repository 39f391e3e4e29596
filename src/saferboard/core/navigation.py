"""The service navigation: one list each app adds its sections to."""

from dataclasses import dataclass

from django.urls import reverse

from saferboard.core.roles import ALL_ROLES


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
    NavItem("Plans", "plans:plan-list", "plans:"),
    NavItem("Bodies", "registry:body-list", "registry:body"),
    NavItem("Organisations", "registry:organisation-list", "registry:organisation"),
    NavItem("People", "registry:person-list", "registry:person"),
    NavItem("Posts", "registry:post-list", "registry:post"),
    NavItem("Memberships", "registry:membership-list", "registry:membership"),
]


def navigation_for(*, partnership, roles: frozenset[str], current_view: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if not (roles & item.roles):
            continue
        items.append(
            {
                "label": item.label,
                "href": reverse(item.url_name, kwargs={"partnership": partnership.slug}),
                "current": current_view.startswith(item.section),
            }
        )
    return items

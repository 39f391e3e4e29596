"""The service navigation: one list each app adds its sections to.

An item with `children` is a group: the menu shows the group once, and the group's pages
carry a second row of links to its parts (the registry's bodies, organisations, people…),
so the menu stays short as the product grows."""

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
    children: tuple["NavItem", ...] = ()


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
    NavItem(
        "Registry",
        "registry:body-list",
        "registry:",
        children=(
            NavItem("Bodies", "registry:body-list", "registry:body"),
            NavItem("Organisations", "registry:organisation-list", "registry:organisation"),
            NavItem("People", "registry:person-list", "registry:person"),
            NavItem("Posts", "registry:post-list", "registry:post"),
            NavItem("Memberships", "registry:membership-list", "registry:membership"),
        ),
    ),
    NavItem("Archive", "archive:list", "archive:", frozenset({Role.MANAGER, Role.CLERK})),
]


def _current(items, current_view: str) -> NavItem | None:
    """The item whose section matches the view most closely (on a returns page, "Returns"
    rather than "Performance")."""
    matching = [item for item in items if current_view.startswith(item.section)]
    return max(matching, key=lambda item: len(item.section), default=None)


def _links(items, current: NavItem | None, partnership) -> list[dict]:
    return [
        {
            "label": item.label,
            "href": reverse(item.url_name, kwargs={"partnership": partnership.slug}),
            "current": item is current,
        }
        for item in items
    ]


def navigation_for(*, partnership, roles: frozenset[str], current_view: str) -> dict:
    """`menu`: the items `roles` may see, the current one marked; `group`: when the page
    belongs to a group, its label and the links to its parts."""
    shown = [item for item in NAVIGATION if roles & item.roles]
    current = _current(shown, current_view)
    group = None
    if current is not None and current.children:
        parts = [item for item in current.children if roles & item.roles]
        group = {
            "label": current.label,
            "links": _links(parts, _current(parts, current_view), partnership),
        }
    return {"menu": _links(shown, current, partnership), "group": group}

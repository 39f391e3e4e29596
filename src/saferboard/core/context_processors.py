"""Puts the partnership switcher and navigation into every page."""

from saferboard.core.navigation import navigation_for
from saferboard.core.selectors import partnership_list_for_user


def workspace(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership = getattr(request, "partnership", None)
    context = {"my_partnerships": list(partnership_list_for_user(user=user))}
    if partnership is not None:
        match = getattr(request, "resolver_match", None)
        current = match.view_name if match else ""
        context["current_partnership"] = partnership
        navigation = navigation_for(
            partnership=partnership, roles=request.partnership_roles, current_view=current
        )
        context["navigation"] = navigation["menu"]
        context["navigation_group"] = navigation["group"]
    return context

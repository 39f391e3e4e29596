"""People who send returns find the Returns page from the navigation and the dashboard."""

import re

from django.test import Client

from saferboard.core.roles import Role

RETURNS = "/p/haringey/performance/returns/"


def _page(user, address):
    client = Client()
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def _current_items(html: str) -> list[str]:
    return re.findall(r'aria-current="true"><strong[^>]*>([^<]+)</strong>', html)


def test_contributors_find_returns_in_the_navigation_and_on_the_dashboard(make_user, partnership_a):
    contributor = make_user(partnership_a, Role.CONTRIBUTOR)

    dashboard = _page(contributor, "/p/haringey/performance/")

    assert f'class="govuk-service-navigation__link" href="{RETURNS}"' in dashboard
    assert f'<a class="govuk-link" href="{RETURNS}">Returns: send figures</a>' in dashboard
    assert _current_items(dashboard) == ["Performance"]
    # On the returns page, "Returns" is the current item, not "Performance" as well.
    assert _current_items(_page(contributor, RETURNS)) == ["Returns"]


def test_viewers_who_cannot_send_returns_are_not_offered_the_link(make_user, partnership_a):
    viewer = make_user(partnership_a, Role.VIEWER)

    dashboard = _page(viewer, "/p/haringey/performance/")

    assert RETURNS not in dashboard

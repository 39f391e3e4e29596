"""The Archive item in the navigation is for the people who import: managers and clerks."""

from django.urls import reverse

from saferboard.core.roles import Role

ARCHIVE_LINK = 'href="/p/haringey/archive/"'


def test_managers_and_clerks_see_archive_in_the_navigation(client, partnership_a, make_user):
    for role in (Role.MANAGER, Role.CLERK):
        client.force_login(make_user(partnership_a, role))
        page = client.get(reverse("partnership-home", args=[partnership_a.slug]))
        assert ARCHIVE_LINK in page.content.decode()
        assert client.get(reverse("archive:list", args=[partnership_a.slug])).status_code == 200


def test_other_roles_do_not_see_it_and_cannot_open_it(client, partnership_a, make_user):
    for role in (Role.MEMBER, Role.CONTRIBUTOR, Role.ANALYST, Role.VIEWER):
        client.force_login(make_user(partnership_a, role))
        page = client.get(reverse("partnership-home", args=[partnership_a.slug]))
        assert ARCHIVE_LINK not in page.content.decode()
        assert client.get(reverse("archive:list", args=[partnership_a.slug])).status_code == 403

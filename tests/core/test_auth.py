"""Signing in and out, lockout, password reset, and moving between partnerships."""

import re

import pytest
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant

PASSWORD = "correct-horse-battery"
SIGN_IN = "/sign-in/"


def sign_in(client, username, password=PASSWORD, **client_options):
    return client.post(SIGN_IN, {"username": username, "password": password}, **client_options)


def home_of(partnership) -> str:
    return reverse("partnership-home", kwargs={"partnership": partnership.slug})


@pytest.fixture
def dana(make_user, partnership_a):
    """The community safety manager of partnership A."""
    return make_user(partnership_a, Role.MANAGER, username="dana.clarke")


@pytest.fixture
def two_partnership_officer(make_user, partnership_a, partnership_b):
    """An analyst who works for both partnerships."""
    user = make_user(partnership_a, Role.ANALYST, username="sol.analyst")
    partnership_role_grant(user=user, partnership=partnership_b, role=Role.VIEWER)
    return user


# --- signing in and out --------------------------------------------------------------


def test_signing_in_with_the_login_form_lands_on_the_partnership(client, dana, partnership_a):
    response = client.post(SIGN_IN, {"username": "dana.clarke", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == home_of(partnership_a)
    html = response.content.decode()
    assert partnership_a.name in html
    assert "Sign out" in html


def test_signing_out_ends_the_session(client, dana, partnership_a):
    sign_in(client, "dana.clarke")

    response = client.post("/sign-out/", follow=True)

    assert response.redirect_chain[-1][0] == SIGN_IN
    assert client.get(home_of(partnership_a)).url.startswith(SIGN_IN)


def test_a_wrong_password_gives_a_govuk_error(client, dana):
    response = sign_in(client, "dana.clarke", "wrong-password")

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: " in html
    assert "_auth_user_id" not in client.session


def test_a_missing_username_is_linked_from_the_error_summary(client, dana):
    response = sign_in(client, "", PASSWORD)

    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_username"' in html
    assert 'id="id_username"' in html


# --- lockout -------------------------------------------------------------------------


def test_five_failed_sign_ins_lock_the_account_even_for_the_right_password(client, dana):
    for _ in range(5):
        sign_in(client, "dana.clarke", "wrong-password")

    response = sign_in(client, "dana.clarke", PASSWORD)

    assert response.status_code == 429
    assert "Your account is locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failed_sign_ins_do_not_lock_the_account(client, dana, partnership_a):
    for _ in range(4):
        sign_in(client, "dana.clarke", "wrong-password")

    response = sign_in(client, "dana.clarke", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_locked_account_does_not_lock_out_a_colleague(client, dana, make_user, partnership_a):
    make_user(partnership_a, Role.CLERK, username="colleague")
    for _ in range(5):
        sign_in(client, "dana.clarke", "wrong-password")

    response = sign_in(client, "colleague", PASSWORD, follow=True)

    assert response.redirect_chain[-1][0] == home_of(partnership_a)
    assert "Your account is locked" not in response.content.decode()


# --- password reset ------------------------------------------------------------------


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    client, dana, partnership_a, mailoutbox
):
    response = client.post("/password-reset/", {"email": dana.email}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [dana.email]
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", email.body).group(1)

    choose = client.get(link, follow=True)
    assert "Choose a new password" in choose.content.decode()
    set_password_url = choose.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {
            "new_password1": "lantern-harbour-gravel-42",
            "new_password2": "lantern-harbour-gravel-42",
        },
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()

    client.logout()
    assert sign_in(client, "dana.clarke", PASSWORD).status_code == 200  # the old one fails
    assert sign_in(client, "dana.clarke", "lantern-harbour-gravel-42").status_code == 302


def test_an_unknown_address_gets_the_same_page_and_no_email(client, dana, mailoutbox):
    response = client.post("/password-reset/", {"email": "nobody@example.org"}, follow=True)

    assert "Check your email" in response.content.decode()
    assert mailoutbox == []


def test_a_reset_link_works_only_once(client, dana, mailoutbox):
    client.post("/password-reset/", {"email": dana.email})
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {
            "new_password1": "lantern-harbour-gravel-42",
            "new_password2": "lantern-harbour-gravel-42",
        },
    )

    response = client.get(link, follow=True)

    assert "This link has expired" in response.content.decode()


def test_a_weak_new_password_is_refused_with_a_govuk_error(client, dana, mailoutbox):
    client.post("/password-reset/", {"email": dana.email})
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": "password", "new_password2": "password"}
    )

    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_new_password2"' in html
    assert "This password is too common." in html


# --- the partnership switcher --------------------------------------------------------


def test_someone_in_two_partnerships_sees_both_in_the_switcher(
    client, two_partnership_officer, partnership_a, partnership_b
):
    client.force_login(two_partnership_officer)

    html = client.get(home_of(partnership_a)).content.decode()

    assert 'id="switch-partnership"' in html
    assert f'<option value="{partnership_a.slug}" selected>{partnership_a.name}</option>' in html
    assert f'<option value="{partnership_b.slug}">{partnership_b.name}</option>' in html


def test_someone_in_one_partnership_has_no_switcher(client, dana, partnership_a):
    client.force_login(dana)

    assert 'id="switch-partnership"' not in client.get(home_of(partnership_a)).content.decode()


def test_switching_partnership_takes_them_there_and_home_remembers_it(
    client, two_partnership_officer, partnership_a, partnership_b
):
    client.force_login(two_partnership_officer)
    client.get(home_of(partnership_a))

    response = client.post("/switch-partnership/", {"partnership": partnership_b.slug}, follow=True)

    assert response.redirect_chain[-1][0] == home_of(partnership_b)
    assert f'<h1 class="govuk-heading-l">{partnership_b.name}</h1>' in response.content.decode()
    assert client.get("/").url == home_of(partnership_b)


def test_nobody_can_switch_into_a_partnership_where_they_have_no_role(client, dana, partnership_b):
    client.force_login(dana)

    response = client.post("/switch-partnership/", {"partnership": partnership_b.slug})

    assert response.status_code == 404
    assert client.get(home_of(partnership_b)).status_code == 404


# --- the home page -------------------------------------------------------------------


def test_home_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == reverse("login")


def test_home_sends_a_signed_in_user_to_the_partnership_they_last_used(
    client, two_partnership_officer, partnership_a, partnership_b
):
    client.force_login(two_partnership_officer)
    client.get(home_of(partnership_b))
    client.get(home_of(partnership_a))

    assert client.get("/").url == home_of(partnership_a)

"""Two-factor authentication before requests: setting up an authenticator app (QR code and
the key in text), confirming it with a current code, verifying a session with it, and the
gate that sends a SPOC without it away from every request page with nothing shown."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.sharing.conftest import signed_in, subject_markers_in, totp_code


def wrong_code(device) -> str:
    """A code the device would not accept now (none of the codes in its window)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    window = {totp.token()}
    for offset in (-1, 1):
        totp.time = time.time() + offset * device.step
        window.add(totp.token())
    return next(f"{n:06d}" for n in range(1_000_000) if n not in window)


def url(name, partnership, **kwargs):
    return reverse(f"sharing:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def test_a_spoc_without_a_device_cannot_open_a_request(partnership_a, submitted_request):
    spoc = submitted_request.requesting_party.spoc.user
    client = signed_in(spoc, second_factor=False)
    for name in ("request-detail", "request-subjects", "request-pdf"):
        response = client.get(url(name, partnership_a, pk=submitted_request.pk))
        assert response.status_code == 302
        assert response["Location"].startswith(url("otp-setup", partnership_a))
        assert submitted_request.reference not in response.content.decode()
    response = client.get(url("request-list", partnership_a))
    assert response.status_code == 302
    # Following the redirect shows the set-up page and nothing about the request.
    page = client.get(response["Location"]).content.decode()
    assert "Set up two-factor authentication" in page
    assert submitted_request.reference not in page
    assert subject_markers_in(page) == []


def test_setting_up_shows_a_qr_code_and_the_key_and_a_wrong_code_leaves_it_unconfirmed(
    partnership_a, police_party
):
    _, spoc = police_party
    client = signed_in(spoc, second_factor=False)
    page = client.get(url("otp-setup", partnership_a)).content.decode()
    device = TOTPDevice.objects.get(user=spoc)
    assert not device.confirmed
    # The QR code is inline SVG: no image request, no script.
    assert page.split('class="sb-qr-code"')[1].split(">", 1)[1].lstrip().startswith("<svg")
    assert "OFFICIAL-SENSITIVE" in page

    response = client.post(url("otp-setup", partnership_a), {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(url("request-list", partnership_a)).status_code == 302


def test_the_key_in_text_is_the_devices_secret(partnership_a, police_party):
    from base64 import b32encode

    _, spoc = police_party
    client = signed_in(spoc, second_factor=False)
    page = client.get(url("otp-setup", partnership_a)).content.decode()
    device = TOTPDevice.objects.get(user=spoc)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    shown = page.split('id="otp-secret"')[1].split("</code>")[0].split("<code>")[1]
    assert shown.replace(" ", "") == secret


def test_a_correct_code_confirms_the_device_and_lets_the_spoc_in(partnership_a, submitted_request):
    spoc = submitted_request.requesting_party.spoc.user
    client = signed_in(spoc, second_factor=False)
    detail = url("request-detail", partnership_a, pk=submitted_request.pk)
    setup = client.get(detail)["Location"]
    client.get(setup)
    device = TOTPDevice.objects.get(user=spoc)

    response = client.post(setup, {"code": totp_code(device), "next": detail})

    assert response.status_code == 302 and response["Location"] == detail
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(detail)
    assert page.status_code == 200
    assert submitted_request.reference in page.content.decode()


def test_verifying_a_session_with_a_wrong_code_stays_unverified(partnership_a, submitted_request):
    spoc = submitted_request.requesting_party.spoc.user
    device = TOTPDevice.objects.create(user=spoc, name="Authenticator app", confirmed=True)
    client = signed_in(spoc, second_factor=False)
    detail = url("request-detail", partnership_a, pk=submitted_request.pk)
    verify = client.get(detail)["Location"]
    assert verify.startswith(url("otp-verify", partnership_a))

    response = client.post(verify, {"code": wrong_code(device), "next": detail})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(detail).status_code == 302


def test_verifying_a_session_with_the_current_code_gets_in(partnership_a, submitted_request):
    spoc = submitted_request.requesting_party.spoc.user
    device = TOTPDevice.objects.create(user=spoc, name="Authenticator app", confirmed=True)
    client = signed_in(spoc, second_factor=False)
    detail = url("request-detail", partnership_a, pk=submitted_request.pk)
    session_before = client.session.session_key

    response = client.post(
        url("otp-verify", partnership_a), {"code": totp_code(device), "next": detail}
    )

    assert response.status_code == 302 and response["Location"] == detail
    assert client.session.session_key != session_before
    assert client.get(detail).status_code == 200


def test_next_may_not_leave_the_site(partnership_a, police_party):
    _, spoc = police_party
    device = TOTPDevice.objects.create(user=spoc, name="Authenticator app", confirmed=True)
    client = signed_in(spoc, second_factor=False)

    response = client.post(
        url("otp-verify", partnership_a),
        {"code": totp_code(device), "next": "https://evil.example.com/"},
    )

    assert response["Location"] == url("request-list", partnership_a)


def test_an_unverified_session_cannot_replace_a_confirmed_device(partnership_a, police_party):
    _, spoc = police_party
    TOTPDevice.objects.create(user=spoc, name="Authenticator app", confirmed=True)
    client = signed_in(spoc, second_factor=False)

    response = client.get(url("otp-setup", partnership_a))

    assert response.status_code == 302
    assert response["Location"].startswith(url("otp-verify", partnership_a))
    assert TOTPDevice.objects.filter(user=spoc).count() == 1


def test_a_verified_session_replaces_the_device(partnership_a, police_party):
    _, spoc = police_party
    client = signed_in(spoc, second_factor=True)
    old = TOTPDevice.objects.get(user=spoc)
    client.get(url("otp-setup", partnership_a))
    new = TOTPDevice.objects.get(user=spoc, confirmed=False)

    client.post(url("otp-setup", partnership_a), {"code": totp_code(new)})

    assert list(TOTPDevice.objects.filter(user=spoc)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_people_requests_are_not_for_get_404_on_the_two_factor_pages(
    partnership_a, manager_a, viewer_a
):
    for user in (manager_a, viewer_a):
        client = Client()
        client.force_login(user)
        for name in ("otp-setup", "otp-verify"):
            assert client.get(url(name, partnership_a)).status_code == 404
    assert not TOTPDevice.objects.exists()

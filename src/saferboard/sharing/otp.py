"""Two-factor authentication (TOTP, django-otp) for the people who open requests: setting
up an authenticator app, verifying a session with it, and the gate every request page
passes through (`RequestGateMixin`).

A user sets up one authenticator: the first one, with a password alone (the account's
first sign-in to requests); after that, only a session already verified with it may
replace it, so a stolen password cannot enrol a new device. An information governance user
or a superuser removes a lost device in the admin (django-otp's TOTP devices).
"""

from base64 import b32encode

import segno
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferboard.core.models import User
from saferboard.core.permissions import PartnershipMixin
from saferboard.sharing import selectors

ISSUER = "saferboard"
DEVICE_NAME = "Authenticator app"


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def device_start(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device, made if they have none: its secret is shown once
    as a QR code and as text until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm `device` with a current code from it and verify this session; the user's
    other devices go, so they have exactly one. False (nothing changes) for a wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
    if not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _verify_session(request, device)
    return True


@transaction.atomic
def session_verify(*, request, token: str) -> bool:
    """Verify this session with a current code from the user's confirmed device."""
    device = TOTPDevice.objects.select_for_update().filter(user=request.user, confirmed=True)
    device = device.order_by("pk").first()
    if device is None or not device.verify_token(token.strip()):
        return False
    _verify_session(request, device)
    return True


def _verify_session(request, device: TOTPDevice) -> None:
    # A new session key once the second factor is in, as at sign-in (session fixation).
    request.session.cycle_key()
    otp_login(request, device)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_url(device: TOTPDevice) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    label = f"{ISSUER}:{device.user.get_username()}"
    query = urlencode(
        {
            "secret": b32encode(device.bin_key).decode("ascii").rstrip("="),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def qr_code_svg(device: TOTPDevice) -> str:
    """The setup address as an inline SVG QR code (no script, no image request)."""
    return segno.make(setup_url(device), error="m").svg_inline(scale=5, border=4)


def safe_next(request, fallback: str) -> str:
    """`next` from the query or form if it stays on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class _Gate:
    """Runs after PartnershipMixin has found the partnership and the user's roles."""

    governance_only = False  # the logs: information governance users only

    def dispatch(self, request, *args, **kwargs):
        if self.governance_only:
            allowed = bool(self.roles & selectors.GOVERNANCE)
        else:
            allowed = selectors.may_use_requests(
                partnership=self.partnership, user=request.user, roles=self.roles
            )
        if not allowed:
            raise Http404("No such page.")
        if selectors.needs_second_factor(
            partnership=self.partnership, user=request.user, roles=self.roles
        ):
            name = "verify" if confirmed_device(user=request.user) else "setup"
            address = reverse(f"sharing:otp-{name}", kwargs={"partnership": self.partnership.slug})
            return redirect(f"{address}?{urlencode({'next': request.get_full_path()})}")
        return super().dispatch(request, *args, **kwargs)


class RequestGateMixin(PartnershipMixin, _Gate):
    """For every page of requests and their logs: anyone who is not an information
    governance user or a party's SPOC or deputy gets 404; those who are must have verified
    this session with their authenticator first (before anything about a request loads)."""

"""`saferboard check --deploy` warns when a site runs on the development secret key or keeps
the information-sharing key beside the data."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings


def _ids():
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_development_keys_are_warned_about():
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, SHARING_KEYS=[]):
        ids = _ids()
    assert {"saferboard.W001", "saferboard.W002"} <= ids


def test_own_keys_silence_the_warnings():
    with override_settings(
        SECRET_KEY="a-long-random-production-secret-0123456789-abcdefghijklmnop",
        SHARING_KEYS=[Fernet.generate_key().decode()],
    ):
        ids = _ids()
    assert not ids & {"saferboard.W001", "saferboard.W002"}


def test_checks_are_only_for_deployment():
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, SHARING_KEYS=[]):
        ids = {message.id for message in run_checks(include_deployment_checks=False)}
    assert "saferboard.W001" not in ids

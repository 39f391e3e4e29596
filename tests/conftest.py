"""Named fixtures shared by every test: partnerships, people in roles, their clients."""

import pytest
from django.test import Client

from saferboard.core.models import Partnership
from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant, user_create


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded papers and built packs go to a throwaway folder, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _sharing_key_for_the_test(settings, tmp_path):
    """Request subjects are encrypted with a key made for the test, never var/sharing.key."""
    from cryptography.fernet import Fernet

    from saferboard.sharing import crypto

    settings.SHARING_KEYS = [Fernet.generate_key().decode()]
    settings.SHARING_KEY_FILE = tmp_path / "sharing.key"
    crypto.reset()
    yield
    crypto.reset()


@pytest.fixture
def partnership_a(db):
    return Partnership.objects.create(
        name="Haringey Community Safety Partnership",
        slug="haringey",
        local_authority_codes=["E09000014"],
        police_force_names=["metropolitan"],
        minute_number_prefix="HSP",
    )


@pytest.fixture
def partnership_b(db):
    return Partnership.objects.create(
        name="Safer City Partnership",
        slug="city-of-london",
        local_authority_codes=["E09000001"],
        police_force_names=["city-of-london"],
    )


@pytest.fixture
def make_user(db):
    """make_user(partnership, role) -> a user holding that role there."""
    counter = {"n": 0}

    def _make(partnership, role=Role.MANAGER, username=None, password="correct-horse-battery"):
        counter["n"] += 1
        user = user_create(
            username=username or f"{partnership.slug}-{role}-{counter['n']}",
            password=password,
            email=f"user{counter['n']}@example.org",
        )
        partnership_role_grant(user=user, partnership=partnership, role=role)
        return user

    return _make


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def manager_a(make_user, partnership_a):
    return make_user(partnership_a, Role.MANAGER)


@pytest.fixture
def clerk_a(make_user, partnership_a):
    return make_user(partnership_a, Role.CLERK)


@pytest.fixture
def viewer_a(make_user, partnership_a):
    return make_user(partnership_a, Role.VIEWER)


@pytest.fixture
def manager_b(make_user, partnership_b):
    return make_user(partnership_b, Role.MANAGER)


@pytest.fixture
def manager_a_client(manager_a):
    return _client_for(manager_a)


@pytest.fixture
def viewer_a_client(viewer_a):
    return _client_for(viewer_a)


@pytest.fixture
def manager_b_client(manager_b):
    return _client_for(manager_b)

"""Encryption at rest of request subjects' personal details (and of what was disclosed).

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` library): a token can only be
read with the key and cannot be altered unnoticed. Keys come from the environment,
SAFERBOARD_SHARING_KEYS (settings.SHARING_KEYS): the first key encrypts, every key decrypts,
so keys can be rotated (`rotate` re-encrypts a token under the first key). Without the
setting a key is generated once into settings.SHARING_KEY_FILE (readable by its owner only),
for development and the demo.

Nothing here logs or returns plaintext except `decrypt`, which only sharing.requests calls,
and which logs the read there.
"""

import functools
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables


class UnreadableError(Exception):
    """A token could not be decrypted with any configured key."""


def _file_key() -> bytes:
    path = settings.SHARING_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as key_file:
            key_file.write(Fernet.generate_key())
    return path.read_bytes().strip()


@functools.cache
def _fernet() -> MultiFernet:
    keys = [key.encode() for key in settings.SHARING_KEYS] or [_file_key()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "SAFERBOARD_SHARING_KEYS must be Fernet keys (32 bytes, URL-safe base64), "
            "comma-separated."
        ) from error


def reset() -> None:
    """Forget the cached keys (after the settings change, in tests)."""
    _fernet.cache_clear()


# Error reports never show the plaintext these functions hold.
@sensitive_variables()
def encrypt(text: str) -> str:
    """The token for `text`; an empty text stays empty (nothing to protect)."""
    if not text:
        return ""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


@sensitive_variables()
def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise UnreadableError(
            "These personal details cannot be read with the configured keys."
        ) from error


def rotate(token: str) -> str:
    """The token re-encrypted under the first (newest) key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii") if token else ""

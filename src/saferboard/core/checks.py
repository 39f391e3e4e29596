"""Deployment checks (`saferboard check --deploy`): settings that are fine on a laptop and
dangerous on a live site."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def development_keys_check(app_configs, **kwargs) -> list[Warning]:
    """Warn when the site runs on the development secret key or without its own keys for
    information-sharing subjects' personal details."""
    warnings = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        warnings.append(
            Warning(
                "The site is using the development secret key.",
                hint="Set SAFERBOARD_SECRET_KEY to a long random value kept out of the code.",
                id="saferboard.W001",
            )
        )
    if not settings.SHARING_KEYS:
        warnings.append(
            Warning(
                "Information-sharing subjects' personal details are encrypted with a key kept "
                f"in {settings.SHARING_KEY_FILE}, beside the data.",
                hint="Set SAFERBOARD_SHARING_KEYS to one or more Fernet keys held apart from "
                "the database and its backups (docs/sharing.md).",
                id="saferboard.W002",
            )
        )
    return warnings

"""Writes shared by every app: creating and updating tenant records safely.

Every write happens in one transaction and records who made it, so the audit
history can say "changed by whom". Updates compare version numbers so a stale
copy never overwrites a newer one.
"""

from typing import Any

from django.db import transaction
from django.db.models import F

from saferboard.core.errors import StaleEditError
from saferboard.core.models import Partnership, PartnershipRole, TenantModel, User
from saferboard.core.roles import Role


def _stamp_history_user(instance: Any, by: User | None) -> None:
    # django-simple-history reads this attribute when it writes the history row.
    if by is not None:
        instance._history_user = by


@transaction.atomic
def record_create(
    *, model: type[TenantModel], partnership: Partnership, by: User | None, **fields: Any
) -> TenantModel:
    """Create a record of `model` in `partnership`, validated, with its first history row."""
    instance = model(partnership=partnership, **fields)
    instance.full_clean()
    _stamp_history_user(instance, by)
    instance.save()
    return instance


@transaction.atomic
def record_update(
    *, instance: TenantModel, by: User | None, expected_version: int | None, **changes: Any
) -> TenantModel:
    """Apply `changes` to `instance` unless someone saved it since `expected_version`.

    The version check and bump happen in one UPDATE, so two people saving at the
    same moment cannot both win.
    """
    model = type(instance)
    version = instance.version if expected_version is None else expected_version
    bumped = model.objects.filter(pk=instance.pk, version=version).update(version=F("version") + 1)
    if not bumped:
        raise StaleEditError(f"This {model._meta.verbose_name}")
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.version = version + 1
    instance.full_clean()
    _stamp_history_user(instance, by)
    instance.save()
    return instance


@transaction.atomic
def partnership_role_grant(
    *, user: User, partnership: Partnership, role: Role | str, by: User | None = None
) -> PartnershipRole:
    grant, _ = PartnershipRole.objects.get_or_create(user=user, partnership=partnership, role=role)
    return grant


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user

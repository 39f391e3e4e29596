"""Turns django-simple-history rows into "who changed which field, from what to what".

Values are shown as people read them: choice labels rather than codes, related
records by name, dates as "1 April 2025". A model whose list-valued field holds
codes (a JSON list of sectors, say) may name their labels in a `history_choices`
class attribute: {"field_name": Choices.choices}.
"""

import datetime

from django.db import models
from django.utils import formats, timezone


def _display(field: models.Field | None, value, cache: dict, labels: dict | None = None) -> str:
    if value in (None, "") or value == []:
        return "(blank)" if not isinstance(value, list) else "(none)"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        key = (field.related_model, value)
        if key not in cache:
            cache[key] = str(field.related_model._default_manager.filter(pk=value).first() or value)
        return cache[key]
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, list):
        labels = labels or {}
        return ", ".join(str(labels.get(v, v)) for v in value) or "(none)"
    return str(value)


def _m2m_display(field: models.ManyToManyField, rows: list[dict]) -> str:
    """Through-table rows ({"from_body": 2, "to_body": 1}) as the related records' names."""
    target = field.m2m_reverse_field_name()
    ids = [row[target] for row in rows if row.get(target) is not None]
    if not ids:
        return "(none)"
    names = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)}
    return ", ".join(names.get(pk, str(pk)) for pk in ids)


def history_changes(instance, limit: int = 50) -> list[dict]:
    """Newest first: one entry per saved version, listing the fields that changed."""
    newest_first = instance.history.select_related("history_user").order_by("-history_date")
    records = list(newest_first[: limit + 1])
    meta = type(instance)._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    fields.update({f.name: f for f in meta.concrete_fields})
    fields.update({f.name: f for f in meta.many_to_many})
    choice_labels = {
        name: dict(choices)
        for name, choices in getattr(type(instance), "history_choices", {}).items()
    }
    cache: dict = {}
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is None:
            kind = "Created"
        else:
            kind = "Changed"
            delta = newer.diff_against(older, excluded_fields=["version", "updated_at"])
            for change in delta.changes:
                field = fields.get(change.field)
                label = field.verbose_name if field is not None else change.field.replace("_", " ")
                if isinstance(field, models.ManyToManyField):
                    old, new = _m2m_display(field, change.old), _m2m_display(field, change.new)
                else:
                    labels = choice_labels.get(change.field)
                    old = _display(field, change.old, cache, labels)
                    new = _display(field, change.new, cache, labels)
                changes.append({"field": str(label).capitalize(), "old": old, "new": new})
        if newer.history_type == "-":
            kind = "Deleted"
        if kind == "Changed" and not changes:
            continue
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user or "System",
                "kind": kind,
                "changes": changes,
            }
        )
    return entries

"""Turns django-simple-history rows into "who changed which field, from what to what"."""

from django.db import models


def _display(field: models.Field | None, value, cache: dict) -> str:
    if value in (None, ""):
        return "(blank)"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        key = (field.related_model, value)
        if key not in cache:
            cache[key] = str(field.related_model._default_manager.filter(pk=value).first() or value)
        return cache[key]
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def history_changes(instance, limit: int = 50) -> list[dict]:
    """Newest first: one entry per saved version, listing the fields that changed."""
    records = list(instance.history.select_related("history_user").order_by("-history_date")[: limit + 1])
    fields = {f.attname: f for f in type(instance)._meta.concrete_fields}
    fields.update({f.name: f for f in type(instance)._meta.concrete_fields})
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
                label = field.verbose_name if field is not None else change.field
                if isinstance(change.old, list) and change.old and isinstance(change.old[0], dict):
                    old, new = _m2m_display(change.old), _m2m_display(change.new)
                else:
                    old, new = _display(field, change.old, cache), _display(field, change.new, cache)
                changes.append({"field": str(label).capitalize(), "old": old, "new": new})
        if newer.history_type == "-":
            kind = "Deleted"
        if kind == "Changed" and not changes:
            continue
        entries.append({"when": newer.history_date, "who": newer.history_user or "System",
                        "kind": kind, "changes": changes})
    return entries


def _m2m_display(rows: list[dict]) -> str:
    return ", ".join(str(v) for row in rows for k, v in row.items() if k not in {"id"}) or "(none)"

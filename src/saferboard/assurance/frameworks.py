"""Writes to assurance frameworks: the framework itself, its rating scales and levels, its
sections and standards with their suggested actions, its shorter variants, opening and
closing it for returns, and copying it into a new version (docs/assurance.md, "Frameworks").

A framework's shape (scales, sections, standards, suggested actions, variants) changes only
while it is a draft: once organisations answer it, what they answered must stay as it was.
To change an open framework, copy it into a new version, change the copy and open that.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from saferboard.assurance.models import (
    Framework,
    FrameworkStatus,
    RatingLevel,
    RatingScale,
    Section,
    Standard,
    SuggestedAction,
    Variant,
)
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update

FRAMEWORK_FIELDS = frozenset(
    {"name", "version_label", "period_start", "period_end", "owner_body", "description"}
)


def _check_period(start: datetime.date, end: datetime.date) -> None:
    if start and end and end < start:
        raise BusinessRuleError(
            f"The period ends ({end:%-d %B %Y}) before it starts ({start:%-d %B %Y}): "
            "check the dates.",
            field="period_end",
        )


def _check_version_free(*, partnership, name: str, version_label: str, pk=None) -> None:
    clash = Framework.objects.filter(
        partnership=partnership, name=name, version_label=version_label
    ).exclude(pk=pk)
    if clash.exists():
        raise BusinessRuleError(
            f"{name} already has a version {version_label}: give this one another version.",
            field="version_label",
        )


def _require_draft(framework: Framework, what: str) -> None:
    if framework.status != FrameworkStatus.DRAFT:
        raise BusinessRuleError(
            f"{framework} is {framework.get_status_display().lower()}, so you cannot {what}. "
            "Copy it into a new version and change that."
        )


@transaction.atomic
def framework_create(*, partnership: Partnership, by: User | None, **fields) -> Framework:
    """A new draft framework, with no scales or sections yet."""
    unknown = set(fields) - FRAMEWORK_FIELDS
    if unknown:
        raise BusinessRuleError(f"A framework has no {', '.join(sorted(unknown))}.")
    _check_period(fields.get("period_start"), fields.get("period_end"))
    _check_version_free(
        partnership=partnership, name=fields.get("name"), version_label=fields.get("version_label")
    )
    return record_create(model=Framework, partnership=partnership, by=by, **fields)


@transaction.atomic
def framework_update(
    *, framework: Framework, by: User | None, expected_version: int | None, **changes
) -> Framework:
    """Change a framework's details (name, version, period, owner, description). Allowed while
    it is open too: the details do not change what organisations answered."""
    unknown = set(changes) - FRAMEWORK_FIELDS
    if unknown:
        raise BusinessRuleError(f"A framework has no {', '.join(sorted(unknown))}.")
    if framework.status == FrameworkStatus.CLOSED:
        raise BusinessRuleError(f"{framework} is closed: its details can no longer change.")
    _check_period(
        changes.get("period_start", framework.period_start),
        changes.get("period_end", framework.period_end),
    )
    _check_version_free(
        partnership=framework.partnership,
        name=changes.get("name", framework.name),
        version_label=changes.get("version_label", framework.version_label),
        pk=framework.pk,
    )
    return record_update(instance=framework, by=by, expected_version=expected_version, **changes)


def framework_standards(framework: Framework):
    return Standard.objects.filter(section__framework=framework).order_by(
        "section__order", "section__pk", "order", "pk"
    )


@transaction.atomic
def framework_open(*, framework: Framework, by: User | None) -> Framework:
    """Open a draft framework for returns: organisations can then be invited."""
    if framework.status != FrameworkStatus.DRAFT:
        raise BusinessRuleError(f"{framework} is not a draft, so it cannot be opened.")
    if not framework_standards(framework).exists():
        raise BusinessRuleError(
            f"{framework} has no standards yet: add a section and its standards first."
        )
    return record_update(
        instance=framework, by=by, expected_version=None, status=FrameworkStatus.OPEN
    )


@transaction.atomic
def framework_close(*, framework: Framework, by: User | None) -> Framework:
    """Close an open framework: no more answers or submissions; everything stays readable."""
    if framework.status != FrameworkStatus.OPEN:
        raise BusinessRuleError(f"{framework} is not open, so it cannot be closed.")
    return record_update(
        instance=framework, by=by, expected_version=None, status=FrameworkStatus.CLOSED
    )


# --- scales and levels -----------------------------------------------------------------


def level_lines(text: str) -> list[tuple[str, str]]:
    """Levels typed one per line, best first, as "code: label" (or just a label, whose code
    is then made from it)."""
    levels = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code, _, label = line.partition(":")
        if not label:
            label = code
            code = "_".join(code.lower().split())[:20]
        levels.append((code.strip()[:20], " ".join(label.split())[:60]))
    return levels


@transaction.atomic
def scale_create(
    *,
    framework: Framework,
    by: User | None,
    name: str,
    levels: Iterable[tuple[str, str]],
    meeting_count: int = 1,
    not_applicable: bool = False,
) -> RatingScale:
    """A rating scale with its levels, best first. The first `meeting_count` levels meet the
    standard; scores run from the number of levels (best) down to 1. `not_applicable` adds a
    "Not applicable" level, which has no score."""
    _require_draft(framework, "add a rating scale")
    levels = list(levels)
    name = " ".join((name or "").split())
    if not name:
        raise BusinessRuleError("Enter the name of the scale.", field="name")
    if len(levels) < 2:
        raise BusinessRuleError(
            "Give at least two levels, one per line, best first.", field="levels"
        )
    codes = [code for code, _ in levels] + (["na"] if not_applicable else [])
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise BusinessRuleError(
            f"Each level needs its own code: {', '.join(repeated)} is used twice.",
            field="levels",
        )
    if not 1 <= meeting_count < len(levels):
        raise BusinessRuleError(
            f"Between 1 and {len(levels) - 1} of the levels can meet the standard "
            "(at least one must fall below it).",
            field="meeting_count",
        )
    scale = record_create(
        model=RatingScale, partnership=framework.partnership, by=by, framework=framework, name=name
    )
    for order, (code, label) in enumerate(levels):
        record_create(
            model=RatingLevel,
            partnership=framework.partnership,
            by=by,
            scale=scale,
            code=code,
            label=label,
            order=order,
            score=len(levels) - order,
            meets_standard=order < meeting_count,
        )
    if not_applicable:
        record_create(
            model=RatingLevel,
            partnership=framework.partnership,
            by=by,
            scale=scale,
            code="na",
            label="Not applicable",
            order=len(levels),
            score=None,
            not_applicable=True,
        )
    return scale


def levels_below_met(scale: RatingScale) -> list[RatingLevel]:
    """The levels that call for an action: below met and not "not applicable"."""
    return [
        level
        for level in scale.levels.all()
        if not level.meets_standard and not level.not_applicable
    ]


# --- sections and standards ------------------------------------------------------------


def _next_order(queryset) -> int:
    highest = queryset.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def section_add(
    *, framework: Framework, by: User | None, title: str, number: str = "", introduction: str = ""
) -> Section:
    _require_draft(framework, "add a section")
    return record_create(
        model=Section,
        partnership=framework.partnership,
        by=by,
        framework=framework,
        title=title,
        number=number,
        introduction=introduction,
        order=_next_order(framework.sections.all()),
    )


@transaction.atomic
def section_update(
    *, section: Section, by: User | None, expected_version: int | None, **changes
) -> Section:
    _require_draft(section.framework, "change its sections")
    unknown = set(changes) - {"title", "number", "introduction"}
    if unknown:
        raise BusinessRuleError(f"A section has no {', '.join(sorted(unknown))}.")
    return record_update(instance=section, by=by, expected_version=expected_version, **changes)


STANDARD_FIELDS = frozenset({"number", "title", "guidance", "scale", "evidence_required"})


def _check_standard(section: Section, fields: dict) -> None:
    unknown = set(fields) - STANDARD_FIELDS
    if unknown:
        raise BusinessRuleError(f"A standard has no {', '.join(sorted(unknown))}.")
    scale = fields.get("scale")
    if scale is not None and scale.framework_id != section.framework_id:
        raise BusinessRuleError(
            f"The scale {scale} belongs to another framework: choose one of {section.framework}'s.",
            field="scale",
        )


@transaction.atomic
def suggested_actions_set(
    *, standard: Standard, by: User | None, actions: dict[int, tuple[str, int]]
) -> list[SuggestedAction]:
    """Set the standard's suggested action for each level below met: `actions` maps a level's
    pk to (text, days to the due date). An empty text removes that level's action."""
    below = {level.pk: level for level in levels_below_met(standard.scale)}
    stray = set(actions) - set(below)
    if stray:
        raise BusinessRuleError(
            f"Suggested actions are only for levels of {standard.scale} below met."
        )
    current = {sa.level_id: sa for sa in standard.suggested_actions.all()}
    # Levels of a scale the standard no longer uses have nothing to suggest.
    for level_id, suggested in current.items():
        if level_id not in below:
            suggested.delete()
    saved = []
    for level_id, (text, due_in_days) in actions.items():
        text = (text or "").strip()
        existing = current.get(level_id)
        if not text:
            if existing is not None:
                existing.delete()
            continue
        if due_in_days is None or due_in_days < 1:
            raise BusinessRuleError(
                f"Give the days to the due date of the action for “{below[level_id]}” "
                "as a whole number of at least 1.",
                field=f"due_{level_id}",
            )
        values = {"text": text, "due_in_days": due_in_days}
        if existing is None:
            saved.append(
                record_create(
                    model=SuggestedAction,
                    partnership=standard.partnership,
                    by=by,
                    standard=standard,
                    level=below[level_id],
                    **values,
                )
            )
        elif (existing.text, existing.due_in_days) != (text, due_in_days):
            saved.append(record_update(instance=existing, by=by, expected_version=None, **values))
        else:
            saved.append(existing)
    return saved


@transaction.atomic
def standard_add(
    *,
    section: Section,
    by: User | None,
    actions: dict[int, tuple[str, int]] | None = None,
    **fields,
) -> Standard:
    """Add a standard at the end of its section, with its suggested actions."""
    _require_draft(section.framework, "add a standard")
    _check_standard(section, fields)
    standard = record_create(
        model=Standard,
        partnership=section.partnership,
        by=by,
        section=section,
        order=_next_order(section.standards.all()),
        **fields,
    )
    suggested_actions_set(standard=standard, by=by, actions=actions or {})
    return standard


@transaction.atomic
def standard_update(
    *,
    standard: Standard,
    by: User | None,
    expected_version: int | None,
    actions: dict[int, tuple[str, int]] | None = None,
    **changes,
) -> Standard:
    _require_draft(standard.section.framework, "change its standards")
    _check_standard(standard.section, changes)
    standard = record_update(instance=standard, by=by, expected_version=expected_version, **changes)
    if actions is not None:
        suggested_actions_set(standard=standard, by=by, actions=actions)
    return standard


# --- variants --------------------------------------------------------------------------


def _check_variant_standards(framework: Framework, standards) -> list[Standard]:
    standards = list(standards)
    if not standards:
        raise BusinessRuleError("Choose at least one standard for the variant.", field="standards")
    stray = [s for s in standards if s.section.framework_id != framework.pk]
    if stray:
        raise BusinessRuleError(f"Standard {stray[0]} is not in {framework}.", field="standards")
    return standards


@transaction.atomic
def variant_add(
    *, framework: Framework, by: User | None, name: str, standards, description: str = ""
) -> Variant:
    """A shorter form of the framework (for small organisations): a subset of its standards."""
    _require_draft(framework, "add a variant")
    standards = _check_variant_standards(framework, standards)
    variant = record_create(
        model=Variant,
        partnership=framework.partnership,
        by=by,
        framework=framework,
        name=name,
        description=description,
    )
    variant.standards.set(standards)
    return variant


@transaction.atomic
def variant_update(
    *, variant: Variant, by: User | None, expected_version: int | None, standards, **changes
) -> Variant:
    _require_draft(variant.framework, "change its variants")
    standards = _check_variant_standards(variant.framework, standards)
    variant = record_update(instance=variant, by=by, expected_version=expected_version, **changes)
    variant.standards.set(standards)
    return variant


# --- versions --------------------------------------------------------------------------


@transaction.atomic
def framework_copy(
    *,
    framework: Framework,
    version_label: str,
    period_start: datetime.date,
    period_end: datetime.date,
    by: User | None,
) -> Framework:
    """A new draft version of `framework` with copies of all its scales, levels, sections,
    standards, suggested actions and variants. The original (and every return made against
    it) stays as it was."""
    partnership = framework.partnership
    copy = framework_create(
        partnership=partnership,
        by=by,
        name=framework.name,
        version_label=version_label,
        period_start=period_start,
        period_end=period_end,
        owner_body=framework.owner_body,
        description=framework.description,
    )
    copy.copied_from = framework
    copy.save(update_fields=["copied_from"])

    def clone(model, original, **overrides):
        fields = {
            f.name: getattr(original, f.name)
            for f in model._meta.concrete_fields
            if f.name not in {"id", "partnership", "version", "created_at", "updated_at"}
        }
        return record_create(model=model, partnership=partnership, by=by, **(fields | overrides))

    scales, levels = {}, {}
    for scale in framework.scales.prefetch_related("levels"):
        scales[scale.pk] = clone(RatingScale, scale, framework=copy)
        for level in scale.levels.all():
            levels[level.pk] = clone(RatingLevel, level, scale=scales[scale.pk])
    standards = {}
    for section in framework.sections.prefetch_related("standards__suggested_actions"):
        section_copy = clone(Section, section, framework=copy)
        for standard in section.standards.all():
            standards[standard.pk] = clone(
                Standard, standard, section=section_copy, scale=scales[standard.scale_id]
            )
            for suggested in standard.suggested_actions.all():
                clone(
                    SuggestedAction,
                    suggested,
                    standard=standards[standard.pk],
                    level=levels[suggested.level_id],
                )
    for variant in framework.variants.prefetch_related("standards"):
        variant_copy = clone(Variant, variant, framework=copy)
        variant_copy.standards.set([standards[s.pk] for s in variant.standards.all()])
    return copy

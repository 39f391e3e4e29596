"""Returns: inviting organisations to answer a framework, and completing the answers
(docs/assurance.md, "Returns"). Submitting is submissions.submission_make.

The answers are the return's working copy: a contributor saves them a section at a time and
comes back later; a submission freezes a copy. Editing an answer after a submission puts the
return back to "in progress" (changes not yet submitted) until it is submitted again; the
earlier submission stays as it was and still counts in the partnership view.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename

from saferboard.assurance.models import (
    Answer,
    AssuranceReturn,
    Evidence,
    Framework,
    FrameworkStatus,
    RatingLevel,
    ReturnStatus,
    Section,
    Standard,
    Variant,
)
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import PartnershipRole, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create, record_update
from saferboard.funding.bids import bid_document_check
from saferboard.registry.models import Membership, Organisation
from saferboard.registry.selectors import membership_held_on


def return_standards(assurance_return: AssuranceReturn) -> QuerySet[Standard]:
    """The standards the return answers: its variant's subset, or the whole framework."""
    if assurance_return.variant_id:
        standards = assurance_return.variant.standards.all()
    else:
        standards = Standard.objects.filter(section__framework=assurance_return.framework_id)
    return standards.select_related("section", "scale").order_by(
        "section__order", "section__pk", "order", "pk"
    )


def return_sections(assurance_return: AssuranceReturn) -> list[Section]:
    """The sections with at least one standard the return answers, in order."""
    ids = return_standards(assurance_return).values("section")
    return list(Section.objects.filter(pk__in=ids).order_by("order", "pk"))


def _require_open(framework: Framework, what: str) -> None:
    if framework.status != FrameworkStatus.OPEN:
        raise BusinessRuleError(
            f"{framework} is {framework.get_status_display().lower()}, so you cannot {what}."
        )


# --- invitations -----------------------------------------------------------------------


@transaction.atomic
def returns_invite(
    *,
    framework: Framework,
    organisations: list[Organisation],
    due_date: datetime.date,
    variant: Variant | None = None,
    by: User | None,
    contact_email: str = "",
) -> list[AssuranceReturn]:
    """Invite each organisation to make a return to `framework` by `due_date`. All or none:
    an organisation already invited refuses the whole invitation, naming it."""
    _require_open(framework, "invite organisations")
    if not organisations:
        raise BusinessRuleError("Choose at least one organisation.", field="organisations")
    if variant is not None and variant.framework_id != framework.pk:
        raise BusinessRuleError(f"{variant} is not a variant of {framework}.", field="variant")
    stray = [o for o in organisations if o.partnership_id != framework.partnership_id]
    if stray:
        raise BusinessRuleError(f"{stray[0]} is not in this partnership.", field="organisations")
    invited = AssuranceReturn.objects.filter(framework=framework, organisation__in=organisations)
    already = sorted(r.organisation.name for r in invited.select_related("organisation"))
    if already:
        raise BusinessRuleError(
            f"{', '.join(already)} already {'has' if len(already) == 1 else 'have'} a return "
            f"to {framework}: leave {'it' if len(already) == 1 else 'them'} out.",
            field="organisations",
        )
    return [
        record_create(
            model=AssuranceReturn,
            partnership=framework.partnership,
            by=by,
            framework=framework,
            organisation=organisation,
            variant=variant,
            due_date=due_date,
            invited_by=by,
            contact_email=contact_email,
        )
        for organisation in organisations
    ]


@transaction.atomic
def return_update(
    *,
    assurance_return: AssuranceReturn,
    by: User | None,
    expected_version: int | None,
    due_date: datetime.date,
    contact_email: str = "",
) -> AssuranceReturn:
    """Change a return's due date (an extension) or contact e-mail."""
    if assurance_return.framework.status == FrameworkStatus.CLOSED:
        raise BusinessRuleError(
            f"{assurance_return.framework} is closed: its returns stay as they are."
        )
    return record_update(
        instance=assurance_return,
        by=by,
        expected_version=expected_version,
        due_date=due_date,
        contact_email=(contact_email or "").strip(),
    )


# --- answers ---------------------------------------------------------------------------


def _mark_in_progress(assurance_return: AssuranceReturn, by: User | None) -> None:
    if assurance_return.status != ReturnStatus.IN_PROGRESS:
        record_update(
            instance=assurance_return,
            by=by,
            expected_version=None,
            status=ReturnStatus.IN_PROGRESS,
        )


@transaction.atomic
def answer_save(
    *,
    assurance_return: AssuranceReturn,
    standard: Standard,
    level: RatingLevel | None,
    comment: str = "",
    evidence_link: str = "",
    by: User | None,
    version: int | None,
) -> Answer:
    """Save the return's answer to one standard. `version` is the answer's version the form
    was shown with (None when it had no answer yet): a stale one is refused."""
    _require_open(assurance_return.framework, "change its answers")
    if not return_standards(assurance_return).filter(pk=standard.pk).exists():
        raise BusinessRuleError(f"Standard {standard.number} is not part of this return.")
    if level is not None and level.scale_id != standard.scale_id:
        raise BusinessRuleError(
            f"“{level}” is not a rating for standard {standard.number}.", field="level"
        )
    values = {
        "level": level,
        "comment": (comment or "").strip(),
        "evidence_link": (evidence_link or "").strip(),
    }
    existing = Answer.objects.filter(assurance_return=assurance_return, standard=standard).first()
    if existing is None:
        if version is not None:
            raise StaleEditError(f"The answer to standard {standard.number}")
        if values["level"] is None and not values["comment"] and not values["evidence_link"]:
            return Answer(assurance_return=assurance_return, standard=standard)  # nothing to save
        answer = record_create(
            model=Answer,
            partnership=assurance_return.partnership,
            by=by,
            assurance_return=assurance_return,
            standard=standard,
            **values,
        )
    else:
        if version is not None and version != existing.version:
            raise StaleEditError(f"The answer to standard {standard.number}")
        unchanged = (existing.level_id, existing.comment, existing.evidence_link) == (
            level.pk if level else None,
            values["comment"],
            values["evidence_link"],
        )
        if unchanged:
            return existing
        answer = record_update(instance=existing, by=by, expected_version=version, **values)
    _mark_in_progress(assurance_return, by)
    return answer


@transaction.atomic
def answers_save(
    *, assurance_return: AssuranceReturn, answers: list[dict], by: User | None
) -> list[Answer]:
    """Save several answers (one section's page) in one transaction: one refused, none saved.
    Each item has the keyword arguments of answer_save but assurance_return and by."""
    return [answer_save(assurance_return=assurance_return, by=by, **each) for each in answers]


@transaction.atomic
def evidence_add(
    *,
    assurance_return: AssuranceReturn,
    standard: Standard,
    title: str,
    name: str,
    data: bytes,
    by: User | None,
) -> Evidence:
    """Attach a file (PDF, Word, Excel, PNG or JPEG, checked by its contents) to the answer
    to `standard`, creating the answer if it has none yet."""
    _require_open(assurance_return.framework, "add evidence")
    if not return_standards(assurance_return).filter(pk=standard.pk).exists():
        raise BusinessRuleError(f"Standard {standard.number} is not part of this return.")
    name = bid_document_check(name=name, data=data)
    answer = Answer.objects.filter(assurance_return=assurance_return, standard=standard).first()
    if answer is None:
        answer = record_create(
            model=Answer,
            partnership=assurance_return.partnership,
            by=by,
            assurance_return=assurance_return,
            standard=standard,
        )
    stem = get_valid_filename(PurePath(name).stem)[:60] or "evidence"
    evidence = Evidence(partnership=assurance_return.partnership, answer=answer)
    evidence.file.save(
        f"return-{assurance_return.pk}-{stem}{PurePath(name).suffix.lower()}",
        ContentFile(data),
        save=False,
    )
    try:
        evidence = record_create(
            model=Evidence,
            partnership=assurance_return.partnership,
            by=by,
            answer=answer,
            title=(" ".join((title or "").split()) or PurePath(name).stem)[:200],
            file=evidence.file.name,
            original_name=name[:255],
            uploaded_by=by,
        )
    except Exception:
        evidence.file.storage.delete(evidence.file.name)
        raise
    _mark_in_progress(assurance_return, by)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User | None) -> None:
    assurance_return = evidence.answer.assurance_return
    _require_open(assurance_return.framework, "remove evidence")
    name = evidence.file.name
    evidence.delete()
    _mark_in_progress(assurance_return, by)
    transaction.on_commit(lambda: evidence.file.storage.delete(name))


# --- progress and problems -------------------------------------------------------------


@dataclass
class SectionProgress:
    section: Section
    standards: list[Standard]
    answers: dict[int, Answer] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(
            1 for s in self.standards if self.answers.get(s.pk) and self.answers[s.pk].level_id
        )

    @property
    def total(self) -> int:
        return len(self.standards)

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def return_progress(assurance_return: AssuranceReturn) -> list[SectionProgress]:
    """Each section of the return with its standards and current answers (a fixed number of
    queries whatever the size of the framework)."""
    answers = {
        answer.standard_id: answer
        for answer in Answer.objects.filter(assurance_return=assurance_return)
        .select_related("level")
        .annotate(evidence_count=Count("evidence"))
    }
    progress: dict[int, SectionProgress] = {}
    for standard in return_standards(assurance_return):
        if standard.section_id not in progress:
            progress[standard.section_id] = SectionProgress(standard.section, [])
        entry = progress[standard.section_id]
        entry.standards.append(standard)
        if standard.pk in answers:
            entry.answers[standard.pk] = answers[standard.pk]
    return list(progress.values())


def return_problems(assurance_return: AssuranceReturn) -> list[tuple[Standard, str]]:
    """What stops the return being submitted, standard by standard: not rated, or evidence
    required but neither a file nor a link given (a standard rated not applicable needs no
    evidence)."""
    problems = []
    for section in return_progress(assurance_return):
        for standard in section.standards:
            answer = section.answers.get(standard.pk)
            if answer is None or answer.level_id is None:
                problems.append(
                    (standard, f"Standard {standard.number} {standard.title} has no rating.")
                )
            elif (
                standard.evidence_required
                and not answer.level.not_applicable
                and not answer.evidence_link
                and not answer.evidence_count
            ):
                problems.append(
                    (
                        standard,
                        f"Standard {standard.number} {standard.title} needs evidence: attach a "
                        "file or give a link.",
                    )
                )
    return problems


def status_label(
    assurance_return: AssuranceReturn, today: datetime.date, *, submitted_before: bool
) -> tuple[str, str]:
    """The return's status as a GOV.UK tag (text, colour class). `submitted_before`: it has
    at least one submission."""
    if assurance_return.status == ReturnStatus.SUBMITTED:
        return "Submitted", "govuk-tag--green"
    if submitted_before:
        return "Changes not submitted", "govuk-tag--yellow"
    if assurance_return.due_date < today:
        return "Overdue", "govuk-tag--red"
    if assurance_return.status == ReturnStatus.IN_PROGRESS:
        return "In progress", "govuk-tag--blue"
    return "Not started", "govuk-tag--grey"


# --- who hears about a return ----------------------------------------------------------


def organisation_contributor_emails(
    *, partnership, organisation_ids: set[int], on: datetime.date | None = None
) -> dict[int, set[str]]:
    """For each organisation, the e-mail addresses of the partnership's active contributors
    who work for it on `on` (hold a seat for it, or a post in it)."""
    on = on or timezone.localdate()
    contributors = PartnershipRole.objects.filter(
        partnership=partnership, role=Role.CONTRIBUTOR, user__is_active=True
    ).values("user")
    rows = Membership.objects.filter(
        membership_held_on(on),
        partnership=partnership,
        person__user__in=contributors,
    ).values_list("organisation_id", "post__organisation_id", "person__user__email")
    emails: dict[int, set[str]] = {pk: set() for pk in organisation_ids}
    for organisation_id, post_organisation_id, email in rows:
        for pk in {organisation_id, post_organisation_id} & set(organisation_ids):
            if email:
                emails[pk].add(email.lower())
    return emails


def return_addresses(
    assurance_return: AssuranceReturn, *, on: datetime.date | None = None
) -> set[str]:
    """Who hears about a return: its contact e-mail if it has one, else the organisation's
    contributors."""
    if assurance_return.contact_email:
        return {assurance_return.contact_email.lower()}
    return organisation_contributor_emails(
        partnership=assurance_return.partnership,
        organisation_ids={assurance_return.organisation_id},
        on=on,
    )[assurance_return.organisation_id]

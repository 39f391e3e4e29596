"""Submitting a return: a dated, frozen copy of the answers, the actions its ratings call for,
its PDF report and the e-mail that sends it (docs/assurance.md, "Submitting and the report").

A submission is refused while a standard is unrated or lacks required evidence
(returns.return_problems says which). Each submission is numbered 1, 2, … per return and
freezes every answer into a SubmittedRating, so later edits never change it.

Actions: a rating below "met" with a suggested action raises an action in the action log,
owned by the organisation, due the suggested number of days after the submission date,
referenced "<framework> <version> – <standard number>". A re-submission never raises a second
action for a standard whose earlier action is still open: it links that action to the new
submission (noting a change of rating on it), and where the standard is now met or not
applicable it adds an update to the open action saying so. Only the owner closes actions.
"""

import datetime
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from saferboard.actions.models import CLOSED_STATUSES, Action
from saferboard.actions.services import action_add_update, action_create
from saferboard.assurance import report as report_module
from saferboard.assurance.models import (
    Answer,
    AssuranceReturn,
    Evidence,
    FrameworkStatus,
    GeneratedAction,
    ReturnStatus,
    Submission,
    SubmittedRating,
    SuggestedAction,
)
from saferboard.assurance.returns import return_addresses, return_problems, return_standards
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update

REFERENCE_LENGTH = Action._meta.get_field("reference").max_length


def submitted_at(on: datetime.datetime | datetime.date | None) -> datetime.datetime:
    """When a submission counts as made: `on` (a date means midday that day), or now."""
    if on is None:
        return timezone.now()
    if isinstance(on, datetime.datetime):
        return on if timezone.is_aware(on) else timezone.make_aware(on)
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))


def action_reference_for(*, assurance_return: AssuranceReturn, standard) -> str:
    """ "Section 11 audit 2025 – 2.1", the framework's name shortened to fit if need be."""
    framework = assurance_return.framework
    tail = f" {framework.version_label} – {standard.number}"
    name = framework.name
    if len(name) + len(tail) > REFERENCE_LENGTH:
        name = name[: max(REFERENCE_LENGTH - len(tail) - 1, 0)].rstrip() + "…"
    return (name + tail)[:REFERENCE_LENGTH]


def _refuse_if_not_ready(assurance_return: AssuranceReturn) -> None:
    framework = assurance_return.framework
    if framework.status != FrameworkStatus.OPEN:
        raise BusinessRuleError(
            f"{framework} is {framework.get_status_display().lower()}, so returns to it "
            "cannot be submitted."
        )
    problems = return_problems(assurance_return)
    if problems:
        first = problems[0][1]
        more = len(problems) - 1
        tail = f" There {'is' if more == 1 else 'are'} {more} more to fix." if more else ""
        raise BusinessRuleError(f"The return cannot be submitted yet. {first}{tail}")


def _freeze(submission: Submission, assurance_return: AssuranceReturn) -> list[SubmittedRating]:
    answers = {
        answer.standard_id: answer
        for answer in Answer.objects.filter(assurance_return=assurance_return)
    }
    titles: dict[int, list[str]] = {}
    for answer_id, title in Evidence.objects.filter(
        answer__assurance_return=assurance_return
    ).values_list("answer_id", "title"):
        titles.setdefault(answer_id, []).append(title)
    ratings = []
    for standard in return_standards(assurance_return):
        answer = answers[standard.pk]
        ratings.append(
            SubmittedRating(
                partnership=submission.partnership,
                submission=submission,
                standard=standard,
                level_id=answer.level_id,
                comment=answer.comment,
                evidence_link=answer.evidence_link,
                evidence_titles=titles.get(answer.pk, []),
            )
        )
    SubmittedRating.objects.bulk_create(ratings)
    return list(submission.ratings.select_related("standard", "level"))


def _open_actions(assurance_return: AssuranceReturn) -> dict[int, GeneratedAction]:
    """Each standard's still-open generated action from an earlier submission."""
    links = (
        GeneratedAction.objects.filter(submission__assurance_return=assurance_return)
        .exclude(action__status__in=CLOSED_STATUSES)
        .select_related("action", "submission")
        .order_by("submission__number", "pk")
    )
    return {link.standard_id: link for link in links}


def _level_before(assurance_return: AssuranceReturn, number: int) -> dict[int, SubmittedRating]:
    return {
        rating.standard_id: rating
        for rating in SubmittedRating.objects.filter(
            submission__assurance_return=assurance_return, submission__number=number - 1
        ).select_related("level")
    }


def _generate_actions(
    *, submission: Submission, ratings: list[SubmittedRating], by: User | None
) -> None:
    assurance_return = submission.assurance_return
    on = timezone.localtime(submission.submitted_at).date()
    suggested = {
        (s.standard_id, s.level_id): s
        for s in SuggestedAction.objects.filter(standard__in=[r.standard_id for r in ratings])
    }
    still_open = _open_actions(assurance_return)
    before = _level_before(assurance_return, submission.number)
    for rating in ratings:
        standard, level = rating.standard, rating.level
        link = still_open.get(standard.pk)
        below = not (level.meets_standard or level.not_applicable)
        if link is not None:
            action = link.action
            previous = before.get(standard.pk)
            changed = previous is None or previous.level_id != level.pk
            if below:
                record_create(
                    model=GeneratedAction,
                    partnership=submission.partnership,
                    by=by,
                    submission=submission,
                    standard=standard,
                    action=action,
                )
                note = (
                    f"Submission {submission.number} rates standard {standard.number} as "
                    f"{level.label.lower()}"
                    + (f" (was {previous.level.label.lower()})" if previous and changed else "")
                    + "; this action stays open for it."
                )
            else:
                note = (
                    f"Submission {submission.number} rates standard {standard.number} as "
                    f"{level.label.lower()}. If the work is done, record it and close this action."
                )
            if changed:
                action_add_update(
                    action=action,
                    by=by,
                    expected_version=action.version,
                    on=on,
                    note=note,
                    status=action.status,
                )
            continue
        suggestion = suggested.get((standard.pk, level.pk)) if below else None
        if suggestion is None:
            continue
        framework = assurance_return.framework
        action = action_create(
            partnership=submission.partnership,
            by=by,
            text=(
                f"{suggestion.text}\n\n{assurance_return.organisation} rated standard "
                f"{standard.number} ({standard.title}) of {framework} as "
                f"{level.label.lower()} in submission {submission.number}."
            ),
            owners=[assurance_return.organisation],
            reference=action_reference_for(assurance_return=assurance_return, standard=standard),
            due_date=on + datetime.timedelta(days=suggestion.due_in_days),
        )
        record_create(
            model=GeneratedAction,
            partnership=submission.partnership,
            by=by,
            submission=submission,
            standard=standard,
            action=action,
        )


def _store_report(submission: Submission) -> None:
    pdf = report_module.report_pdf(report_module.report_build(submission))
    name = report_module.report_file_name(submission)
    submission.report_pdf.save(name, ContentFile(pdf), save=False)
    Submission.objects.filter(pk=submission.pk).update(report_pdf=submission.report_pdf.name)


def report_store(*, submission: Submission) -> Submission:
    """Render the submission's report again (after a challenge or a response) and keep it,
    replacing the old file once the change is saved."""
    old = submission.report_pdf.name
    _store_report(submission)
    if old and old != submission.report_pdf.name:
        storage = submission.report_pdf.storage
        transaction.on_commit(lambda: storage.delete(old))
    return submission


@transaction.atomic
def submission_make(
    *,
    assurance_return: AssuranceReturn,
    by: User | None,
    on: datetime.datetime | datetime.date | None = None,
) -> Submission:
    """Submit `assurance_return` as it stands: the next numbered Submission with its frozen
    ratings, its actions and its PDF report; the report is e-mailed once this is saved.

    `on` is when it was submitted (default now; a date means midday): demo data and tests
    pass earlier dates. Refused, saving nothing, while any standard is unrated or lacks the
    evidence it requires; the message names the standard.
    """
    assurance_return = (
        AssuranceReturn.objects.select_for_update(of=("self",))
        .select_related("framework", "organisation", "variant", "partnership")
        .get(pk=assurance_return.pk)
    )
    _refuse_if_not_ready(assurance_return)
    last = assurance_return.submissions.order_by("-number").first()
    submission = record_create(
        model=Submission,
        partnership=assurance_return.partnership,
        by=by,
        assurance_return=assurance_return,
        number=(last.number + 1) if last else 1,
        submitted_by=by,
        submitted_at=submitted_at(on),
    )
    ratings = _freeze(submission, assurance_return)
    _generate_actions(submission=submission, ratings=ratings, by=by)
    record_update(
        instance=assurance_return, by=by, expected_version=None, status=ReturnStatus.SUBMITTED
    )
    _store_report(submission)  # last, so a refusal above leaves no file behind
    transaction.on_commit(partial(submission_email, submission_id=submission.pk), robust=True)
    return submission


# --- the e-mail ----------------------------------------------------------------------------


def submission_url(submission: Submission) -> str:
    path = reverse(
        "assurance:submission-detail",
        kwargs={"partnership": submission.partnership.slug, "pk": submission.pk},
    )
    return settings.SITE_URL + path


def submission_recipients(submission: Submission) -> list[str]:
    """The return's contact e-mail or the organisation's contributors, and whoever
    submitted it; one entry per address."""
    on = timezone.localtime(submission.submitted_at).date()
    addresses = set(return_addresses(submission.assurance_return, on=on))
    if submission.submitted_by and submission.submitted_by.email:
        addresses.add(submission.submitted_by.email.lower())
    return sorted(addresses)


def submission_message(*, submission: Submission, email: str) -> EmailMessage:
    assurance_return = submission.assurance_return
    framework = assurance_return.framework
    actions = submission.generated_actions.count()
    lines = [
        f"{assurance_return.organisation}'s return to {framework} was submitted on "
        f"{timezone.localtime(submission.submitted_at):%-d %B %Y} "
        f"(submission {submission.number}).",
        "",
        "The report of its ratings"
        + (", the comparison with the previous submission" if submission.number > 1 else "")
        + " and the actions they call for is attached as a PDF.",
        f"Actions in the action log for {assurance_return.organisation}: {actions}.",
        "",
        f"See the report on screen (you will be asked to sign in):\n{submission_url(submission)}",
        "",
        f"Sent by saferboard for {submission.partnership.name}.",
    ]
    message = EmailMessage(
        subject=f"Self-assessment report: {framework}, {assurance_return.organisation}",
        body="\n".join(lines),
        to=[email],
    )
    if submission.report_pdf:
        with submission.report_pdf.open("rb") as pdf:
            message.attach(
                report_module.report_file_name(submission), pdf.read(), "application/pdf"
            )
    return message


def submission_email(*, submission_id: int) -> int:
    """E-mail the report to each recipient separately; returns how many were sent."""
    submission = Submission.objects.select_related(
        "assurance_return__framework",
        "assurance_return__organisation",
        "partnership",
        "submitted_by",
    ).get(pk=submission_id)
    messages = [
        submission_message(submission=submission, email=email)
        for email in submission_recipients(submission)
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0

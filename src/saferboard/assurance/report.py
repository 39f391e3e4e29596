"""A submission's report: its ratings section by section, each compared with the previous
submission of the same return, the actions the ratings raised, and any challenges with the
organisation's responses. The same data makes the page and the PDF (docs/assurance.md,
"Submitting and the report").

Comparison, standard by standard, with the previous submission: "improved" or "worse" by the
levels' scores (higher is better), "same" for the same level (or an equal score), "new" for a
standard the previous submission did not rate, and "changed" when either rating is not
applicable (a level with no score cannot be better or worse). A first submission has no
comparison. A fixed number of queries whatever the size of the framework.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from saferboard.actions.models import CLOSED_STATUSES, Action
from saferboard.assurance.models import (
    Challenge,
    GeneratedAction,
    RatingLevel,
    Section,
    Standard,
    Submission,
    SubmittedRating,
)
from saferboard.meetings.packs import html_to_pdf

CHANGES = {
    "improved": ("Improved", "govuk-tag--green"),
    "worse": ("Worse", "govuk-tag--red"),
    "same": ("Same", "govuk-tag--grey"),
    "new": ("New", "govuk-tag--blue"),
    "changed": ("Changed", "govuk-tag--purple"),
}


def rating_change(previous: RatingLevel | None, level: RatingLevel | None) -> str:
    """How a standard's rating moved since the previous submission (module docstring)."""
    if previous is None or level is None:
        return "new"
    if previous.pk == level.pk:
        return "same"
    if previous.score is None or level.score is None:
        return "changed"
    if level.score > previous.score:
        return "improved"
    if level.score < previous.score:
        return "worse"
    return "same"


@dataclass
class RatingRow:
    rating: SubmittedRating
    tag: str
    previous: RatingLevel | None = None
    change: str = ""
    challenges: list[Challenge] = field(default_factory=list)

    @property
    def standard(self) -> Standard:
        return self.rating.standard

    @property
    def level(self) -> RatingLevel | None:
        return self.rating.level

    @property
    def change_label(self) -> str:
        return CHANGES[self.change][0] if self.change else ""

    @property
    def change_tag(self) -> str:
        return CHANGES[self.change][1] if self.change else ""


@dataclass
class SectionRows:
    section: Section
    rows: list[RatingRow]


@dataclass
class ActionRow:
    action: Action
    standard: Standard
    raised_in: int  # the number of the submission that first raised it

    def is_closed(self) -> bool:
        return self.action.status in CLOSED_STATUSES


@dataclass
class Report:
    submission: Submission
    previous: Submission | None
    sections: list[SectionRows]
    actions: list[ActionRow]  # raised or kept open by this submission
    now_met: list[ActionRow]  # earlier actions still open for standards now met
    level_counts: list[tuple[RatingLevel, int]]
    change_counts: list[tuple[str, str, int]]  # (label, tag class, count)

    @property
    def assurance_return(self):
        return self.submission.assurance_return

    @property
    def framework(self):
        return self.submission.assurance_return.framework

    @property
    def organisation(self):
        return self.submission.assurance_return.organisation

    @property
    def title(self) -> str:
        return f"{self.framework}: self-assessment report"

    @property
    def challenges(self) -> list[tuple[RatingRow, Challenge]]:
        return [(row, c) for part in self.sections for row in part.rows for c in row.challenges]

    @property
    def new_actions(self) -> list[ActionRow]:
        return [row for row in self.actions if row.raised_in == self.submission.number]


def level_tag(level: RatingLevel | None, lowest: dict[int, int]) -> str:
    """The tag colour of a rating (its label is always shown too): green met, grey not
    applicable, red the lowest level of its scale, orange anything between."""
    if level is None:
        return "govuk-tag--grey"
    if level.meets_standard:
        return "govuk-tag--green"
    if level.not_applicable:
        return "govuk-tag--grey"
    if level.score is not None and level.score <= lowest.get(level.scale_id, level.score):
        return "govuk-tag--red"
    return "govuk-tag--orange"


def report_build(submission: Submission) -> Report:
    """Everything the report shows for `submission`."""
    submission = Submission.objects.select_related(
        "assurance_return__framework__partnership",
        "assurance_return__organisation",
        "partnership",
        "submitted_by",
    ).get(pk=submission.pk)
    assurance_return = submission.assurance_return
    ratings = list(
        SubmittedRating.objects.filter(submission=submission).select_related(
            "standard__section", "level"
        )
    )
    previous = (
        Submission.objects.filter(
            assurance_return=assurance_return, number=submission.number - 1
        ).first()
        if submission.number > 1
        else None
    )
    before = {}
    if previous is not None:
        before = {
            r.standard_id: r.level
            for r in SubmittedRating.objects.filter(submission=previous).select_related("level")
        }
    lowest: dict[int, int] = {}
    scales = {r.standard.scale_id for r in ratings}
    for level in RatingLevel.objects.filter(scale__in=scales, score__isnull=False):
        lowest[level.scale_id] = min(lowest.get(level.scale_id, level.score), level.score)
    challenges: dict[int, list[Challenge]] = {}
    for challenge in Challenge.objects.filter(rating__submission=submission).select_related(
        "raised_by", "responded_by"
    ):
        challenges.setdefault(challenge.rating_id, []).append(challenge)

    sections: list[SectionRows] = []
    level_counts: dict[int, list] = {}
    change_counts: dict[str, int] = {}
    for rating in sorted(
        ratings,
        key=lambda r: (r.standard.section.order, r.standard.section_id, r.standard.order, r.pk),
    ):
        row = RatingRow(
            rating=rating,
            tag=level_tag(rating.level, lowest),
            challenges=challenges.get(rating.pk, []),
        )
        if previous is not None:
            row.previous = before.get(rating.standard_id)
            row.change = rating_change(row.previous, rating.level)
            change_counts[row.change] = change_counts.get(row.change, 0) + 1
        if not sections or sections[-1].section.pk != rating.standard.section_id:
            sections.append(SectionRows(rating.standard.section, []))
        sections[-1].rows.append(row)
        if rating.level is not None:
            level_counts.setdefault(rating.level.pk, [rating.level, 0])[1] += 1

    actions = _action_rows(
        GeneratedAction.objects.filter(submission=submission), assurance_return=assurance_return
    )
    settled = [
        r.standard_id
        for r in ratings
        if r.level is not None and (r.level.meets_standard or r.level.not_applicable)
    ]
    now_met = _action_rows(
        GeneratedAction.objects.filter(
            submission__assurance_return=assurance_return,
            submission__number__lt=submission.number,
            standard__in=settled,
        ).exclude(action__status__in=CLOSED_STATUSES),
        assurance_return=assurance_return,
    )
    return Report(
        submission=submission,
        previous=previous,
        sections=sections,
        actions=actions,
        now_met=now_met,
        level_counts=sorted(
            (tuple(pair) for pair in level_counts.values()),
            key=lambda pair: (pair[0].scale_id, pair[0].order, pair[0].pk),
        ),
        change_counts=[
            (CHANGES[key][0], CHANGES[key][1], change_counts[key])
            for key in CHANGES
            if change_counts.get(key)
        ],
    )


def _action_rows(links, *, assurance_return) -> list[ActionRow]:
    """One row per action (first link kept), with the submission that first raised it."""
    links = list(
        links.select_related("action", "standard").order_by(
            "standard__section__order", "standard__order", "pk"
        )
    )
    first = dict(
        GeneratedAction.objects.filter(
            submission__assurance_return=assurance_return,
            action__in=[link.action_id for link in links],
        )
        .values("action")
        .annotate(first=Min("submission__number"))
        .values_list("action", "first")
    )
    rows: dict[int, ActionRow] = {}
    for link in links:
        rows.setdefault(
            link.action_id,
            ActionRow(action=link.action, standard=link.standard, raised_in=first[link.action_id]),
        )
    return list(rows.values())


def report_file_name(submission: Submission) -> str:
    assurance_return = submission.assurance_return
    parts = [
        assurance_return.framework.name,
        assurance_return.framework.version_label,
        assurance_return.organisation.name,
        f"submission-{submission.number}",
    ]
    return f"{slugify(' '.join(parts))[:150]}.pdf"


def report_pdf(report: Report, *, today: datetime.date | None = None) -> bytes:
    """The report as an A4 PDF: the copy e-mailed and kept on the submission."""
    html = render_to_string(
        "assurance/pdf/report.html",
        {"report": report, "generated_on": today or timezone.localdate(), "for_pdf": True},
    )
    return html_to_pdf(html).write_pdf()

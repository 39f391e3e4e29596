"""The partnership view of assurance: how far each invited organisation has got with each
framework, the heat map of their latest submitted ratings by standard, and the themes where
many partners are weak (docs/assurance.md, "Partnership view").

Completion, per return: "submitted" once it has any submission (an earlier submission still
counts while the organisation changes its answers; the row says so), otherwise "overdue"
after its due date, otherwise "in progress" or "not started".

The heat map shows each organisation's LATEST submission only; the working copy of a return
counts for nothing until it is submitted. Every read here takes a fixed number of queries
whatever the number of frameworks, organisations or standards.

Weak themes: a standard is a theme when at least two organisations rate it below met and
they are at least a third of those that rated it (ratings of "not applicable" are left out).
A section is a theme when at least a third of its ratings (not applicable left out) are below
met and they come from at least two organisations.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from saferboard.assurance.models import (
    AssuranceReturn,
    Framework,
    RatingLevel,
    ReturnStatus,
    Section,
    Standard,
    Submission,
    SubmittedRating,
)
from saferboard.assurance.report import level_tag
from saferboard.core.models import Partnership
from saferboard.registry.models import Organisation

# state: (label, GOV.UK tag colour), in the order the counts are shown.
COMPLETION_STATES = {
    "submitted": ("Submitted", "govuk-tag--green"),
    "in_progress": ("In progress", "govuk-tag--blue"),
    "not_started": ("Not started", "govuk-tag--grey"),
    "overdue": ("Overdue", "govuk-tag--red"),
}

# A theme needs at least this many organisations below met …
THEME_MIN_ORGANISATIONS = 2
# … and at least this share of the ratings that count.
THEME_SHARE = 1 / 3


def completion_state(assurance_return: AssuranceReturn, *, submitted: bool, today) -> str:
    if submitted:
        return "submitted"
    if assurance_return.due_date < today:
        return "overdue"
    if assurance_return.status == ReturnStatus.IN_PROGRESS:
        return "in_progress"
    return "not_started"


@dataclass
class ReturnRow:
    """One organisation's return in the completion table."""

    assurance_return: AssuranceReturn
    state: str
    submissions: int
    last_submitted: datetime.datetime | None

    @property
    def label(self) -> str:
        return COMPLETION_STATES[self.state][0]

    @property
    def tag(self) -> str:
        return COMPLETION_STATES[self.state][1]

    @property
    def changes_pending(self) -> bool:
        """Submitted before, and changed since without being submitted again."""
        return self.submissions > 0 and self.assurance_return.status != ReturnStatus.SUBMITTED


@dataclass
class StateCount:
    state: str
    label: str
    tag: str
    count: int


@dataclass
class Completion:
    """A framework with its returns' completion."""

    framework: Framework
    rows: list[ReturnRow] = field(default_factory=list)

    @property
    def counts(self) -> list[StateCount]:
        return [
            StateCount(state, label, tag, sum(1 for row in self.rows if row.state == state))
            for state, (label, tag) in COMPLETION_STATES.items()
        ]

    @property
    def invited(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.state == "submitted")


def _returns_with_submissions(returns: QuerySet[AssuranceReturn]) -> QuerySet[AssuranceReturn]:
    return returns.select_related("organisation", "variant").annotate(
        submission_count=Count("submissions"), last_submitted=Max("submissions__submitted_at")
    )


def _row(assurance_return: AssuranceReturn, today: datetime.date) -> ReturnRow:
    count = assurance_return.submission_count
    return ReturnRow(
        assurance_return=assurance_return,
        state=completion_state(assurance_return, submitted=count > 0, today=today),
        submissions=count,
        last_submitted=assurance_return.last_submitted,
    )


def completion_list(*, partnership: Partnership, today: datetime.date) -> list[Completion]:
    """Every framework of the partnership with its returns' completion (two queries)."""
    completions = {
        framework.pk: Completion(framework)
        for framework in Framework.objects.filter(partnership=partnership).select_related(
            "owner_body"
        )
    }
    returns = AssuranceReturn.objects.filter(partnership=partnership).order_by(
        "organisation__name", "pk"
    )
    for assurance_return in _returns_with_submissions(returns):
        completions[assurance_return.framework_id].rows.append(_row(assurance_return, today))
    return list(completions.values())


def framework_completion(*, framework: Framework, today: datetime.date) -> Completion:
    """One framework's returns with their completion (one query)."""
    returns = framework.returns.order_by("organisation__name", "pk")
    return Completion(framework, [_row(item, today) for item in _returns_with_submissions(returns)])


# --- the heat map ------------------------------------------------------------------------

NOT_SUBMITTED = "not_submitted"  # the organisation has not submitted its return yet
NOT_ASKED = "not_asked"  # its return (a shorter variant) does not include the standard


@dataclass
class Cell:
    """One organisation's latest submitted rating of one standard."""

    organisation: Organisation
    standard: Standard
    level: RatingLevel | None = None
    state: str = "rated"
    tag: str = "govuk-tag--grey"

    @property
    def text(self) -> str:
        if self.state == NOT_SUBMITTED:
            return "Not submitted"
        if self.state == NOT_ASKED:
            return "Not in its return"
        return self.level.label if self.level else "Not rated"

    @property
    def short(self) -> str:
        """What the SVG cell shows: the level's code, or a dash."""
        if self.level is None:
            return "–"
        return self.level.code

    @property
    def below_met(self) -> bool:
        return (
            self.level is not None
            and not self.level.meets_standard
            and not self.level.not_applicable
        )

    @property
    def counts(self) -> bool:
        """Whether the rating counts towards themes (rated, and not "not applicable")."""
        return self.level is not None and not self.level.not_applicable


@dataclass
class HeatRow:
    standard: Standard
    cells: list[Cell]

    @property
    def below_met(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.below_met]

    @property
    def rated(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.counts]


@dataclass
class HeatSection:
    section: Section
    rows: list[HeatRow]


@dataclass(frozen=True)
class LatestSubmission:
    """The submission a column of the heat map comes from."""

    pk: int
    number: int
    submitted_at: datetime.datetime


@dataclass
class HeatMap:
    """Ratings by standard (rows) and organisation (columns)."""

    framework: Framework
    organisations: list[Organisation]
    submissions: dict[int, LatestSubmission | None]  # organisation pk -> its latest
    sections: list[HeatSection]
    levels: list[RatingLevel]

    @property
    def rows(self) -> list[HeatRow]:
        return [row for part in self.sections for row in part.rows]

    @property
    def has_ratings(self) -> bool:
        return any(submission for submission in self.submissions.values())

    @property
    def columns(self) -> list[tuple[Organisation, LatestSubmission | None]]:
        return [(o, self.submissions[o.pk]) for o in self.organisations]

    @property
    def legend(self) -> list[tuple[RatingLevel, str]]:
        """Each level with its colour, for the key."""
        lowest = _lowest_scores(self.levels)
        return [(level, level_tag(level, lowest)) for level in self.levels]


def _lowest_scores(levels: list[RatingLevel]) -> dict[int, int]:
    lowest: dict[int, int] = {}
    for level in levels:
        if level.score is not None and not level.not_applicable:
            lowest[level.scale_id] = min(lowest.get(level.scale_id, level.score), level.score)
    return lowest


def heat_map(framework: Framework) -> HeatMap:
    """The framework's heat map from each return's latest submission (four queries)."""
    latest = Submission.objects.filter(assurance_return=OuterRef("pk")).order_by("-number")
    returns = list(
        framework.returns.select_related("organisation")
        .annotate(
            latest_id=Subquery(latest.values("pk")[:1]),
            latest_at=Subquery(latest.values("submitted_at")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
        )
        .order_by("organisation__name", "pk")
    )
    levels = list(
        RatingLevel.objects.filter(scale__framework=framework).order_by("scale_id", "order", "pk")
    )
    lowest = _lowest_scores(levels)
    latest_ids = [r.latest_id for r in returns if r.latest_id]
    ratings = {
        (rating.submission_id, rating.standard_id): rating
        for rating in SubmittedRating.objects.filter(submission_id__in=latest_ids).select_related(
            "level"
        )
    }
    organisations = [r.organisation for r in returns]
    submissions = {
        r.organisation_id: (
            LatestSubmission(r.latest_id, r.latest_number, r.latest_at) if r.latest_id else None
        )
        for r in returns
    }
    standards = Standard.objects.filter(section__framework=framework).select_related("section")
    sections: dict[int, HeatSection] = {}
    for standard in standards.order_by("section__order", "section__pk", "order", "pk"):
        cells = []
        for r in returns:
            cell = Cell(organisation=r.organisation, standard=standard)
            if not r.latest_id:
                cell.state = NOT_SUBMITTED
            elif (r.latest_id, standard.pk) not in ratings:
                cell.state = NOT_ASKED
            else:
                cell.level = ratings[(r.latest_id, standard.pk)].level
                cell.tag = level_tag(cell.level, lowest)
            cells.append(cell)
        if standard.section_id not in sections:
            sections[standard.section_id] = HeatSection(standard.section, [])
        sections[standard.section_id].rows.append(HeatRow(standard, cells))
    return HeatMap(
        framework=framework,
        organisations=organisations,
        submissions=submissions,
        sections=list(sections.values()),
        levels=levels,
    )


# --- weak themes -------------------------------------------------------------------------


@dataclass
class StandardTheme:
    standard: Standard
    below_met: list[Cell]
    rated: int

    @property
    def organisations(self) -> list[Organisation]:
        return [cell.organisation for cell in self.below_met]


@dataclass
class SectionTheme:
    section: Section
    below_met: int
    rated: int
    organisations: list[Organisation]


@dataclass
class Themes:
    standards: list[StandardTheme]
    sections: list[SectionTheme]

    def __bool__(self) -> bool:
        return bool(self.standards or self.sections)


def _is_theme(below: int, rated: int, organisations: int) -> bool:
    return organisations >= THEME_MIN_ORGANISATIONS and rated > 0 and below >= THEME_SHARE * rated


def weak_themes(heat: HeatMap) -> Themes:
    """Standards and sections where many partners rate themselves below met (module
    docstring), weakest first. Reads nothing more than the heat map."""
    standards = []
    sections = []
    for part in heat.sections:
        below = rated = 0
        weak_organisations: dict[int, Organisation] = {}
        for row in part.rows:
            row_below = row.below_met
            row_rated = len(row.rated)
            below += len(row_below)
            rated += row_rated
            for cell in row_below:
                weak_organisations.setdefault(cell.organisation.pk, cell.organisation)
            if _is_theme(len(row_below), row_rated, len(row_below)):
                standards.append(StandardTheme(row.standard, row_below, row_rated))
        if _is_theme(below, rated, len(weak_organisations)):
            sections.append(
                SectionTheme(part.section, below, rated, list(weak_organisations.values()))
            )
    standards.sort(key=lambda theme: (-len(theme.below_met) / theme.rated, -len(theme.below_met)))
    sections.sort(key=lambda theme: -theme.below_met / theme.rated)
    return Themes(standards=standards, sections=sections)

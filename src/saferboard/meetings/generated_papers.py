"""Papers saferboard makes from its own records, such as the outstanding actions report.

The app that can make one registers a builder for the standing kind of item the
paper belongs to (`register_generated_paper`, from its AppConfig.ready), so
meetings never imports it. Building the main pack remakes these papers first
(packs.pack_build); "Put this report in the pack" buttons call generated_paper_put.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.meetings import papers as papers_service
from saferboard.meetings.models import AgendaItem, Meeting, Paper, StandingKind


@dataclass(frozen=True)
class GeneratedPaper:
    """A paper saferboard makes for a meeting: its title, file name and PDF."""

    title: str
    file_name: str
    pdf: bytes


GeneratedPaperBuilder = Callable[[Meeting], GeneratedPaper]
_generated_papers: dict[str, GeneratedPaperBuilder] = {}


def register_generated_paper(kind: str, build: GeneratedPaperBuilder) -> None:
    """Make `build(meeting)` the paper of every item of standing kind `kind`.

    Called from an app's AppConfig.ready (actions registers the outstanding actions report).
    """
    if kind not in StandingKind.values:
        raise ValueError(f"“{kind}” is not a standing kind of agenda item.")
    _generated_papers[kind] = build


def _item_of_kind(*, meeting: Meeting, kind: str) -> AgendaItem | None:
    """The meeting's (first) item of standing kind `kind`, with its papers."""
    return (
        AgendaItem.objects.filter(meeting=meeting, standing_kind=kind)
        .prefetch_related("papers")
        .order_by("position", "pk")
        .first()
    )


def _put(*, item: AgendaItem, paper: GeneratedPaper, by: User | None) -> Paper:
    earlier = next((p for p in item.papers.all() if p.generated), None)
    if earlier is None:
        return papers_service.paper_add(
            item=item,
            name=paper.file_name,
            data=paper.pdf,
            title=paper.title,
            by=by,
            generated=True,
        )
    return papers_service.paper_replace(
        paper=earlier, name=paper.file_name, data=paper.pdf, by=by, expected_version=None
    )


@transaction.atomic
def generated_paper_put(*, meeting: Meeting, kind: str, by: User | None) -> Paper:
    """Make the paper for the meeting's item of standing kind `kind` and attach it,
    replacing the paper made last time rather than adding another.

    After the agenda is published and the main pack built, it is a late paper like any
    other replacement and goes in the next supplementary pack.
    """
    build = _generated_papers.get(kind)
    if build is None:
        raise BusinessRuleError(f"saferboard cannot make a paper for “{StandingKind(kind).label}”.")
    item = _item_of_kind(meeting=meeting, kind=kind)
    if item is None:
        raise BusinessRuleError(
            f"The agenda of {meeting} has no “{StandingKind(kind).label}” item, so there is "
            "nowhere to put the paper. Add the standing item to the agenda first."
        )
    return _put(item=item, paper=build(meeting), by=by)


def generated_papers_refresh(*, meeting: Meeting, by: User | None) -> list[Paper]:
    """Remake the generated papers of the meeting's items before the main pack is built.

    Only while the main pack is open (so its page numbers never change after
    publication), and never beside papers the clerk uploaded for the item instead.
    """
    refreshed = []
    for kind, build in _generated_papers.items():
        item = _item_of_kind(meeting=meeting, kind=kind)
        if item is None:
            continue
        item_papers = list(item.papers.all())
        if item_papers and not any(paper.generated for paper in item_papers):
            continue
        if papers_service.paper_next_supplement(item=item) != 0:
            continue
        refreshed.append(_put(item=item, paper=build(meeting), by=by))
    return refreshed

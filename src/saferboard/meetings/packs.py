"""Agenda packs: a front sheet and the papers in agenda order, as one page-numbered PDF.

The front sheet (notice of meeting, members, the agenda with "(Pages a - b)" for
each item with papers, clerk contact) is laid out by WeasyPrint from a Django
template. The papers follow in agenda order; every page is stamped with its pack
page number and each item gets an outline entry (bookmark) at its first page.

The public pack leaves out the papers of items that are not public (exempt or
OFFICIAL-SENSITIVE); the members' pack has everything. Supplementary pack n holds
only the papers with `supplement = n` and has its own page numbers, so the main
pack is never renumbered.

Building the main pack first remakes the papers saferboard generates itself
(meetings/generated_papers.py), such as the outstanding actions report.
"""

import io
from dataclasses import dataclass, field

import weasyprint
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.generated_papers import generated_papers_refresh
from saferboard.meetings.models import (
    AgendaItem,
    Meeting,
    Pack,
    PackKind,
    Paper,
    SecurityMarking,
    pack_upload_to,
)
from saferboard.meetings.selectors import meeting_agenda, meeting_seats_by_body

WITHHELD_EXEMPT = "Exempt item: not for publication"
WITHHELD_SENSITIVE = "Restricted item (OFFICIAL-SENSITIVE): not for publication"


@dataclass
class PackPaper:
    paper: Paper
    data: bytes
    pages: int
    first: int = 0  # pack page numbers, counted from 1
    last: int = 0


@dataclass
class PackEntry:
    """One agenda line of the front sheet and the papers the pack carries for it."""

    item: AgendaItem
    papers: list[PackPaper] = field(default_factory=list)
    withheld: bool = False  # a non-public item in the public pack

    @property
    def first(self) -> int:
        return self.papers[0].first if self.papers else 0

    @property
    def last(self) -> int:
        return self.papers[-1].last if self.papers else 0

    @property
    def pages_label(self) -> str:
        return f"(Pages {self.first} - {self.last})" if self.papers else ""

    @property
    def withheld_label(self) -> str:
        if not self.withheld:
            return ""
        if self.item.is_exempt:
            paragraph = self.item.exempt_paragraph
            return f"{WITHHELD_EXEMPT} (Local Government Act 1972, Schedule 12A, para. {paragraph})"
        return WITHHELD_SENSITIVE


def pack_entries(*, meeting: Meeting, kind: str, supplement: int = 0) -> list[PackEntry]:
    """The front sheet's agenda lines for a pack, with the papers each carries.

    The main pack lists every item; a supplementary pack only the items with late papers
    in it. In the public pack a non-public item is listed as withheld, without papers.
    """
    public = kind == PackKind.PUBLIC
    papers = Paper.objects.filter(supplement=supplement).order_by("position", "pk")
    items = meeting_agenda(meeting=meeting).prefetch_related(Prefetch("papers", queryset=papers))
    entries = []
    for item in items:
        withheld = public and not item.is_public
        item_papers = [] if withheld else list(item.papers.all())
        if supplement and not item.papers.all():
            continue
        if supplement and withheld:
            continue
        entries.append(
            PackEntry(
                item=item,
                withheld=withheld,
                papers=[PackPaper(paper=p, data=b"", pages=p.page_count) for p in item_papers],
            )
        )
    return entries


def _number_pages(entries: list[PackEntry], *, front_pages: int) -> None:
    page = front_pages
    for entry in entries:
        for paper in entry.papers:
            paper.first, paper.last = page + 1, page + paper.pages
            page += paper.pages


def _refuse_fetching(url: str, *args, **kwargs):
    # Front sheets and Word papers need nothing from outside; never fetch what a document names.
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Not fetching {url}: packs use no outside resources.")


def html_to_pdf(html: str) -> weasyprint.Document:
    """Lay out `html` with WeasyPrint, fetching nothing from outside."""
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetching).render()


def _front_sheet_context(*, meeting: Meeting, kind: str, supplement: int, entries) -> dict:
    included = [e.item for e in entries if e.papers]
    restricted = kind == PackKind.RESTRICTED
    return {
        "partnership": meeting.partnership,
        "meeting": meeting,
        "supplement": supplement,
        "restricted": restricted,
        "sensitive": restricted
        and any(i.security_marking == SecurityMarking.OFFICIAL_SENSITIVE for i in included),
        "not_for_publication": restricted and any(not i.is_public for i in included),
        "members": meeting_seats_by_body(meeting=meeting),
        "entries": entries,
        "clerk": meeting.clerk,
    }


def _front_sheet(*, meeting: Meeting, kind: str, supplement: int, entries, guess: int = 1) -> bytes:
    """The front sheet as PDF, laid out until the page numbers it prints allow for its length.

    `guess` is its expected length (a rebuild passes the last build's), so usually one
    layout is enough; otherwise it is laid out again with the numbers moved on.
    """
    context = _front_sheet_context(
        meeting=meeting, kind=kind, supplement=supplement, entries=entries
    )
    front_pages = max(1, guess)
    for _ in range(5):
        _number_pages(entries, front_pages=front_pages)
        document = html_to_pdf(render_to_string("meetings/pdf/front_sheet.html", context))
        if len(document.pages) == front_pages:
            return document.write_pdf()
        front_pages = len(document.pages)
    raise RuntimeError("The front sheet's length did not settle; please report this.")


# --- stamping page numbers -----------------------------------------------------------

STAMP_FONT = "/SBPageNumber"
STAMP_SIZE = 10
STAMP_FROM_BOTTOM = 20  # points: about 7 mm, below most papers' own footers
# Helvetica advance widths (thousandths of the font size) for the stamp's characters.
_HELVETICA = {"P": 667, "a": 556, "g": 556, "e": 556, " ": 278, **dict.fromkeys("0123456789", 556)}


def _text_width(text: str) -> float:
    return sum(_HELVETICA[c] for c in text) * STAMP_SIZE / 1000


def _stamp_pages(writer: PdfWriter) -> None:
    """Stamp "Page n" at the bottom centre of every page, on a white patch.

    Adds a small content stream per page rather than merging an overlay page, which
    would parse and rewrite every paper's content: stamping stays fast for long packs.
    The paper's own drawing is wrapped in q ... Q so that whatever state it leaves
    cannot move or hide the stamp.
    """
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save_state = DecodedStreamObject()
    save_state.set_data(b"q\n")
    save_state = writer._add_object(save_state)
    for number, page in enumerate(writer.pages, start=1):
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.cropbox
        text = f"Page {number}"
        width = _text_width(text)
        x = float(box.left) + (float(box.width) - width) / 2
        y = float(box.bottom) + STAMP_FROM_BOTTOM
        stamp = DecodedStreamObject()
        stamp.set_data(
            (
                f"\nQ q 1 g {x - 4:.2f} {y - 3:.2f} {width + 8:.2f} {STAMP_SIZE + 4:.2f} re f "
                f"0 g BT {STAMP_FONT} {STAMP_SIZE} Tf {x:.2f} {y:.2f} Td ({text}) Tj ET Q\n"
            ).encode("ascii")
        )
        if "/Resources" not in page:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"].get_object()
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        resources["/Font"].get_object()[NameObject(STAMP_FONT)] = font
        contents = page.get("/Contents")
        if contents is None:
            existing = []
        elif isinstance(contents.get_object(), ArrayObject):
            existing = list(contents.get_object())
        else:
            existing = [contents.indirect_reference or contents]
        page[NameObject("/Contents")] = ArrayObject(
            [save_state, *existing, writer._add_object(stamp)]
        )


def _outline_title(item: AgendaItem) -> str:
    return f"{item.number}. {item.title}" if item.number else item.title


def assemble_pack(*, front_sheet: bytes, entries: list[PackEntry], title: str) -> PdfWriter:
    """Front sheet, then each entry's papers; stamped, with an outline entry per item."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front_sheet)), import_outline=False)
    for entry in entries:
        for paper in entry.papers:
            writer.append(PdfReader(io.BytesIO(paper.data)), import_outline=False)
    # Outline entries point at pages, so they are added once every page is in place.
    writer.add_outline_item(title="Agenda", page_number=0)
    for entry in entries:
        if not entry.papers:
            continue
        parent = writer.add_outline_item(
            title=_outline_title(entry.item), page_number=entry.first - 1
        )
        if len(entry.papers) > 1:
            for paper in entry.papers:
                writer.add_outline_item(
                    title=paper.paper.title, page_number=paper.first - 1, parent=parent
                )
    _stamp_pages(writer)
    writer.add_metadata({"/Title": title, "/Producer": "saferboard"})
    writer.page_mode = "/UseOutlines"
    return writer


def pack_title(*, meeting: Meeting, kind: str, supplement: int) -> str:
    label = f"Supplementary agenda {supplement}" if supplement else "Agenda"
    audience = " (members' pack)" if kind == PackKind.RESTRICTED else ""
    return f"{label}{audience}: {meeting}"


def pack_file_name(*, meeting: Meeting, kind: str, supplement: int) -> str:
    label = f"supplementary-pack-{supplement}" if supplement else "agenda-pack"
    audience = "members" if kind == PackKind.RESTRICTED else "public"
    return f"{label}-{meeting.date:%Y-%m-%d}-{audience}.pdf"


def _load_papers(entries: list[PackEntry]) -> None:
    """Read each paper's PDF and its true page count (the stored count is only a guide)."""
    for entry in entries:
        for paper in entry.papers:
            with paper.paper.pdf.open("rb") as handle:
                paper.data = handle.read()
            paper.pages = len(PdfReader(io.BytesIO(paper.data)).pages)


@transaction.atomic
def pack_build(
    *,
    meeting: Meeting,
    kind: str,
    supplement: int = 0,
    by: User | None,
    refresh_generated: bool = True,
) -> Pack:
    """Build (or rebuild) the meeting's pack of `kind` and `supplement`, and store it.

    The main pack first remakes the generated papers (see generated_papers_refresh)
    unless `refresh_generated` is False (the caller has just done so).
    """
    if kind not in PackKind.values:
        raise BusinessRuleError(f"“{kind}” is not a kind of pack.")
    if supplement == 0 and refresh_generated:
        generated_papers_refresh(meeting=meeting, by=by)
    entries = pack_entries(meeting=meeting, kind=kind, supplement=supplement)
    if supplement and not any(e.papers for e in entries):
        audience = "the public pack" if kind == PackKind.PUBLIC else "the members' pack"
        raise BusinessRuleError(
            f"There are no late papers for supplementary pack {supplement} of {meeting} "
            f"in {audience}, so there is nothing to build."
        )
    _load_papers(entries)
    front = _front_sheet(
        meeting=meeting,
        kind=kind,
        supplement=supplement,
        entries=entries,
        guess=_last_front_sheet_length(meeting=meeting, kind=kind, supplement=supplement),
    )
    writer = assemble_pack(
        front_sheet=front,
        entries=entries,
        title=pack_title(meeting=meeting, kind=kind, supplement=supplement),
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    contents = [
        {
            "item": e.item.pk,
            "number": e.item.number,
            "first": e.first,
            "last": e.last,
            "papers": [{"paper": p.paper.pk, "first": p.first, "last": p.last} for p in e.papers],
        }
        for e in entries
        if e.papers
    ]
    return _store(
        meeting=meeting,
        kind=kind,
        supplement=supplement,
        data=data,
        page_count=len(writer.pages),
        contents=contents,
        by=by,
    )


def _last_front_sheet_length(*, meeting: Meeting, kind: str, supplement: int) -> int:
    last = Pack.objects.filter(meeting=meeting, kind=kind, supplement=supplement).first()
    if last is None or not last.contents:
        return 1
    return last.contents[0]["first"] - 1


def _store(*, meeting, kind, supplement, data, page_count, contents, by) -> Pack:
    """Write the PDF and save the Pack row, replacing an earlier build; files follow the row."""
    storage = Pack._meta.get_field("file").storage
    where = Pack(partnership=meeting.partnership, meeting=meeting)
    name = storage.save(
        pack_upload_to(where, pack_file_name(meeting=meeting, kind=kind, supplement=supplement)),
        ContentFile(data),
    )
    # The new file goes if the row is not saved; the old one goes once the new row commits.
    values = {
        "file": name,
        "page_count": page_count,
        "size": len(data),
        "contents": contents,
        "built_by": by,
    }
    existing = Pack.objects.filter(meeting=meeting, kind=kind, supplement=supplement).first()
    try:
        with transaction.atomic():
            if existing is None:
                pack = record_create(
                    model=Pack,
                    partnership=meeting.partnership,
                    by=by,
                    meeting=meeting,
                    kind=kind,
                    supplement=supplement,
                    **values,
                )
            else:
                old = existing.file.name
                pack = record_update(instance=existing, by=by, expected_version=None, **values)
                transaction.on_commit(lambda: storage.delete(old) if old != name else None)
    except BaseException:
        storage.delete(name)
        raise
    return pack


def pack_list(*, partnership: Partnership) -> QuerySet[Pack]:
    return Pack.objects.filter(partnership=partnership).select_related("meeting")


def meeting_packs(*, meeting: Meeting) -> QuerySet[Pack]:
    return (
        Pack.objects.filter(meeting=meeting)
        .select_related("built_by")
        .order_by("supplement", "kind")
    )


def unbuilt_supplements(*, meeting: Meeting) -> list[int]:
    """Supplementary packs with late papers but no pack built yet."""
    built = set(Pack.objects.filter(meeting=meeting).values_list("supplement", flat=True))
    return [n for n in pending_supplements(meeting=meeting) if n not in built]


@dataclass(frozen=True)
class BuiltPacks:
    packs: list[Pack]
    skipped: list[str]  # plain-English notes on packs not built (nothing to put in them)


def pending_supplements(*, meeting: Meeting) -> list[int]:
    """Supplement numbers with papers, in order (whether or not their packs are built)."""
    return sorted(
        set(
            Paper.objects.filter(item__meeting=meeting, supplement__gt=0)
            .values_list("supplement", flat=True)
            .distinct()
        )
    )


@transaction.atomic
def meeting_packs_build(*, meeting: Meeting, by: User | None) -> BuiltPacks:
    """Build the public and members' packs: the main packs and every supplementary pack.

    One transaction: if any pack fails, none is replaced. A supplementary public pack
    with no public papers is not built (its late papers are all exempt or restricted).
    """
    packs, skipped = [], []
    generated_papers_refresh(meeting=meeting, by=by)
    for supplement in [0, *pending_supplements(meeting=meeting)]:
        for kind in (PackKind.PUBLIC, PackKind.RESTRICTED):
            if supplement and not any(
                e.papers for e in pack_entries(meeting=meeting, kind=kind, supplement=supplement)
            ):
                skipped.append(
                    f"No public supplementary pack {supplement}: its late papers are all "
                    "exempt or restricted."
                )
                continue
            packs.append(
                pack_build(
                    meeting=meeting,
                    kind=kind,
                    supplement=supplement,
                    by=by,
                    refresh_generated=False,
                )
            )
    return BuiltPacks(packs=packs, skipped=skipped)

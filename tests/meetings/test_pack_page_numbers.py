"""A pack of 12 papers on 9 items: the front sheet's "(Pages a - b)", the outline and the
page stamps all agree with where each paper's pages really are in the merged PDF."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from saferboard.meetings.models import PackKind
from saferboard.meetings.packs import pack_build
from tests.factories import (
    AgendaItemFactory,
    AgendaSectionFactory,
    PaperFactory,
    PersonFactory,
    labelled_pdf,
)

# (item title, pages of each of its papers); items without papers have none.
AGENDA = [
    ("Apologies for absence", []),
    ("Minutes of the previous meeting", [3]),
    ("Strategic assessment", [5, 2]),
    ("Domestic abuse strategy", [1]),
    ("Any other business", []),
    ("Serious violence duty", [4]),
    ("Performance report", [2, 1, 3]),
    ("Anti-social behaviour review", [6]),
    ("Prevent update", [1]),
    ("Funding round", [2, 4]),
]


def paper_with_pages(item, label: str, pages: int, **extra):
    data = labelled_pdf(label, pages)
    extra.setdefault("title", label)
    return PaperFactory(
        partnership=item.partnership,
        item=item,
        original=ContentFile(data, name=f"{label}.pdf"),
        pdf=ContentFile(data, name=f"{label}.pdf"),
        page_count=pages,
        **extra,
    )


@pytest.fixture
def agenda_with_papers(partnership_a, a_meeting, seats):
    a_meeting.clerk = PersonFactory(
        partnership=partnership_a,
        given_name="Cleo",
        family_name="Clerk",
        email="cleo.clerk@example.gov.uk",
        phone="020 7946 0000",
    )
    a_meeting.save()
    standing = AgendaSectionFactory(partnership=partnership_a, meeting=a_meeting, position=0)
    business = AgendaSectionFactory(partnership=partnership_a, meeting=a_meeting, position=1)
    papers_by_item = {}
    for number, (title, page_counts) in enumerate(AGENDA, start=1):
        # Positions run backwards within each section: agenda order is section, then position.
        item = AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            section=standing if number <= 2 else business,
            position=100 - number,
            number=number,
            title=title,
            presenter="Director of Community Safety",
        )
        papers_by_item[item] = [
            paper_with_pages(item, f"PAPER{number:02d}X{k}", pages, position=k)
            for k, pages in enumerate(page_counts)
        ]
    return papers_by_item


def pages_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def stamp_on(page) -> str:
    """The text drawn near the bottom of the page, where the pack stamp goes."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and (cm[5] + tm[5] * cm[3]) < 40:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def test_front_sheet_pages_outline_and_stamps_match_the_papers(a_meeting, agenda_with_papers):
    pack = pack_build(meeting=a_meeting, kind=PackKind.RESTRICTED, by=None)
    reader = PdfReader(pack.file.open("rb"))
    texts = pages_text(reader)

    # Where each paper really is: the pages carrying its label, in order.
    where: dict[str, list[int]] = {}
    for number, text in enumerate(texts, start=1):
        for label in re.findall(r"(PAPER\d\dX\d) sheet", text):
            where.setdefault(label, []).append(number)
    front_pages = min(p for pages in where.values() for p in pages) - 1
    assert front_pages >= 1
    assert all(not re.search(r"PAPER\d\dX\d sheet", t) for t in texts[:front_pages])

    front = "\n".join(texts[:front_pages])
    item_titles = [title for title, _ in AGENDA]
    papers_total = sum(len(p) for p in agenda_with_papers.values())
    assert papers_total >= 10 and sum(1 for _, p in AGENDA if p) >= 8

    # Each item's line runs from its title to the next item's title (or the contact details).
    starts = sorted((front.index(title), title) for title in item_titles)
    ends = [start for start, _ in starts[1:]] + [front.index("Contact")]
    printed = {}
    for (start, title), end in zip(starts, ends, strict=True):
        segment = front[start:end]
        match = re.search(r"\(Pages (\d+) - (\d+)\)", segment)
        printed[title] = (int(match[1]), int(match[2])) if match else None

    outline = {}
    for entry in reader.outline:
        if not isinstance(entry, list):
            outline[entry.title] = reader.get_destination_page_number(entry) + 1

    for item, item_papers in agenda_with_papers.items():
        if not item_papers:
            assert printed[item.title] is None, f"{item.title} has no papers but shows pages"
            assert f"{item.number}. {item.title}" not in outline
            continue
        pages = [p for paper in item_papers for p in where[paper.title]]
        first, last = min(pages), max(pages)
        assert printed[item.title] == (first, last), item.title
        assert outline[f"{item.number}. {item.title}"] == first, item.title
        # Each paper's pages are contiguous and complete, in the paper's own order.
        for paper in item_papers:
            span = where[paper.title]
            assert span == list(range(span[0], span[0] + paper.page_count))
            assert f"{paper.title} sheet 1" in texts[span[0] - 1]

    # Papers follow agenda order (sections, then positions), not the order they were added.
    in_agenda_order = sorted(agenda_with_papers, key=lambda i: (i.section.position, i.position))
    firsts = [min(where[p.title]) for i in in_agenda_order for p in agenda_with_papers[i]]
    assert firsts == sorted(firsts)
    assert in_agenda_order != list(agenda_with_papers)

    # Every page carries its own number at the bottom.
    for number, page in enumerate(reader.pages, start=1):
        assert stamp_on(page) == f"Page {number}"
    assert (
        pack.page_count
        == len(reader.pages)
        == front_pages + sum(p.page_count for ps in agenda_with_papers.values() for p in ps)
    )

    # The front sheet gives the notice of meeting, the members and the clerk.
    assert "Community Safety Partnership Board" in front
    assert "Thursday 12 June 2025" in front and "14:00" in front
    assert "Civic Centre, Committee Room 1" in front
    assert "Ann Chair" in front and "Pat Cop" in front and "Hal Nurse" in front
    assert "Cleo Clerk" in front and "cleo.clerk@example.gov.uk" in front
    assert "020 7946 0000" in front
    assert "Report of Director of Community Safety" in front


def test_nested_outline_entries_point_at_each_papers_first_page(a_meeting, agenda_with_papers):
    pack = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    reader = PdfReader(io.BytesIO(pack.file.read()))
    texts = pages_text(reader)
    top = [e for e in reader.outline if not isinstance(e, list)]
    nested = [e for e in reader.outline if isinstance(e, list)]
    several = [ps for ps in agenda_with_papers.values() if len(ps) > 1]
    assert len(nested) == len(several)
    for children in nested:
        for child in children:
            page = reader.get_destination_page_number(child)
            assert f"{child.title} sheet 1" in texts[page]
    assert top[0].title == "Agenda" and reader.get_destination_page_number(top[0]) == 0


def test_a_long_front_sheet_moves_every_page_number_on(partnership_a, a_meeting):
    """With enough items to run the front sheet onto more pages, the printed numbers and the
    stored contents still match where the papers are."""
    items = [
        AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            number=n,
            position=n,
            title=f"Item number {n} on a long agenda",
            purpose="A long explanation of what the item is for. " * 4,
        )
        for n in range(1, 41)
    ]
    paper = paper_with_pages(items[-1], "LASTPAPER", 2)
    pack = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    reader = PdfReader(pack.file.open("rb"))
    texts = pages_text(reader)
    first = next(n for n, text in enumerate(texts, start=1) if "LASTPAPER" in text)
    assert first > 2  # the front sheet took more than one page
    assert f"(Pages {first} - {first + 1})" in "".join(texts[: first - 1])
    assert pack.contents == [
        {
            "item": items[-1].pk,
            "number": 40,
            "first": first,
            "last": first + 1,
            "papers": [{"paper": paper.pk, "first": first, "last": first + 1}],
        }
    ]


def test_landscape_rotated_and_offset_pages_are_stamped_upright(partnership_a, a_meeting):
    """Papers come in all shapes: the stamp lands at the bottom centre of the page as read."""
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)  # landscape
    writer.add_blank_page(width=595, height=842).rotate(90)  # portrait turned on its side
    offset = writer.add_blank_page(width=595, height=842)
    offset.mediabox = RectangleObject([100, 200, 695, 1042])  # a box not starting at 0, 0
    buffer = io.BytesIO()
    writer.write(buffer)
    item = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, title="Odd shapes")
    PaperFactory(
        partnership=partnership_a,
        item=item,
        original=ContentFile(buffer.getvalue(), name="odd.pdf"),
        pdf=ContentFile(buffer.getvalue(), name="odd.pdf"),
        page_count=3,
    )
    pack = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    reader = PdfReader(pack.file.open("rb"))
    assert len(reader.pages) == 4
    for number, page in enumerate(reader.pages, start=1):
        box = page.cropbox
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append((text.strip(), tm[4], tm[5]))

        page.extract_text(visitor_text=visit)
        text, x, y = found[-1]
        assert text == f"Page {number}"
        assert page.rotation == 0
        assert float(box.bottom) <= y < float(box.bottom) + 40
        centre = (float(box.left) + float(box.right)) / 2
        assert abs(x + 21 - centre) < 15  # the stamp's left edge is half its width from centre

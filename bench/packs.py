"""Pack benchmark: building a 300-page agenda pack from 20 papers, against a plain merge.

The baseline is a plain pypdf merge of the same 20 PDFs, timed in the same run on
the same machine. The pack build does more: it reads the papers from storage,
lays out the front sheet with WeasyPrint (twice if its length moves the page
numbers), stamps every page, adds the outline and stores the result. The ratio
says what that costs over merging alone. Called from bench/run.py once Django is set up.
"""

import datetime
import io
import statistics
import time

PAPERS = 20
PAGES_PER_PAPER = 15  # 20 x 15 = 300 pages


def _papers() -> list[bytes]:
    """20 papers of 15 pages of report-like text, laid out once by WeasyPrint and split."""
    import weasyprint
    from pypdf import PdfReader, PdfWriter

    paragraph = (
        "The partnership reviewed reported incidents by ward and month, the actions agreed "
        "at the last meeting and the risks to delivery. "
    ) * 6
    pages = "".join(
        f'<section style="break-after: page"><h1>Report {n // PAGES_PER_PAPER + 1}, '
        f"page {n % PAGES_PER_PAPER + 1}</h1><p>{paragraph}</p><p>{paragraph}</p></section>"
        for n in range(PAPERS * PAGES_PER_PAPER)
    )
    whole = PdfReader(
        io.BytesIO(weasyprint.HTML(string=f"<html><body>{pages}</body></html>").write_pdf())
    )
    papers = []
    for k in range(PAPERS):
        writer = PdfWriter()
        for page in whole.pages[k * PAGES_PER_PAPER : (k + 1) * PAGES_PER_PAPER]:
            writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        papers.append(buffer.getvalue())
    return papers


def _meeting(papers: list[bytes]):
    from django.core.files.base import ContentFile

    from saferboard.core.models import Partnership
    from saferboard.meetings.models import AgendaItem, Meeting, Paper
    from saferboard.registry.models import Body

    partnership = Partnership.objects.create(name="Bench packs", slug="bench-packs")
    body = Body.objects.create(partnership=partnership, name="Bench Board")
    meeting = Meeting.objects.create(
        partnership=partnership,
        date=datetime.date(2025, 6, 12),
        start_time=datetime.time(14, 0),
        venue="Civic Centre",
    )
    meeting.bodies.set([body])
    for n, data in enumerate(papers, start=1):
        item = AgendaItem.objects.create(
            partnership=partnership, meeting=meeting, number=n, position=n, title=f"Report {n}"
        )
        Paper.objects.create(
            partnership=partnership,
            item=item,
            title=f"Report {n}",
            original=ContentFile(data, name=f"report-{n}.pdf"),
            original_name=f"report-{n}.pdf",
            original_format="PDF",
            original_size=len(data),
            pdf=ContentFile(data, name=f"report-{n}.pdf"),
            page_count=PAGES_PER_PAPER,
        )
    return meeting


def _plain_merge(papers: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in papers:
        writer.append(PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _median(fn, repeat: int) -> float:
    fn()  # warm up: imports, fonts, caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(repeat: int = 5) -> None:
    from saferboard.meetings.models import PackKind
    from saferboard.meetings.packs import pack_build

    papers = _papers()
    meeting = _meeting(papers)
    pack = pack_build(meeting=meeting, kind=PackKind.PUBLIC, by=None)
    merged = _median(lambda: _plain_merge(papers), repeat)
    built = _median(lambda: pack_build(meeting=meeting, kind=PackKind.PUBLIC, by=None), repeat)
    print()
    print(
        f"pack benchmark: {PAPERS} papers, {PAPERS * PAGES_PER_PAPER} pages of papers "
        f"({pack.page_count} with the front sheet), median of {repeat} runs"
    )
    print(f"{'benchmark':40} {'time':>10}")
    print(f"{'plain pypdf merge (baseline)':40} {merged * 1000:8.0f}ms")
    print(f"{'pack build (front sheet, stamps, outline)':40} {built * 1000:8.0f}ms")
    print(f"{'ratio':40} {built / merged:9.2f}x")

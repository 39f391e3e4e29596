"""Real-looking committee reports for the demo, made as PDFs with WeasyPrint.

Each paper is a council report: a cover block (report for, title, report of,
lead officer, security marking), then numbered sections written from the demo's
stock paragraphs, exactly `pages` pages long so packs show real page ranges.
"""

import datetime
from functools import lru_cache

from django.template.loader import render_to_string
from weasyprint import HTML

from saferboard.core.demo.meeting_spec import PAPER_PARAGRAPHS

SECTION_HEADINGS = (
    "Purpose of the report",
    "Recommendations",
    "Background",
    "What the data shows",
    "What residents told us",
    "Proposed actions",
    "Financial implications",
    "Equalities",
    "Risks",
    "Next steps",
)


@lru_cache(maxsize=128)
def demo_paper_pdf(
    *,
    body: str,
    meeting_date: datetime.date,
    title: str,
    presenter: str,
    lead_officer: str,
    pages: int,
    marking: str,
) -> bytes:
    """A report of exactly `pages` pages (one section a page) about `title`.

    Cached: rebuilding the demo in one process (`demo --reset`) reuses the PDFs.
    """
    sections = []
    for page in range(pages):
        paragraphs = [PAPER_PARAGRAPHS[(page * 3 + n) % len(PAPER_PARAGRAPHS)] for n in range(3)]
        heading = SECTION_HEADINGS[page % len(SECTION_HEADINGS)]
        sections.append({"number": page + 1, "heading": heading, "paragraphs": paragraphs})
    html = render_to_string(
        "core/demo/paper.html",
        {
            "body": body,
            "meeting_date": meeting_date,
            "title": title,
            "presenter": presenter,
            "lead_officer": lead_officer,
            "marking": marking,
            "sections": sections,
        },
    )
    return HTML(string=html).write_pdf()

"""The outstanding-actions report: an action raised at meeting 1 and updated appears in
meeting 2's paper with its latest note; completed ones are shown once, then dropped."""

import io

from django.urls import reverse
from pypdf import PdfReader

from saferboard.actions.outstanding import outstanding_actions
from tests.actions.outstanding_story import a_year_of_the_board


def _texts(rows) -> list[str]:
    return [row.text for row in rows]


def test_meeting_2_lists_what_is_open_and_what_was_completed_since_meeting_1(
    partnership_a, the_police
):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    rows = outstanding_actions(meeting=story.meeting_2)

    assert _texts(rows) == [
        story.in_progress.text,
        story.completed.text,
        story.direct.text,
    ]
    first = rows[0]
    assert [row.number for row in rows] == [1, 2, 3]
    assert first.raised == "12 March 2025"
    assert first.reference == "12.03.25 Item 7"
    assert first.owners == "Metropolitan Police Service"
    assert first.status == "In progress"
    assert (
        first.note_label == "Figures sent to the police; the council's still to come (2 April 2025)"
    )
    # "By the next meeting" fell due at meeting 2, which is past.
    assert first.due == "By the next meeting (14 May 2025)"
    assert first.overdue
    assert rows[1].status == "Complete"
    assert rows[1].note_label == "Published on 20 April (20 April 2025)"
    assert not rows[1].overdue
    assert rows[2].raised == "Raised directly"


def test_completed_actions_are_dropped_at_the_meeting_after(partnership_a, the_police):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    rows = outstanding_actions(meeting=story.meeting_3)

    assert _texts(rows) == [story.in_progress.text, story.raised_at_2.text, story.direct.text]
    assert story.completed.text not in _texts(rows)


def test_meeting_1_shows_nothing_raised_at_meeting_1_itself_or_later(partnership_a, the_police):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    rows = outstanding_actions(meeting=story.meeting_1)

    # The away-day action was completed after meeting 0 and before meeting 1: shown once, here.
    assert _texts(rows) == [story.closed_long_ago.text, story.direct.text]


def test_the_page_and_the_pdf_show_the_report(partnership_a, the_police, viewer_a_client):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    kwargs = {"partnership": "haringey", "pk": story.meeting_2.pk}

    page = viewer_a_client.get(reverse("actions:outstanding", kwargs=kwargs))
    pdf = viewer_a_client.get(reverse("actions:outstanding-pdf", kwargs=kwargs))

    assert page.status_code == 200
    html = page.content.decode()
    assert "12.03.25 Item 7" in html
    assert "Overdue" in html
    assert "Put this report in the pack" not in html  # viewers only read it
    assert story.other_body.text not in html
    assert pdf["Content-Type"] == "application/pdf"
    assert "outstanding-actions-2025-05-14.pdf" in pdf["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "Outstanding actions" in text
    assert "Safer Haringey Board, Wednesday 14 May 2025" in text
    assert "12.03.25 Item 7" in text
    assert "Circulate the hate crime figures to partners" in text
    assert "Figures sent to the police" in text
    assert "Overdue" in text
    assert "Publish the annual report" in text
    assert "Book the venue" not in text
    assert "Invite the fire service" not in text

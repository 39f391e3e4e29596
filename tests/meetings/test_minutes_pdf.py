"""The minutes PDF in the council style: heading, attendance, minute numbers, titles in
capitals, RESOLVED parts, declarations, DRAFT until approved; the public PDF leaves out
exempt and OFFICIAL-SENSITIVE items entirely."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from saferboard.meetings.minutes import minutes_number, minutes_pdf
from saferboard.meetings.models import InterestType, MeetingStatus, SecurityMarking
from saferboard.meetings.participation import declaration_minute_line
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    InAttendanceFactory,
    MeetingFactory,
    PersonFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


@pytest.fixture
def minuted(partnership_a, a_meeting, seats, clerk_a):
    a_meeting.status = MeetingStatus.HELD
    a_meeting.save()
    AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seats["chair"])
    AttendanceFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        membership=seats["police"],
        status="apologies",
        substitute_name="Insp Sam Deputy",
    )
    InAttendanceFactory(partnership=partnership_a, meeting=a_meeting, name="Eubert Malcolm")
    items = {
        "plan": AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            position=1,
            title="Serious youth violence strategy",
            minute_text="The strategy was introduced.",
        ),
        "case": AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            position=2,
            title="Case review of a named family",
            is_exempt=True,
            exempt_paragraph=1,
            minute_text="Details of the family were discussed.",
        ),
        "intel": AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            position=3,
            title="Gang intelligence briefing",
            security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
        ),
    }
    ResolutionFactory(
        partnership=partnership_a,
        item=items["plan"],
        position=0,
        text="That the strategy be agreed.",
    )
    ResolutionFactory(
        partnership=partnership_a,
        item=items["plan"],
        position=1,
        kind="delegated",
        text="That the action plan be finalised.",
        delegated_to="the Chair",
    )
    ResolutionFactory(
        partnership=partnership_a, item=items["case"], text="That the review be noted."
    )
    declaration = DeclarationFactory(
        partnership=partnership_a,
        item=items["plan"],
        membership=seats["chair"],
        interest_type=InterestType.PERSONAL,
        nature="Is a trustee of a youth charity",
    )
    minutes_number(meeting=a_meeting, by=clerk_a)
    for item in items.values():
        item.refresh_from_db()
    return {"meeting": a_meeting, "items": items, "declaration": declaration}


def test_members_pdf_has_the_minutes_in_the_council_style(minuted, seats):
    meeting, items = minuted["meeting"], minuted["items"]

    text = text_of(minutes_pdf(meeting=meeting, public=False))

    assert "MINUTES OF THE MEETING OF THE COMMUNITY SAFETY PARTNERSHIP BOARD HELD ON " in text
    assert "THURSDAY, 12 JUNE 2025" in text
    assert f"PRESENT: {seats['chair'].person} (Chair), Insp Sam Deputy (substitute for" in text
    assert f"APOLOGIES: {seats['police'].person} (Insp Sam Deputy substituted)" in text
    assert "IN ATTENDANCE: Eubert Malcolm" in text
    for item in items.values():
        assert f"{item.minute_number}. {item.title.upper()}" in text
    assert (
        "RESOLVED: (a) That the strategy be agreed. (b) That the action plan be finalised. " in text
    )
    assert "(Delegated to the Chair.)" in text
    assert declaration_minute_line(minuted["declaration"]) in text
    assert "EXEMPT – not for publication (paragraph 1)" in text
    assert "DRAFT" in text
    assert "CHAIR:" in text


def test_public_pdf_leaves_out_exempt_and_sensitive_items(minuted):
    meeting, items = minuted["meeting"], minuted["items"]

    text = text_of(minutes_pdf(meeting=meeting, public=True))

    assert items["plan"].title.upper() in text
    for hidden in (items["case"], items["intel"]):
        assert hidden.title.upper() not in text
        assert hidden.minute_number not in text.replace(items["plan"].minute_number, "")
    assert "Details of the family" not in text
    assert "That the review be noted" not in text
    assert "EXEMPT" not in text


def test_approved_minutes_print_the_sign_off_instead_of_draft(partnership_a, minuted, the_board):
    meeting = minuted["meeting"]
    later = MeetingFactory(
        partnership=partnership_a, bodies=[the_board], date=datetime.date(2025, 9, 18)
    )
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.minutes_approved_at = later
    meeting.minutes_signed_by = PersonFactory(
        partnership=partnership_a, given_name="Mark", family_name="Blake"
    )
    meeting.minutes_signed_on = later.date
    meeting.save()

    text = text_of(minutes_pdf(meeting=meeting, public=False))

    assert (
        "Approved as a correct record at the meeting of 18 September 2025, signed by Mark Blake"
        in text
    )
    assert "DRAFT" not in text


def test_members_download_the_pdf_from_the_minutes_tab(partnership_a, minuted, viewer_a_client):
    url = reverse(
        "meetings:minutes-pdf",
        kwargs={"partnership": partnership_a.slug, "pk": minuted["meeting"].pk},
    )

    response = viewer_a_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert minuted["items"]["case"].title.upper() in text_of(response.content)

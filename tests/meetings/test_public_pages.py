"""Public pages: a publishing partnership's meetings, open to anyone, never exempt or sensitive."""

import datetime
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from saferboard.meetings.models import MeetingStatus, PackKind, SecurityMarking
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    PackFactory,
    PaperFactory,
    ResolutionFactory,
)

S = MeetingStatus


@pytest.fixture
def publishing(partnership_a):
    partnership_a.publishes_public_pages = True
    partnership_a.save()
    return partnership_a


@pytest.fixture
def published_meeting(publishing, the_board):
    return MeetingFactory(
        partnership=publishing,
        bodies=[the_board],
        status=S.AGENDA_PUBLISHED,
        date=datetime.date(2025, 6, 12),
        webcast_link="https://webcast.example.org/csp",
        virtual_link="https://meet.example.org/members-only",
    )


@pytest.fixture
def agenda(publishing, published_meeting) -> dict:
    """A public item with a paper, an exempt item and an OFFICIAL-SENSITIVE item, with papers."""
    p, m = publishing, published_meeting
    public_item = AgendaItemFactory(
        partnership=p,
        meeting=m,
        number=3,
        position=1,
        title="Serious violence duty strategy",
        purpose="To agree the strategy.",
        presenter="Director of Public Health",
    )
    exempt = AgendaItemFactory(
        partnership=p,
        meeting=m,
        number=4,
        position=2,
        title="Secret landlord prosecution",
        purpose="Confidential purpose text",
        is_exempt=True,
        exempt_paragraph=3,
    )
    sensitive = AgendaItemFactory(
        partnership=p,
        meeting=m,
        number=5,
        position=3,
        title="Hidden gang mapping",
        purpose="Sensitive purpose text",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
    )
    return {
        "public": public_item,
        "exempt": exempt,
        "sensitive": sensitive,
        "public_paper": PaperFactory(partnership=p, item=public_item, title="Strategy report"),
        "exempt_paper": PaperFactory(partnership=p, item=exempt, title="Landlord dossier"),
        "sensitive_paper": PaperFactory(partnership=p, item=sensitive, title="Gang matrix"),
    }


SECRETS = (
    "Secret landlord prosecution",
    "Confidential purpose text",
    "Landlord dossier",
    "Hidden gang mapping",
    "Sensitive purpose text",
    "Gang matrix",
    "members-only",
)


def test_the_meeting_page_shows_public_items_and_hides_exempt_and_sensitive_ones(
    published_meeting, agenda, publishing
):
    response = Client().get(f"/public/{publishing.slug}/meetings/{published_meeting.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "3. Serious violence duty strategy" in html
    assert "To agree the strategy." in html
    assert "Report of: Director of Public Health" in html
    assert "Strategy report (PDF 1 KB)" in html
    assert f"/public/{publishing.slug}/papers/{agenda['public_paper'].pk}/" in html
    assert "https://webcast.example.org/csp" in html
    assert "4. Exempt item – not for publication (Schedule 12A paragraph 3)" in html
    assert "5. Item not for publication" in html
    for secret in SECRETS:
        assert secret not in html
    for key in ("exempt_paper", "sensitive_paper"):
        assert f"/papers/{agenda[key].pk}/" not in html


def test_items_appear_in_agenda_order(published_meeting, agenda, publishing):
    AgendaItemFactory(
        partnership=publishing, meeting=published_meeting, number=1, position=0, title="Apologies"
    )

    html = Client().get(f"/public/{publishing.slug}/meetings/{published_meeting.pk}/").content
    html = html.decode()

    assert html.index("1. Apologies") < html.index("3. Serious violence") < html.index("4. Exempt")


def test_public_papers_download_and_others_are_404(published_meeting, agenda, publishing):
    client = Client()
    base = f"/public/{publishing.slug}/papers"

    public = client.get(f"{base}/{agenda['public_paper'].pk}/")

    assert public.status_code == 200
    assert public["Content-Type"] == "application/pdf"
    assert b"".join(public.streaming_content).startswith(b"%PDF")
    assert client.get(f"{base}/{agenda['exempt_paper'].pk}/").status_code == 404
    assert client.get(f"{base}/{agenda['sensitive_paper'].pk}/").status_code == 404


def test_the_public_pack_downloads_and_the_members_pack_is_404(published_meeting, publishing):
    public_pack = PackFactory(partnership=publishing, meeting=published_meeting)
    members_pack = PackFactory(
        partnership=publishing, meeting=published_meeting, kind=PackKind.RESTRICTED
    )
    client = Client()

    page = client.get(
        f"/public/{publishing.slug}/meetings/{published_meeting.pk}/"
    ).content.decode()
    public = client.get(f"/public/{publishing.slug}/packs/{public_pack.pk}/")
    restricted = client.get(f"/public/{publishing.slug}/packs/{members_pack.pk}/")

    assert f"/packs/{public_pack.pk}/" in page
    assert "Agenda reports pack (PDF 1 KB)" in page
    assert f"/packs/{members_pack.pk}/" not in page
    assert public.status_code == 200
    assert b"".join(public.streaming_content).startswith(b"%PDF")
    assert restricted.status_code == 404


def test_draft_meetings_are_not_public(publishing, the_board):
    draft = MeetingFactory(partnership=publishing, bodies=[the_board], title="Draft sitting")
    item = AgendaItemFactory(partnership=publishing, meeting=draft)
    paper = PaperFactory(partnership=publishing, item=item)
    pack = PackFactory(partnership=publishing, meeting=draft)
    client = Client()

    calendar = client.get(f"/public/{publishing.slug}/bodies/{the_board.pk}/").content.decode()

    assert client.get(f"/public/{publishing.slug}/meetings/{draft.pk}/").status_code == 404
    assert client.get(f"/public/{publishing.slug}/papers/{paper.pk}/").status_code == 404
    assert client.get(f"/public/{publishing.slug}/packs/{pack.pk}/").status_code == 404
    assert "Draft sitting" not in calendar


def test_the_body_calendar_lists_past_and_future_meetings_and_marks_cancelled_ones(
    publishing, the_board
):
    today = datetime.date.today()
    MeetingFactory(
        partnership=publishing,
        bodies=[the_board],
        title="Earlier sitting",
        date=today - datetime.timedelta(days=60),
        status=S.MINUTES_APPROVED,
    )
    MeetingFactory(
        partnership=publishing,
        bodies=[the_board],
        title="Called-off sitting",
        date=today + datetime.timedelta(days=30),
        status=S.CANCELLED,
    )

    html = Client().get(f"/public/{publishing.slug}/bodies/{the_board.pk}/").content.decode()

    future, past = html.split("Past meetings", 1)
    assert "Called-off sitting" in future
    assert "Cancelled" in future
    assert "Earlier sitting" in past


def test_the_partnership_page_lists_its_bodies_but_not_case_panels(publishing, the_board):
    BodyFactory(partnership=publishing, name="MARAC", is_case_panel=True)

    html = Client().get(f"/public/{publishing.slug}/").content.decode()

    assert the_board.name in html
    assert f"/public/{publishing.slug}/bodies/{the_board.pk}/" in html
    assert "MARAC" not in html


def test_a_partnership_that_does_not_publish_is_404_everywhere(
    partnership_a, the_board, published_meeting, agenda
):
    partnership_a.publishes_public_pages = False
    partnership_a.save()
    pack = PackFactory(partnership=partnership_a, meeting=published_meeting)
    base = f"/public/{partnership_a.slug}"
    client = Client()

    for address in (
        f"{base}/",
        f"{base}/bodies/{the_board.pk}/",
        f"{base}/bodies/{the_board.pk}/decisions/",
        f"{base}/bodies/{the_board.pk}/calendar.ics",
        f"{base}/meetings/{published_meeting.pk}/",
        f"{base}/papers/{agenda['public_paper'].pk}/",
        f"{base}/packs/{pack.pk}/",
    ):
        assert client.get(address).status_code == 404, address


def test_another_partnerships_records_are_404_through_a_publishing_slug(
    publishing, published_meeting, agenda, partnership_b
):
    partnership_b.publishes_public_pages = True
    partnership_b.save()
    client = Client()
    base = f"/public/{partnership_b.slug}"

    assert client.get(f"{base}/meetings/{published_meeting.pk}/").status_code == 404
    assert client.get(f"{base}/papers/{agenda['public_paper'].pk}/").status_code == 404


def test_decisions_show_once_minutes_are_drafted_and_never_for_exempt_items(
    published_meeting, agenda, publishing, the_board
):
    public_item, exempt = agenda["public"], agenda["exempt"]
    public_item.minute_number = "HSP16"
    public_item.save()
    ResolutionFactory(partnership=publishing, item=public_item, text="That the strategy be agreed")
    ResolutionFactory(partnership=publishing, item=exempt, text="That the landlord be prosecuted")
    client = Client()
    meeting_page = f"/public/{publishing.slug}/meetings/{published_meeting.pk}/"
    decisions_page = f"/public/{publishing.slug}/bodies/{the_board.pk}/decisions/"

    before = client.get(meeting_page).content.decode()
    published_meeting.status = S.DRAFT_MINUTES
    published_meeting.save()
    after = client.get(meeting_page).content.decode()
    decisions = client.get(decisions_page).content.decode()

    assert "That the strategy be agreed" not in before
    assert "Minute HSP16" in after and "That the strategy be agreed" in after
    assert "HSP16" in decisions and "That the strategy be agreed" in decisions
    assert "Draft" in decisions
    for html in (after, decisions):
        assert "That the landlord be prosecuted" not in html
        assert "Secret landlord prosecution" not in html


def test_the_decisions_list_is_newest_first(publishing, the_board):
    for day, text in ((1, "Older decision"), (20, "Newer decision")):
        meeting = MeetingFactory(
            partnership=publishing,
            bodies=[the_board],
            date=datetime.date(2025, 3, day),
            status=S.MINUTES_APPROVED,
        )
        item = AgendaItemFactory(partnership=publishing, meeting=meeting)
        ResolutionFactory(partnership=publishing, item=item, text=text)

    html = Client().get(f"/public/{publishing.slug}/bodies/{the_board.pk}/decisions/")
    html = html.content.decode()

    assert html.index("Newer decision") < html.index("Older decision")


def test_multi_part_decisions_are_lettered(published_meeting, agenda, publishing):
    published_meeting.status = S.MINUTES_APPROVED
    published_meeting.save()
    for text in ("That the strategy be agreed", "That progress be reported in March"):
        ResolutionFactory(partnership=publishing, item=agenda["public"], text=text)

    html = Client().get(f"/public/{publishing.slug}/meetings/{published_meeting.pk}/")
    html = html.content.decode()

    assert "(a) Noted: That the strategy be agreed" in html
    assert "(b) Noted: That progress be reported in March" in html


def test_the_public_minutes_pdf_is_published_with_the_draft_minutes_without_exempt_items(
    published_meeting, agenda, publishing
):
    address = f"/public/{publishing.slug}/meetings/{published_meeting.pk}/minutes.pdf"
    client = Client()
    before = client.get(address)
    published_meeting.status = S.DRAFT_MINUTES
    published_meeting.save()

    page = client.get(f"/public/{publishing.slug}/meetings/{published_meeting.pk}/")
    response = client.get(address)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)

    assert before.status_code == 404
    assert address in page.content.decode() and "Draft minutes" in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "SERIOUS VIOLENCE DUTY STRATEGY" in text.upper()
    assert "SECRET LANDLORD" not in text.upper()
    assert "HIDDEN GANG" not in text.upper()

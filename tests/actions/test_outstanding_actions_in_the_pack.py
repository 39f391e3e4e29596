"""The outstanding-actions report goes into the pack as the paper of the agenda's
"Outstanding actions" item: when the main pack is built, and by the clerk's button."""

import io

from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from saferboard.meetings.models import (
    Meeting,
    MeetingStatus,
    Pack,
    PackKind,
    Paper,
    StandingKind,
)
from saferboard.meetings.packs import meeting_packs_build
from tests.actions.outstanding_story import a_year_of_the_board
from tests.factories import AgendaItemFactory, PaperFactory


def _text(pdf_bytes: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pack_built_for_meeting_2_carries_the_report(partnership_a, the_police, clerk_a):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    built = meeting_packs_build(meeting=story.meeting_2, by=clerk_a)

    paper = Paper.objects.get(item=story.outstanding_item)
    assert paper.generated
    assert paper.title == "Outstanding actions"
    public = next(pack for pack in built.packs if pack.kind == PackKind.PUBLIC)
    text = _text(public.file.read())
    assert "Outstanding actions" in text
    assert "Circulate the hate crime figures to partners" in text
    assert "Figures sent to the police" in text
    assert "Book the venue" not in text
    entry = next(e for e in public.contents if e["item"] == story.outstanding_item.pk)
    assert entry["papers"][0]["paper"] == paper.pk


def test_building_again_replaces_the_report_rather_than_adding_another(
    partnership_a, the_police, clerk_a
):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    item = AgendaItemFactory(
        partnership=partnership_a,
        meeting=story.meeting_3,  # a draft agenda: its main pack is still open
        title="Outstanding actions",
        standing_kind=StandingKind.OUTSTANDING_ACTIONS,
    )
    meeting_packs_build(meeting=story.meeting_3, by=clerk_a)
    story.in_progress.text = "Circulate the knife crime figures to partners"
    story.in_progress.save()

    meeting_packs_build(meeting=story.meeting_3, by=clerk_a)

    paper = Paper.objects.get(item=item)
    assert "knife crime" in _text(paper.pdf.read())
    assert paper.version == 2


def test_the_pack_command_brings_the_report_in_too(partnership_a, the_police, tmp_path):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    out = tmp_path / "pack.pdf"

    call_command("pack", "build", str(story.meeting_2.pk), "--out", str(out))

    assert "Circulate the hate crime figures to partners" in _text(out.read_bytes())


def test_a_paper_the_clerk_uploaded_for_the_item_is_left_alone(partnership_a, the_police, clerk_a):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    PaperFactory(partnership=partnership_a, item=story.outstanding_item, title="Our own table")

    meeting_packs_build(meeting=story.meeting_2, by=clerk_a)

    assert list(
        Paper.objects.filter(item=story.outstanding_item).values_list("title", flat=True)
    ) == ["Our own table"]


def test_after_publication_the_build_keeps_the_main_pack_as_it_was(
    partnership_a, the_police, clerk_a
):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    meeting_packs_build(meeting=story.meeting_2, by=clerk_a)
    first = Paper.objects.get(item=story.outstanding_item)
    Meeting.objects.filter(pk=story.meeting_2.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    story.meeting_2.refresh_from_db()

    meeting_packs_build(meeting=story.meeting_2, by=clerk_a)

    again = Paper.objects.get(item=story.outstanding_item)
    assert (again.version, again.pdf.name, again.supplement) == (
        first.version,
        first.pdf.name,
        0,
    )


def test_the_clerk_puts_the_report_in_the_pack_once(partnership_a, the_police, clerk_a_client):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    url = reverse(
        "actions:outstanding-to-pack", kwargs={"partnership": "haringey", "pk": story.meeting_2.pk}
    )

    first = clerk_a_client.post(url)
    second = clerk_a_client.post(url, follow=True)

    assert first.status_code == 302
    papers = Paper.objects.filter(item=story.outstanding_item)
    assert papers.count() == 1
    assert papers.get().generated
    assert "is now the paper of item 4. Outstanding actions" in second.content.decode()
    assert not Pack.objects.exists()  # the clerk builds the packs when ready


def test_no_outstanding_actions_item_gives_a_clear_message(
    partnership_a, the_police, clerk_a_client
):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    url = reverse(
        "actions:outstanding-to-pack", kwargs={"partnership": "haringey", "pk": story.meeting_3.pk}
    )

    response = clerk_a_client.post(url, follow=True)

    assert "has no “Outstanding actions” item" in response.content.decode()
    assert not Paper.objects.exists()


def test_a_viewer_cannot_put_the_report_in_the_pack(partnership_a, the_police, viewer_a_client):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    url = reverse(
        "actions:outstanding-to-pack", kwargs={"partnership": "haringey", "pk": story.meeting_2.pk}
    )

    response = viewer_a_client.post(url)

    assert response.status_code == 403
    assert not Paper.objects.exists()

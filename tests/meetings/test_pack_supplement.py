"""A paper uploaded after the agenda was published goes in a supplementary pack with its
own front sheet and page numbers; the main pack is not renumbered."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from saferboard.meetings.models import MeetingStatus, PackKind, Paper
from saferboard.meetings.packs import meeting_packs_build
from saferboard.meetings.papers import paper_next_supplement
from saferboard.meetings.services import meeting_transition
from tests.factories import AgendaItemFactory, labelled_pdf
from tests.meetings.test_pack_page_numbers import paper_with_pages


def test_a_late_paper_makes_a_supplementary_pack(partnership_a, a_meeting, clerk_a_client):
    first = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, number=1, position=1)
    second = AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=2, position=2, title="Knife crime"
    )
    paper_with_pages(first, "ONTIME1", 3)
    paper_with_pages(second, "ONTIME2", 2)
    meeting_packs_build(meeting=a_meeting, by=None)
    meeting_transition(
        meeting=a_meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        by=None,
        expected_version=None,
        late_reason="Test meeting in the past.",
    )
    main = a_meeting.packs.get(kind=PackKind.PUBLIC, supplement=0)
    main_bytes, main_contents = main.file.open("rb").read(), main.contents

    # The late paper, uploaded through the page, is put in supplement 1.
    url = reverse("meetings:item-papers", kwargs={"partnership": "haringey", "pk": first.pk})
    assert "goes in supplementary pack 1" in clerk_a_client.get(url).content.decode()
    response = clerk_a_client.post(
        url,
        {"title": "Addendum", "file": SimpleUploadedFile("late.pdf", labelled_pdf("LATE", 2))},
        follow=True,
    )
    assert "It is late, so it goes in supplementary pack 1." in response.content.decode()
    late = Paper.objects.get(title="Addendum")
    assert late.supplement == 1

    built = meeting_packs_build(meeting=a_meeting, by=None)
    assert {(p.kind, p.supplement) for p in built.packs} == {
        (PackKind.PUBLIC, 0),
        (PackKind.RESTRICTED, 0),
        (PackKind.PUBLIC, 1),
        (PackKind.RESTRICTED, 1),
    }

    # The main pack keeps its pages and numbers.
    main.refresh_from_db()
    assert main.contents == main_contents
    assert main.page_count == len(PdfReader(main.file.open("rb")).pages)
    main_text = " ".join(p.extract_text() for p in PdfReader(main.file.open("rb")).pages)
    assert "LATE" not in main_text
    assert len(main.file.open("rb").read()) == len(main_bytes)

    # The supplementary pack has its own front sheet and numbering from page 1.
    supplement = a_meeting.packs.get(kind=PackKind.PUBLIC, supplement=1)
    reader = PdfReader(supplement.file.open("rb"))
    texts = [page.extract_text() for page in reader.pages]
    assert "Supplementary agenda 1" in texts[0]
    assert "Knife crime" not in texts[0]  # only items with late papers are listed
    late_first = next(n for n, t in enumerate(texts, start=1) if "LATE sheet 1" in t)
    assert f"(Pages {late_first} - {late_first + 1})" in texts[0]
    assert "ONTIME" not in " ".join(texts)
    assert supplement.page_count == late_first + 1
    assert texts[-1].rstrip().endswith(f"Page {supplement.page_count}")

    # A paper added once supplement 1 is built starts supplement 2.
    assert paper_next_supplement(item=second) == 2


def test_papers_stay_in_the_main_pack_while_the_agenda_is_a_draft(partnership_a, a_meeting):
    item = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting)
    meeting_packs_build(meeting=a_meeting, by=None)
    assert paper_next_supplement(item=item) == 0

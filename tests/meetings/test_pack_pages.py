"""The "Papers and packs" tab: papers per item, the build button, downloads, and
replacing or removing a paper."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from saferboard.meetings.models import Pack, PackKind, Paper
from tests.factories import AgendaItemFactory, labelled_pdf
from tests.meetings.test_pack_page_numbers import paper_with_pages


def url(name: str, pk: int) -> str:
    return reverse(f"meetings:{name}", kwargs={"partnership": "haringey", "pk": pk})


@pytest.fixture
def item_with_paper(partnership_a, a_meeting):
    item = AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=3, title="Youth violence"
    )
    paper_with_pages(item, "YOUTH", 4, title="Youth violence report")
    return item


def test_the_tab_lists_papers_and_builds_both_packs(clerk_a_client, a_meeting, item_with_paper):
    page = clerk_a_client.get(url("packs", a_meeting.pk)).content.decode()
    assert 'aria-current="page">Papers and packs' in page
    assert "Youth violence report" in page and "No packs have been built yet." in page
    assert "Build the packs" in page and url("item-papers", item_with_paper.pk) in page

    response = clerk_a_client.post(url("packs-build", a_meeting.pk), follow=True)
    page = response.content.decode()
    assert "Packs built: Agenda pack (public)" in page
    packs = {pack.kind: pack for pack in Pack.objects.filter(meeting=a_meeting)}
    assert set(packs) == {PackKind.PUBLIC, PackKind.RESTRICTED}
    for pack in packs.values():
        assert url("pack-file", pack.pk) in page
        assert pack.page_count == len(PdfReader(pack.file.open("rb")).pages)


def test_members_download_packs_but_only_editors_build(
    clerk_a_client, viewer_a_client, a_meeting, item_with_paper
):
    clerk_a_client.post(url("packs-build", a_meeting.pk))
    pack = Pack.objects.get(meeting=a_meeting, kind=PackKind.RESTRICTED)
    response = viewer_a_client.get(url("pack-file", pack.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "agenda-pack-2025-06-12-members.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pack.file.open("rb").read()
    assert viewer_a_client.post(url("packs-build", a_meeting.pk)).status_code == 403
    page = viewer_a_client.get(url("packs", a_meeting.pk)).content.decode()
    assert "Build the packs" not in page and "Add or change papers" not in page


def test_replacing_a_paper_keeps_its_title_and_place(clerk_a_client, item_with_paper):
    paper = item_with_paper.papers.get()
    response = clerk_a_client.post(
        url("paper-remove", paper.pk),
        {"version": paper.version, "file": SimpleUploadedFile("v2.pdf", labelled_pdf("V2", 1))},
        follow=True,
    )
    assert "“Youth violence report” replaced: 1 page." in response.content.decode()
    paper.refresh_from_db()
    assert (paper.title, paper.page_count, paper.original_name) == (
        "Youth violence report",
        1,
        "v2.pdf",
    )


def test_a_stale_replacement_is_refused(clerk_a_client, item_with_paper):
    paper = item_with_paper.papers.get()
    response = clerk_a_client.post(
        url("paper-remove", paper.pk),
        {"version": paper.version - 1, "file": SimpleUploadedFile("v2.pdf", labelled_pdf("V", 1))},
    )
    assert "changed by someone else" in response.content.decode()
    paper.refresh_from_db()
    assert paper.page_count == 4


def test_removing_a_paper(clerk_a_client, item_with_paper, django_capture_on_commit_callbacks):
    paper = item_with_paper.papers.get()
    storage, name = paper.pdf.storage, paper.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_a_client.post(
            url("paper-remove", paper.pk), {"action": "remove"}, follow=True
        )
    assert "“Youth violence report” removed." in response.content.decode()
    assert not Paper.objects.exists() and not storage.exists(name)

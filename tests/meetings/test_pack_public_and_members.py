"""The public pack leaves out exempt and OFFICIAL-SENSITIVE papers, their titles included;
the members' pack has everything and says OFFICIAL-SENSITIVE on its front sheet."""

import pytest
from pypdf import PdfReader

from saferboard.meetings.models import ExemptParagraph, PackKind, SecurityMarking
from saferboard.meetings.packs import pack_build
from tests.factories import AgendaItemFactory
from tests.meetings.test_pack_page_numbers import paper_with_pages

SECRETS = (
    "Contract renewal with named supplier",  # the exempt paper's title
    "EXEMPTCONTENT",  # its pages
    "Exempt appendix",  # a second paper on the exempt item
    "Gang matrix individuals",  # the sensitive paper's title
    "SENSITIVECONTENT",
)


@pytest.fixture
def mixed_agenda(partnership_a, a_meeting):
    public = AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=1, position=1, title="Crime figures"
    )
    exempt = AgendaItemFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        number=2,
        position=2,
        title="Procurement matter",
        is_exempt=True,
        exempt_paragraph=ExemptParagraph.P3,
    )
    sensitive = AgendaItemFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        number=3,
        position=3,
        title="Serious youth violence cohort",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
    )
    last = AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=4, position=4, title="Budget"
    )
    paper_with_pages(public, "PUBLICCONTENT", 2)
    paper_with_pages(exempt, "EXEMPTCONTENT", 3, title="Contract renewal with named supplier")
    paper_with_pages(exempt, "EXEMPTAPPENDIX", 1, title="Exempt appendix")
    paper_with_pages(sensitive, "SENSITIVECONTENT", 2, title="Gang matrix individuals")
    paper_with_pages(last, "BUDGETCONTENT", 1)
    return {"public": public, "exempt": exempt, "sensitive": sensitive, "last": last}


def read(pack) -> tuple[PdfReader, str]:
    reader = PdfReader(pack.file.open("rb"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return reader, text


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def test_public_pack_has_no_exempt_or_sensitive_papers(a_meeting, mixed_agenda):
    pack = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    reader, text = read(pack)
    raw = pack.file.open("rb").read()
    for secret in SECRETS:
        assert secret not in text
        assert secret.encode() not in raw
    titles = outline_titles(reader.outline)
    assert all(secret not in " ".join(titles) for secret in SECRETS)
    assert "1. Crime figures" in titles and "4. Budget" in titles
    # The items stay on the agenda, withheld, with no pages.
    assert "Exempt item: not for publication" in text
    assert "Schedule 12A, para. 3" in text
    assert "Restricted item (OFFICIAL-SENSITIVE): not for publication" in text
    assert "OFFICIAL-SENSITIVE." not in text  # no members' marking on the public pack
    assert "PUBLICCONTENT" in text and "BUDGETCONTENT" in text
    assert [entry["item"] for entry in pack.contents] == [
        mixed_agenda["public"].pk,
        mixed_agenda["last"].pk,
    ]
    assert pack.contents[1]["first"] == pack.contents[0]["last"] + 1


def test_members_pack_has_everything_and_is_marked(a_meeting, mixed_agenda):
    pack = pack_build(meeting=a_meeting, kind=PackKind.RESTRICTED, by=None)
    reader, text = read(pack)
    titles = outline_titles(reader.outline)
    for content in ("EXEMPTCONTENT", "EXEMPTAPPENDIX", "SENSITIVECONTENT"):
        assert content in text
    # An item with several papers lists them on the front sheet and in the outline.
    assert "Contract renewal with named supplier, pages" in text
    assert "Contract renewal with named supplier" in titles
    front = " ".join(reader.pages[0].extract_text().split())
    assert "OFFICIAL-SENSITIVE" in front
    assert "not for publication" in front
    assert "Procurement matter" in front and "Serious youth violence cohort" in front
    assert [entry["item"] for entry in pack.contents] == [
        mixed_agenda[k].pk for k in ("public", "exempt", "sensitive", "last")
    ]


def test_members_pack_without_sensitive_papers_is_not_marked(partnership_a, a_meeting):
    item = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, title="Crime figures")
    paper_with_pages(item, "PLAIN", 1)
    pack = pack_build(meeting=a_meeting, kind=PackKind.RESTRICTED, by=None)
    assert "OFFICIAL-SENSITIVE" not in PdfReader(pack.file.open("rb")).pages[0].extract_text()


def test_rebuilding_replaces_the_pack(a_meeting, mixed_agenda, django_capture_on_commit_callbacks):
    first = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    old_file = first.file.name
    paper_with_pages(mixed_agenda["last"], "EXTRA", 4)
    with django_capture_on_commit_callbacks(execute=True):
        second = pack_build(meeting=a_meeting, kind=PackKind.PUBLIC, by=None)
    assert second.pk == first.pk
    assert second.page_count == first.page_count + 4
    assert a_meeting.packs.filter(kind=PackKind.PUBLIC).count() == 1
    assert not first.file.storage.exists(old_file)

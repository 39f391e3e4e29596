"""`saferboard pack build` and `saferboard meetings`: what scripts rely on."""

import json

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from saferboard import cli
from saferboard.meetings.models import ExemptParagraph, PackKind
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.meetings.test_pack_page_numbers import paper_with_pages


@pytest.fixture
def meeting_with_papers(partnership_a, a_meeting):
    public = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, number=1, position=1)
    exempt = AgendaItemFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        number=2,
        position=2,
        is_exempt=True,
        exempt_paragraph=ExemptParagraph.P1,
    )
    paper_with_pages(public, "OPENPAPER", 2)
    paper_with_pages(exempt, "CLOSEDPAPER", 3)
    return a_meeting


def pdf_text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_pack_build_writes_and_stores_the_public_pack(meeting_with_papers, tmp_path):
    out = tmp_path / "pack.pdf"
    call_command("pack", "build", str(meeting_with_papers.pk), "--out", str(out))
    text = pdf_text(out)
    assert "OPENPAPER" in text and "CLOSEDPAPER" not in text
    pack = meeting_with_papers.packs.get(kind=PackKind.PUBLIC, supplement=0)
    assert pack.file.open("rb").read() == out.read_bytes()


def test_pack_build_restricted_writes_and_stores_the_members_pack(meeting_with_papers, tmp_path):
    # call_command, not the console script: that closes the database connection when it
    # finishes, which ends the test's transaction on PostgreSQL before the check below.
    out = tmp_path / "members.pdf"
    call_command("pack", "build", str(meeting_with_papers.pk), "--out", str(out), "--restricted")
    assert "CLOSEDPAPER" in pdf_text(out)
    assert meeting_with_papers.packs.filter(kind=PackKind.RESTRICTED).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999", "--out", "{tmp}/x.pdf"], "There is no meeting with id 999999."),
        (["{meeting}", "--out", "/no/such/folder/x.pdf"], "the folder /no/such/folder"),
        (
            ["{meeting}", "--out", "{tmp}/x.pdf", "--supplement", "3"],
            "There are no late papers for supplementary pack 3",
        ),
    ],
)
def test_pack_build_errors_are_one_clear_line(meeting_with_papers, tmp_path, capsys, args, message):
    filled = [a.format(tmp=tmp_path, meeting=meeting_with_papers.pk) for a in args]
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["pack", "build", *filled])
    assert exit_info.value.code != 0
    # Progress may come first; the error is its last line, on its own.
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("CommandError: ") and message in last
    assert not (tmp_path / "x.pdf").exists()


def test_meetings_json_lists_the_partnerships_meetings(
    partnership_a, partnership_b, meeting_with_papers, capsys
):
    MeetingFactory(partnership=partnership_b, title="Not ours")
    call_command("meetings", "--partnership", "haringey", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "id": meeting_with_papers.pk,
            "title": "Community Safety Partnership Board, 12 June 2025",
            "body": "Community Safety Partnership Board",
            "bodies": ["Community Safety Partnership Board"],
            "date": "2025-06-12",
            "start_time": "14:00",
            "status": "draft",
            "papers": 2,
        }
    ]


def test_meetings_table_for_people(meeting_with_papers, capsys):
    call_command("meetings", "--partnership", "haringey")
    out = capsys.readouterr().out
    assert "Community Safety Partnership Board, 12 June 2025" in out and "2025-06-12" in out


def test_meetings_for_an_unknown_partnership_is_an_error(partnership_a):
    with pytest.raises(CommandError, match="There is no partnership “nowhere”. Known: haringey"):
        call_command("meetings", "--partnership", "nowhere", "--json")

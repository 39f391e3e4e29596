"""An agenda's last item ends where the pack moves on: the clerk's signature, an appendix,
the next paper's "Agenda Item 4" header. What follows is not read into the item."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from tests.archive.conftest import meeting


def parse(text: str) -> dict:
    return parse_pack(read_pack(name="agenda.txt", data=text.encode()), source="agenda.txt")


AGENDA = """\
AGENDA
Safer Eastford Board
Tuesday 3 March 2020 at 10am, Eastford House

1. Apologies
2. Date of next meeting
To note the date of the next meeting: 9 June.

Jo Bloggs
Democratic Services Manager
Tel: 01234 567890

Agenda Item 3
RESOLVED that the next meeting be held on 12 December.
4. Something numbered in a report
"""


def test_the_clerks_signature_ends_the_last_item():
    (agenda,) = parse(AGENDA)["meetings"]

    assert [i["number"] for i in agenda["items"]] == ["1", "2"]
    assert agenda["items"][-1]["resolutions"] == []
    assert agenda["future_meetings"] == [{"date": "2020-06-09", "time": None}]


def test_an_appendix_ends_the_last_item():
    text = AGENDA.replace("Jo Bloggs\nDemocratic Services Manager\n", "Appendix A\n")

    (agenda,) = parse(text)["meetings"]

    assert [i["number"] for i in agenda["items"]] == ["1", "2"]
    assert agenda["items"][-1]["resolutions"] == []


def test_seed_agendas_stop_before_the_running_order_and_membership(pack_2018, pack_2012):
    agenda_2018 = meeting(pack_2018, role="agenda", date="2018-07-25")
    agenda_2012 = meeting(pack_2012, role="agenda", date="2012-10-18")

    assert agenda_2018["future_meetings"] == [{"date": "2018-09-19", "time": "14:00"}]
    assert agenda_2012["future_meetings"] == [{"date": "2013-03-21", "time": None}]
    assert [i["number"] for i in agenda_2012["items"]] == [str(n) for n in range(1, 17)]


def test_a_signature_gives_the_chair_where_nobody_is_marked_chair():
    text = (
        "Minutes of the Safer Eastford Board held on 3 March 2020\n\nPresent: Ann Lee, Bob Hale\n"
        "\n1. Apologies\nNone.\n\nANN LEE\nCHAIR\n"
    )

    (minutes,) = parse(text)["meetings"]

    assert minutes["chair"] == "ANN LEE"
    assert minutes["items"][0]["minutes_text"] == "None."


def test_the_chairs_name_over_chair_is_the_chair_not_the_minute(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")
    last = minutes["items"][-1]

    assert minutes["chair"] == "Councillor Richard Watson"  # as the present list gives it
    assert "WATSON" not in (last["minutes_text"] or "")

"""The 2012 Haringey pack: an agenda with page ranges whose hyphens were lost, and minutes
in a table with HSP minute numbers and an ACTION BY column (expectations written by hand)."""

from tests.archive.conftest import item, meeting


def test_agenda_items_and_pages_without_hyphens(pack_2012):
    agenda = meeting(pack_2012, role="agenda", date="2012-10-18")

    assert agenda["body"] == "Community Safety Partnership"
    assert agenda["start_time"] == "12:00"
    assert len(agenda["items"]) == 16
    assert item(agenda, "4")["pages"] == [1, 6]
    assert item(agenda, "8")["title"] == "NEIGHBOURHOOD POLICING MODEL LOCAL PERSPECTIVE"
    assert item(agenda, "8")["pages"] == [33, 44]
    assert item(agenda, "13")["title"] == "HATE CRIME REPORT"
    assert agenda["future_meetings"] == [{"date": "2013-03-21", "time": None}]


def test_minutes_with_hsp_numbers(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")

    assert [i["number"] for i in minutes["items"]] == [f"HSP{n}" for n in range(16, 35)]
    assert item(minutes, "HSP21")["title"] == "TERRORISM UPDATE"
    assert minutes["chair"] == "Councillor Richard Watson"


def test_repeated_page_headings_do_not_start_new_meetings(pack_2012):
    dates = [m["date"] for m in pack_2012["meetings"]]

    assert dates == ["2012-10-18", "2012-06-26"]


def test_apologies_with_substitutes_glued_together(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")

    assert minutes["apologies"] == [
        {"name": "Stephen McDonnell", "substitute": "Joan Hancox"},
        {"name": "Barbara Nicholls", "substitute": "Lisa Redfern"},
        {"name": "Paul Bridge", "substitute": "Eamon McGoldrick"},
    ]


def test_resolutions_in_their_several_forms(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")

    assert item(minutes, "HSP19")["resolutions"] == [
        "That the minutes of the meeting held on 1 March 2012 be confirmed a correct record."
    ]
    # A word broken across the table's columns ("Partnersh" | "ip.") is put back together.
    assert item(minutes, "HSP20")["resolutions"] == [
        "To agree the Terms of Reference for the Community Safety Partnership."
    ]
    assert item(minutes, "HSP23")["resolutions"][1].startswith("That the resource plan for 2012/13")
    assert item(minutes, "HSP28")["resolutions"][0].startswith("NOTED that a review meeting")


def test_action_by_column_gives_actions_with_owners(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")
    actions = item(minutes, "HSP24")["actions"]
    by_owner = {tuple(action["owners"]): action["text"] for action in actions}

    assert by_owner[("PMG",)].startswith("That the final document be signed off")
    assert any("Claire Kowalska" in owners for owners in by_owner)
    # Fragments of words spilled into the column are not owners; the warning says so.
    assert not any(owners == ("sa",) for owners in by_owner)
    assert any("“sa”" in warning for warning in pack_2012["warnings"])


def test_future_meetings_with_times_from_a_range(pack_2012):
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")

    assert minutes["future_meetings"] == [
        {"date": "2012-10-18", "time": "12:00"},
        {"date": "2013-03-21", "time": "12:00"},
    ]

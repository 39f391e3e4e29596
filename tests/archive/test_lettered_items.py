"""Item numbers as councils print them: letters ("A", "B", "C"), mixed numbers and sub-letters
(1, 2, 2a, 2b, 3), roman numerals, and numbers followed only by a space ("1 Apologies")."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack


def items(text: str) -> list[tuple[str, str]]:
    document = parse_pack(read_pack(name="a.txt", data=text.encode()), source="a.txt")
    (meeting,) = document["meetings"]
    return [(i["number"], i["title"]) for i in meeting["items"]]


HEADING = "AGENDA\nWestshire Safer Communities Board\nMonday 4 May 2020 at 2pm\n\n"


def test_lettered_items():
    text = HEADING + "A. Apologies\nB. Minutes\nThe minutes of 1 March.\nC. Hate Crime Review\n"

    assert items(text) == [("A", "Apologies"), ("B", "Minutes"), ("C", "Hate Crime Review")]


def test_mixed_numbers_and_sub_letters():
    text = HEADING + (
        "1. Apologies\n2. Performance\n2a. Burglary\n2b. Robbery\n3. Any Other Business\n"
        "2c. A late sub-item after item 3 is text\n"
    )

    assert [number for number, _ in items(text)] == ["1", "2", "2a", "2b", "3"]


def test_roman_numerals_as_items():
    text = HEADING + (
        "I. Welcome\nII. Declarations of Interest\nIII. Knife Crime\nIV. Prevent\n"
        "V. Date of Next Meeting\n"
    )

    assert [number for number, _ in items(text)] == ["I", "II", "III", "IV", "V"]


def test_numbers_followed_only_by_a_space():
    text = HEADING + (
        "1 Apologies for Absence\n2 Minutes of the Last Meeting\n3 Serious Violence Duty\n"
        "The report sets out:\n4 recommendations below\n4 Any Other Business\n"
    )

    assert items(text) == [
        ("1", "Apologies for Absence"),
        ("2", "Minutes of the Last Meeting"),
        ("3", "Serious Violence Duty"),
        ("4", "Any Other Business"),
    ]


def test_a_date_is_not_an_item_and_full_stop_lists_do_not_take_spaced_numbers():
    text = "AGENDA\nEastford Board\n1 May 2020, 10am\n\n1. Welcome\n2 Hate Crime\n3. Close\n"

    assert items(text) == [("1", "Welcome"), ("3", "Close")]

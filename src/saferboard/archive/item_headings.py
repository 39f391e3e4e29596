"""Agenda items as a pack numbers them: which numbered line starts an item ("9.", "4a", "HSP16",
"IV"), whether its number comes after the previous item's, and its title, pages and table cells.

`ItemHeadings` is part of the parser (archive/parser.py): it works on the parser's lines and
hands an "Action by" cell beside a title to the parser's `action_cell`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from saferboard.archive import dates
from saferboard.archive.minute_text import collapse

if TYPE_CHECKING:
    from saferboard.archive.meeting_headings import Meeting

ITEM = re.compile(
    r"^(?:[-•o·]\s+)?(?:(?:[Aa]genda\s+)?(?:[Ii]tem|ITEM)\s+)?"
    r"(?P<number>[A-Z]{1,5}\d{1,3}[a-z]?|\d{1,3}/\d{2,4}|\d{1,3}[a-z]?|[IVX]{2,5}|[A-Z])"
    r"(?P<separator>[.):]|(?=\t)| +(?=[A-Z]))\s*\t?\s*(?P<title>.+)$",
)
ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
PAGES = re.compile(
    r"\(?\s*(?:pages?|pp?\.?)\s*(?P<first>\d+)\s*(?:[-–—]|to)?\s*(?P<last>\d+)?\s*\)?",
    re.IGNORECASE,
)
# "Strategy pdf icon PDF 153 KB": the document's format and size; its title is the text before.
DOCUMENT = re.compile(
    r"(?:pdf icon\s*)?(?<![A-Za-z])(?P<format>PDF|DOCX?|XLSX?|PPTX?)\s+"
    r"(?P<size>\d+(?:\.\d+)?\s*[KMG]B)\b",
    re.IGNORECASE,
)
# "Minutes of the previous meeting   1 - 6": a page range printed after the title.
TRAILING_PAGES = re.compile(r"\s(?P<first>\d{1,3})\s*[-–]\s*(?P<last>\d{1,3})$")
NUMBER_ONLY = re.compile(
    r"^(?:(?:[Aa]genda\s+)?(?:[Ii]tem|ITEM)\s+)?([A-Z]{0,5}\d{1,3}[a-z]?|\d{1,3}/\d{2,4})[.)]?$"
)


@dataclass
class Item:
    number: str
    title: str
    pages: list[int] | None
    line: int
    body: list[list[str]] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    sort_key: tuple = ()
    action_line: int = -1  # the line that gave the last "Action by" action
    owner_text: str = ""  # that action's owners as written, while a wrapped cell goes on
    spaced: bool = False  # "1 Apologies": the number followed only by a space

    def key(self) -> tuple:
        return self.sort_key or number_key(self.number)


def roman(number: str) -> int:
    values = [ROMAN_VALUES[c] for c in number]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def number_key(number: str, *, after: tuple | None = None) -> tuple:
    """How an item number sorts: "HSP16" -> ("number", "HSP", 16, ""), "4a" -> ("number", "",
    4, "a"), "C" -> ("letter", "", 3, ""), "IV" -> ("roman", "", 4, ""). A lone "I", "V" or
    "X" is a roman numeral after one (or "I" first), else a letter."""
    if match := re.match(r"^(\d+)/(\d+)$", number):  # "45/23": minute 45 of the year 2023
        return ("number", f"/{match.group(2)}", int(match.group(1)), "")
    match = re.match(r"^([A-Za-z]*?)(\d+)([a-z]?)$", number)
    if match:
        prefix, digits, suffix = match.groups()
        return ("number", prefix.upper(), int(digits), suffix)
    if ROMAN.match(number) and (
        len(number) > 1
        or (after is not None and after[0] == "roman")
        or (after is None and number == "I")
    ):
        return ("roman", "", roman(number), "")
    if len(number) == 1 and number.isalpha():
        return ("letter", "", ord(number.upper()) - ord("A") + 1, "")
    return ("other", number, -1, "")


def follows(previous: Item | None, number: str) -> bool:
    """An item number comes after the last one: the same kind of numbering (numbers with the same
    prefix, letters, roman numerals), a larger number or the next sub-letter."""
    if previous is None:
        return number_key(number)[0] != "other"
    last = previous.key()
    key = number_key(number, after=last)
    if key[0] != last[0] or key[1] != last[1] or key[0] == "other":
        return False
    if key[0] == "letter" and key[2] - last[2] > 3:
        return False  # "A", "B" then "M" is not the next item
    return key[2] > last[2] or (key[2] == last[2] and key[3] > last[3])


def heading_like(title: str) -> bool:
    """Upper-case headings, or short title-case lines that are not sentences."""
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 2:
        return False
    if sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return True
    return (
        len(title) <= 100
        and not title.rstrip().endswith((".", ",", ";", ":"))
        and title[0].isupper()
    )


class ItemHeadings:
    """The parser's reading of item headings (mixed into archive.parser.Parser)."""

    def item_line(self, meeting: Meeting, index: int, line: str) -> bool:
        """Start a new item if the line is an item heading that follows the previous item."""
        item = ITEM.match(line)
        if not item:
            return False
        number = item.group("number")
        title_cells = item.group("title").split("\t")
        title = collapse(title_cells[0])
        previous = meeting.items[-1] if meeting.items else None
        if not heading_like(title) or not follows(previous, number):
            return False
        spaced = item.group("separator").startswith(" ")
        if spaced and not self.spaced_item(previous, number, line):
            return False
        if len(title_cells) == 1 and (more := self.title_goes_on(index, title)):
            title = f"{title} {more}"  # a long title wrapped onto the next line in a PDF
            self.resume_at = index + 2
        pages = None
        if (trailing := TRAILING_PAGES.search(title)) and not PAGES.search(title):
            first, last = int(trailing.group("first")), int(trailing.group("last"))
            if first <= last:
                pages = [first, last]
                title = title[: trailing.start()]
        if page_note := PAGES.search(title):
            first = int(page_note.group("first"))
            last = int(page_note.group("last") or first)
            pages = [first, last] if last >= first else [first, first]
            title = collapse(title[: page_note.start()] + title[page_note.end() :])
        key = number_key(number, after=previous.key() if previous else None)
        new = Item(
            number=number,
            title=title.strip(" .-–:"),
            pages=pages,
            line=index,
            sort_key=key,
            spaced=spaced,
        )
        meeting.items.append(new)
        # A Word or HTML table with the minute or resolution beside the title.
        owner = ""
        middle = [collapse(cell) for cell in title_cells[1:]]
        if meeting.owner_column is not None:
            position = meeting.owner_column - (len(line.split("\t")) - len(title_cells))
            if 0 < position < len(title_cells):
                owner, middle = collapse(title_cells[position]), middle[: position - 1]
        elif meeting.action_column and len(title_cells) > 1:
            owner, middle = collapse(title_cells[-1]), middle[:-1]
        new.body.extend([cell] for cell in middle if cell)
        if owner:
            said = [cell for cell in middle if cell]
            self.action_cell(meeting, new, said[-1] if said else title, owner, index)
        return True

    def title_goes_on(self, index: int, title: str) -> str | None:
        """The next line, where it carries on an item's title: more of an upper-case title, or
        the end of a title with its page note ("2023-24 (Pages 7 - 20)")."""
        if index + 1 >= len(self.lines) or "\t" in self.lines[index + 1]:
            return None
        following = collapse(self.lines[index + 1])
        if not following or len(following) > 80 or ITEM.match(following):
            return None
        if PAGES.fullmatch(following) or re.match(
            r"^(?:resolved|noted|agreed|action)\b", following, re.I
        ):
            return None
        letters = [c for c in following if c.isalpha()]
        shouting = (
            title.isupper() and letters and sum(c.isupper() for c in letters) / len(letters) > 0.9
        )
        page_note = PAGES.search(following) and not PAGES.search(title)
        if (shouting and not following.endswith(":")) or (
            page_note and not re.search(r"[.;:]\s", following)
        ):
            return following
        return None

    @staticmethod
    def spaced_item(previous: Item | None, number: str, line: str) -> bool:
        """ "1 Apologies" (no full stop) is an item only in a list numbered that way from the
        start, and never a date ("1 May 2020")."""
        found = dates.find_dates(line)
        if found and found[0][3] == 0:
            return False
        if previous is None:
            return number in {"1", "A", "I"} or "/" in number  # "44/23": minutes run on
        return previous.spaced

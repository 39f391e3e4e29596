"""One parser for every council's packs: lines of text in, the `saferboard.import/1` document out.

It reads the lines a reader gives (readers.py) and finds, for each meeting in the
file, its body, role, date, time, venue and chair, the people present, apologies
with substitutes, items with numbers, titles and pages, resolutions, actions with
owners and the dates of future meetings. It relies on shapes, not one council's
wording: a meeting starts at a "Notice of meeting", "Agenda" or "Minutes of"
heading; an item is a numbered heading ("9.", "4a", "HSP16") whose number comes
after the previous item's; a minute ends at the next item or the chair's
signature. What it guessed or skipped goes into `warnings`.
"""

import datetime
import re
from dataclasses import dataclass, field
from datetime import date

from saferboard.archive import dates, minute_text
from saferboard.archive.action_log import action_log
from saferboard.archive.membership import MEMBERS_LABEL, MembershipLists
from saferboard.archive.minute_text import APOLOGIES_INTRO, PART, collapse
from saferboard.archive.people import (
    name_like,
    names_organisation,
    people_in_list,
    person,
    split_owners,
    split_people,
)

SCHEMA = "saferboard.import/1"

AGENDA_HEAD = re.compile(
    r"^(?:(?:supplementary|revised|draft)\s+)?"
    r"(?:notice of (?:the )?meeting|agenda|summons|order of business|business to be transacted)"
    r"(?:\s+(?:for|of)\b.*|\s*[-–:(]\s*(?:part\s+\w+|public|open|main)\b.*|\s*[:.]?)$",
    re.IGNORECASE,
)
MINUTES_HEAD = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed)\s+)?(?:minutes|(?:action\s+|meeting\s+)?notes)\s+of\s+"
    r"(?:the\s+)?(?:a\s+)?"
    r"(?:(?:meeting|proceedings)\s+of\s+(?:the\s+)?)?(?P<rest>.+)$",
    re.IGNORECASE,
)
MINUTES_ALONE = re.compile(
    r"^(?:(?P<body>[^.:;]{3,80}?)\s+[-–:]\s+)?(?:(?:draft|confirmed|unconfirmed)\s+)?"
    r"(?:minutes|meeting\s+notes|action\s+notes)(?:\s+of\s+(?:the\s+)?meeting)?\s*[:.]?$",
    re.IGNORECASE,
)
AGENDA_AND_MINUTES = re.compile(r"^agenda and (?:draft )?minutes\b", re.IGNORECASE)
BODY_END = re.compile(
    r"\s*(?:,|\bheld\b|\bon\b|\bat\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d).*$",
    re.IGNORECASE,
)
MEETING_END = re.compile(
    r"^(?:signed(?: by)?(?: the)? chair|chair(?:man|person)?\s*:?|\.{3,}.*|the meeting "
    r"(?:ended|closed)\b.*|meeting (?:ended|closed)\b.*)$",
    re.IGNORECASE,
)
CHAIR_LINE = re.compile(r"^chair(?:man|person)?\s*:\s*(?P<name>.+)$", re.IGNORECASE)
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
FRONT_LABEL = re.compile(
    r"^(?P<label>date|time|venue|place|location|meeting|committee|board)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
FRONT_NOISE = re.compile(
    r"^(?:public document pack|notice of (?:the )?meeting|summons|agenda|supplementary|"
    r"quorum|contact|enquiries|membership|members|to:|dear|issued|published|page)\b",
    re.IGNORECASE,
)
# "Minutes of the previous meeting   1 - 6": a page range printed after the title.
TRAILING_PAGES = re.compile(r"\s(?P<first>\d{1,3})\s*[-–]\s*(?P<last>\d{1,3})$")
MINUTES_MARK = re.compile(r"^minutes\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
VENUE_BEFORE = re.compile(
    r"\bheld\s+(?:at|in)\s+(?P<venue>.+?),?\s+on\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"\s*,?\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)
DECISION_TYPE = re.compile(
    r"\b(for (?:decision|approval|agreement|endorsement|sign[- ]off)|for information"
    r"|to note|for noting)\b",
    re.I,
)
PRESENTER = re.compile(
    r"^(?:(?:joint\s+)?report (?:of|by|from) (?:the )?|oral update (?:of|from|by) (?:the )?"
    r"|(?:presented|introduced) by (?:the )?|(?:lead(?: officer| member)?|presenter|presenting"
    r" officer)\s*:\s*(?:the )?)(?P<who>.+?)\.?$"
    r"|^(?P<heard>.+?) to be heard\.?$",
    re.IGNORECASE,
)
ACTION_MARK = re.compile(r"\[\s*action\s*:?\s*(?P<owners>[^\]]+)\]", re.IGNORECASE)
ACTION_LINE = re.compile(r"^actions?\s*(?:by)?\s*[:\-–]\s*(?P<rest>.+)$", re.IGNORECASE)
ACTION_BY_HEAD = re.compile(
    r"^action(?:\s*by)?$|^(?:action\s+)?owner$|^lead(?: officer)?$|^responsib(?:le|ility)$|^who$"
    r"|^by whom$",
    re.IGNORECASE,
)
PRESENT = re.compile(
    r"^(?:(?:board\s+|committee\s+|voting\s+)?members\s+|those\s+)?(?:present|attendees)\b"
    r"\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
IN_ATTENDANCE = re.compile(
    r"^(?:(?:also\s+)?in\s+attendance|also\s+(?:present|attending)"
    r"|officers(?:\s+present|\s+in\s+attendance)?(?=\s*:))\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
FUTURE_TITLE = re.compile(r"future meetings?|next meeting|dates? of meetings", re.IGNORECASE)
NEXT_MEETING = re.compile(
    r"^(?:(?:the\s+)?date\s+of\s+)?(?:the\s+)?next\s+(?:board\s+|partnership\s+)?meeting\b",
    re.IGNORECASE,
)
DEFERRED = re.compile(r"\b(?:deferred|not taken|postponed|withdrawn)\b", re.IGNORECASE)
WHO_TO_DO = re.compile(
    r"^(?P<who>(?:[A-Z][\w'’.&/-]*|and|of|for|the)(?:[\s,/&]+(?:[A-Z][\w'’.&/-]*|and|of|for|the))"
    r"{0,6})\s+to\s+(?P<what>[a-z]\w+\b.{8,})$"
)
DUE = re.compile(r"\b(?:by|before|no later than|due)\s*:?\s+(?:the\s+)?(?:end\s+of\s+)?", re.I)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.IGNORECASE)
NUMBER_ONLY = re.compile(
    r"^(?:(?:[Aa]genda\s+)?(?:[Ii]tem|ITEM)\s+)?([A-Z]{0,5}\d{1,3}[a-z]?|\d{1,3}/\d{2,4})[.)]?$"
)
SPILL = re.compile(r"^[a-z]{1,3}\.?$")
# What follows an agenda's last item in a pack: the next paper's "Agenda Item 4" header, an
# appendix, a report's cover sheet, the publication note.
AGENDA_END = re.compile(
    r"^(?:agenda\s+item\s+[A-Z]{0,5}\d{1,3}[a-z]?|appendix\b.{0,60}|annex\b.{0,60}"
    r"|(?:report for|report title|meeting|title of report)\s*:.*"
    r"|(?:date\s+)?(?:of\s+)?(?:publication|published|issued|despatched|dispatched)\b.{0,40}"
    r"|terms of reference.{0,60})$",
    re.IGNORECASE,
)
# The clerk's signature under an agenda: a name, then a job title on the next line.
SIGNATORY_ROLE = re.compile(
    r"\b(?:manager|officer|director|head|clerk|secretary|services|coordinator|co-ordinator"
    r"|chief executive|solicitor)\b",
    re.IGNORECASE,
)
PEOPLE_GROUP = re.compile(r"^(?P<label>[A-Z][A-Za-z &/'-]{2,40}):\s*(?P<rest>\S.*)$")


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


@dataclass
class Meeting:
    heading: str
    role: str
    line: int
    body: str | None = None
    date: datetime.date | None = None
    start_time: str | None = None
    venue: str | None = None
    chair: str | None = None
    members: list[dict] = field(default_factory=list)
    present: list[dict] = field(default_factory=list)
    in_attendance: list[dict] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    action_column: bool = False
    owner_column: int | None = None  # where the "Action by" cell is in the table's rows
    closed: bool = False
    signed_by: str | None = None
    header_apologies: list[str] = field(default_factory=list)  # "Apologies:" before the items


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


SMALL_WORDS = {"and", "of", "the", "for", "in", "with", "on", "to", "a", "an", "at"}


def sentence_title(text: str) -> str:
    """An upper-case body name in title case ("HEALTH AND WELLBEING BOARD" -> "Health and
    Wellbeing Board"); short acronyms (CSP, MOPAC) and mixed-case names stay as written."""
    if not text.isupper():
        return text
    words = []
    for position, word in enumerate(text.split()):
        if position and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        elif len(word) <= 3 and word.isalpha() and word.lower() not in SMALL_WORDS:
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


def parse_pack(lines: list[str], *, source: str) -> dict:
    """The `saferboard.import/1` document for the lines of one file."""
    return Parser(lines).document(source=source)


class Parser(MembershipLists):
    def __init__(self, lines: list[str]):
        self.lines = [line if isinstance(line, str) else "" for line in lines]
        self.meetings: list[Meeting] = []
        self.warnings: list[str] = []
        self.pending_members: list[dict] = []  # a membership list before the agenda heading
        self.resume_at = 0  # the line after an item title wrapped onto a second line

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"line {line + 1}: {message}")

    # --- finding meetings and items -------------------------------------------------

    def document(self, *, source: str) -> dict:
        self.scan()
        if not self.meetings:
            self.warnings.append(
                "no meeting found: no “Agenda”, “Notice of meeting” or "
                "“Minutes of …” heading with a date"
            )
        return {
            "schema": SCHEMA,
            "source": source,
            "meetings": [
                self.meeting_document(meeting)
                for meeting in self.meetings
                if meeting.items or meeting.date is not None
            ],
            "action_log": action_log(self.lines, self.warnings),
            "warnings": self.warnings,
        }

    def scan(self) -> None:
        current: Meeting | None = None
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            text = collapse(line.replace("\t", " "))
            started = self.meeting_start(index, text, current)
            if started is not None:
                if started is not current:
                    current = started
                    self.meetings.append(current)
                index += 1
                continue
            if not text:
                index += 1
                continue
            if (after := self.membership(index, text)) is not None:
                index = after
                continue
            if current is None:
                index += 1
                continue
            if current.closed:
                index += 1
                continue
            index = self.meeting_line(current, index, line, text)

    def meeting_start(self, index: int, text: str, current: Meeting | None) -> Meeting | None:
        minutes = MINUTES_HEAD.match(text)
        untitled = text.lower().startswith("minutes of the meeting held on")
        if untitled and (
            (current is not None and current.items and not current.closed)
            or re.search(r"\b(?:record|confirm\w*|approv\w*|agree\w*|be\s+signed)\b", text, re.I)
        ):
            minutes = None  # "the minutes of the meeting held on 26 February" inside an item
        if minutes:
            if current is not None and collapse(current.heading).lower() == text.lower():
                return current  # the heading repeated at the top of each page
            meeting = Meeting(heading=text, role="minutes", line=index)
            # A long heading wraps over two or three lines in a PDF.
            following = [collapse(line) for line in self.lines[index + 1 : index + 3]]
            for extra in range(3):
                heading = " ".join([text, *following[:extra]])
                found = dates.find_dates(heading)
                year_next = extra < len(following) and re.match(r"^\d{4}\b", following[extra])
                if (found and not (found[-1][2] is None and year_next)) or not all(
                    following[:extra]
                ):
                    break
            self.describe(meeting, heading, index)
            if meeting.date is None:
                return None  # "Minutes of the last meeting" in running text
            rest = MINUTES_HEAD.match(heading).group("rest")
            body = re.sub(r"\s+meeting$", "", BODY_END.sub("", rest).strip(" -–,"), flags=re.I)
            meeting.body = sentence_title(body) or None
            if untitled:  # the body is the line above: "Westbrook CSP" / "Minutes of the meeting…"
                above = [collapse(line) for line in self.lines[max(0, index - 3) : index]]
                above = [line for line in above if line]
                meeting.body = (
                    sentence_title(above[-1])
                    if above and len(above[-1]) < 80 and heading_like(above[-1])
                    else None
                )
            return meeting
        if (alone := MINUTES_ALONE.match(text)) and (current is None or current.closed):
            # "MINUTES" (or "Safer Town Board – Minutes") with the body and date around it
            meeting = Meeting(heading=text, role="minutes", line=index)
            front_body = self.describe_from_preceding(meeting, index, current)
            self.describe_from_following(meeting, index)
            if meeting.date is None:
                return None
            if alone.group("body"):
                meeting.body = sentence_title(alone.group("body").strip())
            meeting.body = meeting.body or front_body
            return meeting
        if (AGENDA_HEAD.match(text) or AGENDA_AND_MINUTES.match(text)) and len(text) < 60:
            if current is not None and current.role != "minutes" and not current.items:
                return current  # "Notice of meeting" followed by "Agenda"
            role = "agenda_and_minutes" if AGENDA_AND_MINUTES.match(text) else "agenda"
            meeting = Meeting(heading=text, role=role, line=index)
            front_body = None
            if current is None or current.closed:
                front_body = self.describe_from_preceding(meeting, index, current)
            self.describe_from_following(meeting, index)
            meeting.body = meeting.body or front_body
            meeting.members, self.pending_members = self.pending_members, []
            return meeting
        return None

    def describe(self, meeting: Meeting, text: str, index: int) -> None:
        """Date, time and venue from a heading: "Wednesday, 25th July, 2018, 2.00 pm - Venue"."""
        found = dates.find_dates(text)
        if found and meeting.date is None:
            day, month, year, _, end = found[0]
            if year is None:
                self.warn(index, f"the meeting date {day}/{month} has no year; left empty")
            else:
                meeting.date = date(year, month, day)
            meeting.start_time = meeting.start_time or dates.find_time(text[end:] or text)
            venue = re.split(r"\s+[-–]\s+|\bat\s+(?=[A-Z])|\bvenue\s*:\s*", text[end:], maxsplit=1)
            if len(venue) == 2 and not dates.find_dates(venue[1]):
                meeting.venue = meeting.venue or venue[1].strip(" .,") or None
            # "… held at County Hall, Northton on Wednesday 8 March 2023"
            if before := VENUE_BEFORE.search(text[: found[0][3]]):
                venue = re.sub(r"^the\s+", "", before.group("venue").strip(" ,"), flags=re.I)
                meeting.venue = meeting.venue or venue or None

    def describe_from_following(self, meeting: Meeting, index: int) -> None:
        """The agenda's body, date and venue are in the few lines under its heading."""
        seen = 0
        for offset in range(index + 1, min(index + 12, len(self.lines))):
            text = collapse(self.lines[offset].replace("\t", " "))
            if not text or AGENDA_HEAD.match(text):
                continue
            starts_with_date = (found := dates.find_dates(text)) and found[0][3] == 0
            if ITEM.match(text) and (meeting.date is not None or not starts_with_date):
                break
            seen += 1
            if (found := dates.find_dates(text)) and meeting.date is None:
                if meeting.body is None:  # "Community Safety Partnership - Thursday, 7th November"
                    before = WEEKDAY.sub("", text[: found[0][3]]).strip(" -–,:")
                    if len(before) > 3 and not re.match(r"^(?:date|meeting)\b", before, re.I):
                        meeting.body = sentence_title(before)
                following = collapse(self.lines[offset + 1]) if offset + 1 < len(self.lines) else ""
                if text.endswith(",") and following:
                    text = f"{text} {following}"
                self.describe(meeting, text, offset)
            elif (
                meeting.body is None
                and meeting.date is None
                and seen <= 2
                and len(text) < 80
                and not re.match(r"^(?:members|to|date|time|venue|item)\b", text, re.IGNORECASE)
            ):
                meeting.body = sentence_title(text)
            if label := re.match(r"^time\s*:\s*(.+)$", text, re.IGNORECASE):
                meeting.start_time = meeting.start_time or dates.find_time(label.group(1))
            if label := re.match(r"^(?:venue|place|location)\s*:\s*(.+)$", text, re.IGNORECASE):
                venue = re.sub(r"\.?\s*view directions\.?$", "", label.group(1), flags=re.I)
                meeting.venue = meeting.venue or venue.strip(" .") or None

    def describe_from_preceding(
        self, meeting: Meeting, index: int, previous: Meeting | None
    ) -> str | None:
        """A pack's front page often comes before its "Agenda" heading: the body's name, then
        "Date:", "Time:" and "Venue:" lines (ModernGov's "Public Document Pack"). Returns the
        body's name found there, for when the lines under the heading give none."""
        start = max(previous.line + 1 if previous else 0, index - 30)
        body = None
        for offset in range(start, index):
            text = collapse(self.lines[offset].replace("\t", " "))
            if not text:
                continue
            if label := FRONT_LABEL.match(text):
                name, value = label.group("label").lower(), label.group("value").strip()
                if name == "date":
                    self.describe(meeting, value, offset)
                elif name == "time":
                    meeting.start_time = meeting.start_time or dates.find_time(value)
                elif name in {"venue", "place", "location"}:
                    value = re.sub(r"\.?\s*view directions\.?$", "", value, flags=re.I)
                    meeting.venue = meeting.venue or value.strip(" .") or None
                elif name in {"meeting", "committee", "board"}:
                    meeting.body = meeting.body or sentence_title(value)
            elif (
                body is None
                and len(text) < 80
                and heading_like(text)
                and not re.search(r"[|@]|\d{5}", text)
                and not dates.find_dates(text)
                and not FRONT_NOISE.match(text)
                and not MEMBERS_LABEL.match(text)
            ):
                body = sentence_title(text)
        return body

    def starts_something(self, text: str) -> bool:
        """An item or a meeting heading: where a membership list has ended."""
        return bool(ITEM.match(text) or MINUTES_HEAD.match(text) or AGENDA_HEAD.match(text))

    def meeting_line(self, meeting: Meeting, index: int, line: str, text: str) -> int:
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > 1 and not cells[0]:
            cells.pop(0)  # the subject column of a minutes table
        if any(ACTION_BY_HEAD.match(cell) for cell in cells[1:]):
            meeting.action_column = True
            raw = [cell.strip() for cell in line.split("\t")]
            meeting.owner_column = next(n for n, c in enumerate(raw) if ACTION_BY_HEAD.match(c))
            return index + 1
        if chair := CHAIR_LINE.match(text):
            meeting.chair = meeting.chair or chair.group("name").strip()
            meeting.closed = bool(meeting.items)
            return index + 1
        if MEETING_END.match(text):
            if meeting.items:
                meeting.closed = True
                self.signature(meeting, text)
            return index + 1
        if meeting.items and meeting.role == "agenda" and self.agenda_ends(index, text):
            meeting.closed = True
            return index + 1
        if (
            not meeting.items
            and meeting.role != "agenda"
            and re.match(r"^apologies\b", text, re.IGNORECASE)
            and APOLOGIES_INTRO.search(text)
        ):
            meeting.header_apologies.append(text)  # "Apologies: Cllr X (Cllr Y substituted)"
            return self.lines_until_blank(index + 1, meeting.header_apologies)
        for pattern, people in ((PRESENT, meeting.present), (IN_ATTENDANCE, meeting.in_attendance)):
            if match := pattern.match(text):
                if match.group("rest"):
                    people.extend(person(p) for p in people_in_list(match.group("rest")))
                    return index + 1
                return self.people_block(index + 1, people)
        if NUMBER_ONLY.match(text) and not line.strip().startswith(("Agenda", "AGENDA")):
            following = self.next_text(index)
            if following is not None and heading_like(self.lines[following].split("\t")[0]):
                joined = f"{text.rstrip('.')}.\t{self.lines[following].strip()}"
                if self.item_line(meeting, following, joined):
                    return max(following + 1, self.resume_at)
        if self.item_line(meeting, index, line.strip()):
            return max(index + 1, self.resume_at)
        if meeting.items:
            current = meeting.items[-1]
            column = meeting.owner_column
            more: list[str] = []
            if column is not None and "\t" in line:
                # Cells before the "Action by" column are what was said (a discussion, then a
                # resolution); the first stays with the owner, the others follow it.
                raw = [cell.strip() for cell in line.split("\t")]
                said = [cell for n, cell in enumerate(raw) if cell and n != column]
                owner = raw[column] if len(raw) > column else ""
                said = said or [""]
                cells = [said[-1], owner] if owner else said[:1]
                more = said[:-1] if owner else said[1:]
            broken_word = (
                meeting.action_column
                and len(cells) > 1
                and SPILL.match(cells[-1])
                and cells[0][-1:].isalpha()
                and cells[-1][:1].islower()
            )
            if broken_word:  # "Partnersh" | "ip." : a word broken across the columns
                cells = [cells[0] + cells[-1], *cells[1:-1]]
            if self.action_continues(meeting, current, line, cells, index):
                return index + 1
            if current.pages is None and not current.body and (note := PAGES.fullmatch(text)):
                first = int(note.group("first"))
                last = max(first, int(note.group("last") or first))
                current.pages = [first, last]
                return index + 1
            current.body.extend([cell] for cell in more)
            current.body.append(cells)
            if meeting.action_column and len(cells) > 1:
                self.action_cell(meeting, current, cells[0], cells[-1], index)
        return index + 1

    @staticmethod
    def action_continues(
        meeting: Meeting, item: Item, line: str, cells: list[str], index: int
    ) -> bool:
        """A row of a table whose cells wrapped onto the next line (a PDF's layout): the action's
        words go on in lower case, or only the "Action by" cell has more ("Community Safety" /
        "Manager"). Returns True where the line was only that and is used up."""
        if not item.actions or item.action_line != index - 1:
            return False
        raw = line.split("\t")
        column = meeting.owner_column if meeting.owner_column is not None else len(raw) - 1
        owner = collapse(raw[column]) if 0 < column < len(raw) else ""
        if owner and not any(cell.strip() for cell in raw[:column]):
            item.owner_text = f"{item.owner_text} {owner}"
        elif cells[0][:1].islower():
            item.actions[-1]["text"] = f"{item.actions[-1]['text']} {cells[0]}"
            item.body.append(cells[:1])
            if len(cells) > 1:
                item.owner_text = f"{item.owner_text} {cells[-1]}"
        else:
            return False
        item.actions[-1]["owners"] = split_owners(item.owner_text)
        item.action_line = index
        return True

    @staticmethod
    def signature(meeting: Meeting, text: str) -> None:
        """ "COUNCILLOR RICHARD WATSON" over "CHAIR": the name is the chair, not the minute."""
        body = meeting.items[-1].body
        if not re.match(r"^chair(?:man|person)?$", text, re.IGNORECASE) or not body:
            return
        name = collapse(" ".join(body[-1]))
        if name_like(name):
            body.pop()
            meeting.signed_by = name

    def agenda_ends(self, index: int, text: str) -> bool:
        """The agenda's last item ends at the clerk's signature or the paper after it."""
        if AGENDA_END.match(text):
            return not DOCUMENT.search(text)
        following = self.next_text(index)
        if following is None or following != index + 1 or not name_like(text):
            return False
        role = collapse(self.lines[following])
        return bool(SIGNATORY_ROLE.search(role)) and len(role) < 100 and not role.endswith(".")

    def next_text(self, index: int) -> int | None:
        for following in range(index + 1, min(index + 4, len(self.lines))):
            if self.lines[following].strip():
                return following
        return None

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

    def lines_until_blank(self, index: int, found: list[str]) -> int:
        """The lines of a block under a heading, up to a blank line, a heading or an item."""
        while index < len(self.lines):
            text = collapse(self.lines[index].replace("\t", " "))
            if not text or ITEM.match(text) or PRESENT.match(text) or IN_ATTENDANCE.match(text):
                return index
            found.append(text)
            index += 1
        return index

    def people_block(self, index: int, people: list[dict]) -> int:
        """Names one per line under "Present:" until a blank line, a heading or an item."""
        while index < len(self.lines):
            text = collapse(self.lines[index].replace("\t", " "))
            if not text:
                if people:
                    return index
            elif ITEM.match(text) or IN_ATTENDANCE.match(text) or APOLOGIES_INTRO.search(text):
                return index
            elif group := PEOPLE_GROUP.match(text):
                # "Councillors: Smith (Chair), Jones" or "Northshire Police: Insp Dave Hill"
                label = group.group("label").strip()
                for entry in people_in_list(group.group("rest")):
                    found = person(entry)
                    if found["organisation"] is None and names_organisation(label):
                        found["organisation"] = label
                    people.append(found)
            else:
                parts = split_people(text, min_words=2)
                several = len(parts) > 1 and all(name_like(p) for p in parts)
                people.extend(person(part) for part in (parts if several else [text]))
            index += 1
        return index

    def action_cell(self, meeting: Meeting, item: Item, text: str, cell: str, index: int) -> None:
        cell = collapse(cell)
        if not re.search(r"[A-Za-z]", cell):
            return
        if SPILL.match(cell):
            self.warn(
                index, f"skipped “{cell}” in the action column: it looks like text spilled over"
            )
            return
        action_text = collapse(text)
        if not action_text:
            previous = [collapse(" ".join(c[:1])) for c in item.body[:-1] if c and c[0]]
            action_text = previous[-1] if previous else item.title
        item.actions.append({"text": action_text, "owners": split_owners(cell), "due": None})
        item.action_line, item.owner_text = index, cell

    # --- reading each item's text ---------------------------------------------------

    def meeting_document(self, meeting: Meeting) -> dict:
        apologies: list[dict] = minute_text.apologies(meeting.header_apologies)
        declarations: list[dict] = []
        items = []
        future: list[dict] = []
        seen_numbers = set()
        for item in meeting.items:
            if item.number.lower() in seen_numbers:
                self.warn(item.line, f"item number {item.number} appears twice; kept both")
            seen_numbers.add(item.number.lower())
            texts = [collapse(cells[0]) for cells in item.body if cells and cells[0]]
            items.append(self.item_document(meeting, item, texts))
            if re.search(r"apologies", item.title, re.IGNORECASE):
                minute = texts
                if (
                    marker := next((n for n, t in enumerate(texts) if MINUTES_MARK.match(t)), None)
                ) is not None:
                    minute = texts[marker + 1 :]
                apologies.extend(minute_text.apologies(minute, listed=True))
            if re.search(r"declarations?", item.title, re.IGNORECASE):
                declarations.extend(minute_text.declarations(texts))
            if FUTURE_TITLE.search(item.title) and meeting.date is not None:
                future.extend(self.future_dates(meeting, item, texts))
            elif meeting.date is not None:  # "The next meeting will be held on 5 July at 2pm."
                said = [text for text in texts if NEXT_MEETING.match(text)]
                future.extend(
                    entry for entry in self.future_dates(meeting, item, said) if entry not in future
                )
        chair = meeting.chair
        if chair is None:
            chairs = [
                p["name"] for p in meeting.present if re.search(r"chair", p["role"] or "", re.I)
            ]
            chairs = [
                p["name"]
                for p in meeting.present
                if re.search(r"chair", p["role"] or "", re.I)
                and not re.search(r"vice|deputy", p["role"] or "", re.I)
            ]
            chair = chairs[0] if chairs else meeting.signed_by
        return {
            "body": meeting.body,
            "role": meeting.role,
            "date": meeting.date.isoformat() if meeting.date else None,
            "start_time": meeting.start_time,
            "venue": meeting.venue,
            "chair": chair,
            "members": meeting.members,
            "present": meeting.present,
            "in_attendance": meeting.in_attendance,
            "apologies": apologies,
            "declarations": declarations,
            "items": items,
            "future_meetings": future,
        }

    def item_document(self, meeting: Meeting, item: Item, texts: list[str]) -> dict:
        # A committee system's page: the agenda's words, then "Minutes:" and the minute.
        agenda_texts: list[str] = []
        marker = next((n for n, text in enumerate(texts) if MINUTES_MARK.match(text)), None)
        if marker is not None:
            rest = MINUTES_MARK.match(texts[marker]).group("rest")
            agenda_texts, texts = texts[:marker], [rest] * bool(rest) + texts[marker + 1 :]
        resolutions = minute_text.resolutions(texts)
        actions = list(item.actions)
        prose = []
        for number, text in enumerate(texts):
            for marker in ACTION_MARK.finditer(text):
                words = collapse(ACTION_MARK.sub("", text))
                actions.append(
                    {"text": words, "owners": split_owners(marker.group("owners")), "due": None}
                )
            if action := ACTION_LINE.match(text):
                rest = action.group("rest").strip()
                if doer := WHO_TO_DO.match(rest):  # "JS to circulate the report by 1 May"
                    owners = split_owners(doer.group("who"))
                    actions.append({"text": rest, "owners": owners, "due": None})
                elif len(rest) <= 60 and not rest.endswith("."):
                    earlier = texts[number - 1] if number else item.title
                    if part := PART.match(earlier):
                        earlier = part.group("text")
                    actions.append({"text": earlier, "owners": split_owners(rest), "due": None})
                else:
                    owner = re.search(r"[\[(](?P<who>[^\])]{1,40})[\])]\s*\.?$", rest)
                    owners = split_owners(owner.group("who")) if owner else []
                    if not owners:
                        self.warn(item.line, f"item {item.number}: an action with no owner named")
                    actions.append({"text": rest, "owners": owners, "due": None})
            prose.append(ACTION_MARK.sub("", text).strip())
        decision_type = None
        kind = DECISION_TYPE.search(item.title)
        if kind is None and (agenda_texts or texts):
            kind = DECISION_TYPE.match((agenda_texts or texts)[0])
        if kind:
            informed = re.search(r"information|note|noting", kind.group(1), re.I)
            decision_type = "information" if informed else "decision"
        presenter = None
        for text in agenda_texts[:3] + texts[:3]:
            if found := PRESENTER.match(text):
                presenter = (found.group("who") or found.group("heard")).strip()
                break
        documents = []
        for text in [item.title, *agenda_texts, *texts]:
            start = 0
            for doc in DOCUMENT.finditer(text):
                name = collapse(text[start : doc.start()].rsplit("\t", 1)[-1])
                start = doc.end()
                size = doc.group("size").upper()
                documents.append(
                    {
                        "title": name or item.title,
                        "format": doc.group("format").upper(),
                        "size": re.sub(r"\s*([KMG]B)$", r" \1", size),
                    }
                )
        title = collapse(DOCUMENT.sub(" ", item.title)) or item.title
        status = None
        if meeting.role != "agenda":
            status = "taken"
            for text in [item.title, *texts[:3]]:
                if found := DEFERRED.search(text):
                    status = "withdrawn" if found.group().lower() == "withdrawn" else "deferred"
                    break
        return {
            "number": item.number.rstrip("."),
            "title": title,
            "decision_type": decision_type,
            "pages": item.pages,
            "presenter": presenter,
            "status": status,
            "minutes_text": " ".join(p for p in prose if p) or None
            if meeting.role != "agenda"
            else None,
            "resolutions": resolutions,
            "actions": [self.with_due(meeting, item, action) for action in actions],
            "documents": documents,
        }

    def with_due(self, meeting: Meeting, item: Item, action: dict) -> dict:
        """An action's due date where its words give a whole date: "… by 1 May 2023"."""
        if action["due"] is not None:
            return action
        for match in DUE.finditer(action["text"]):
            found = dates.find_dates(action["text"][match.end() :])
            if not found or found[0][3] != 0:
                continue
            day, month, year, *_ = found[0]
            if year is not None:
                return {**action, "due": date(year, month, day).isoformat()}
            if meeting.date is not None and (when := dates.infer_year(day, month, meeting.date)):
                self.warn(
                    item.line, f"took the year of the action due {day}/{month} as {when.year}"
                )
                return {**action, "due": when.isoformat()}
        return action

    def future_dates(self, meeting: Meeting, item: Item, texts: list[str]) -> list[dict]:
        future = []
        for text in texts:
            found = dates.find_dates(text)
            for position, (day, month, year, _start, end) in enumerate(found):
                following = found[position + 1][3] if position + 1 < len(found) else len(text)
                if year is None:
                    when = dates.infer_year(day, month, meeting.date)
                    if when is None:
                        continue
                    self.warn(item.line, f"took the year of {day}/{month} to be {when.year}")
                else:
                    when = date(year, month, day)
                if when <= meeting.date:
                    continue
                entry = {"date": when.isoformat(), "time": dates.find_time(text[end:following])}
                if entry["time"] is None and re.match(r"^\s*(?:,|and|&)?\s*$", text[end:following]):
                    entry["time"] = dates.find_time(
                        text[following:]
                    )  # "13 June and 12 July at 2pm"
                if entry not in future:
                    future.append(entry)
        return future

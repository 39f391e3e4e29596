"""Where a meeting starts and ends in a pack: its "Agenda", "Notice of meeting" or "Minutes of …"
heading, the body, date, time and venue around it, and the chair's signature or clerk's sign-off.

`MeetingHeadings` is part of the parser (archive/parser.py): it works on the parser's lines and
warnings, and asks it for the next line with text.
"""

import datetime
import re
from dataclasses import dataclass, field
from datetime import date

from saferboard.archive import dates
from saferboard.archive.item_headings import DOCUMENT, ITEM, Item, heading_like
from saferboard.archive.membership import MEMBERS_LABEL
from saferboard.archive.minute_text import collapse
from saferboard.archive.people import name_like

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
FRONT_LABEL = re.compile(
    r"^(?P<label>date|time|venue|place|location|meeting|committee|board)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
FRONT_NOISE = re.compile(
    r"^(?:public document pack|notice of (?:the )?meeting|summons|agenda|supplementary|"
    r"quorum|contact|enquiries|membership|members|to:|dear|issued|published|page)\b",
    re.IGNORECASE,
)
VENUE_BEFORE = re.compile(
    r"\bheld\s+(?:at|in)\s+(?P<venue>.+?),?\s+on\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"\s*,?\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.IGNORECASE)
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


class MeetingHeadings:
    """The parser's reading of meeting headings (mixed into archive.parser.Parser)."""

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

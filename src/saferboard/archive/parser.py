"""One parser for every council's packs: lines of text in, the `saferboard.import/1` document out.

It reads the lines a reader gives (readers.py) and finds, for each meeting in the
file, its body, role, date, time, venue and chair, the people present, apologies
with substitutes, items with numbers, titles and pages, resolutions, actions with
owners and the dates of future meetings. It relies on shapes, not one council's
wording: a meeting starts at a "Notice of meeting", "Agenda" or "Minutes of"
heading; an item is a numbered heading ("9.", "4a", "HSP16") whose number comes
after the previous item's; a minute ends at the next item or the chair's
signature. What it guessed or skipped goes into `warnings`.

`Parser` walks the lines (people, "Action by" table cells) and builds the document; its other
parts are mixed in from meeting_headings.py, item_headings.py, item_details.py,
future_meetings.py and membership.py.
"""

import re

from saferboard.archive import minute_text
from saferboard.archive.action_log import action_log
from saferboard.archive.future_meetings import FUTURE_TITLE, NEXT_MEETING, FutureMeetings
from saferboard.archive.item_details import MINUTES_MARK, ItemDetails
from saferboard.archive.item_headings import (
    ITEM,
    NUMBER_ONLY,
    PAGES,
    Item,
    ItemHeadings,
    heading_like,
)
from saferboard.archive.meeting_headings import (
    CHAIR_LINE,
    MEETING_END,
    Meeting,
    MeetingHeadings,
)
from saferboard.archive.membership import MembershipLists
from saferboard.archive.minute_text import APOLOGIES_INTRO, collapse
from saferboard.archive.people import (
    name_like,
    names_organisation,
    people_in_list,
    person,
    split_owners,
    split_people,
)

SCHEMA = "saferboard.import/1"

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
SPILL = re.compile(r"^[a-z]{1,3}\.?$")
PEOPLE_GROUP = re.compile(r"^(?P<label>[A-Z][A-Za-z &/'-]{2,40}):\s*(?P<rest>\S.*)$")


def parse_pack(lines: list[str], *, source: str) -> dict:
    """The `saferboard.import/1` document for the lines of one file."""
    return Parser(lines).document(source=source)


class Parser(MeetingHeadings, ItemHeadings, ItemDetails, FutureMeetings, MembershipLists):
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

    def next_text(self, index: int) -> int | None:
        for following in range(index + 1, min(index + 4, len(self.lines))):
            if self.lines[following].strip():
                return following
        return None

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

    # --- the document for each meeting ---------------------------------------------

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

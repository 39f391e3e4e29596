"""Membership lists printed with an agenda ("Members:", "Membership:", "Councillors:" lines, a
"Membership List" heading over lines or table rows), read into the agenda's `members`.

`MembershipLists` is part of the parser (archive/parser.py): it works on the parser's lines,
meetings and warnings, and asks it whether a line starts something else (an item, a meeting).
"""

import re

from saferboard.archive.minute_text import collapse
from saferboard.archive.people import member, split_people

# "Membership:", "Members: Cllr A (Chair), Cllr B", "Councillors:", "Board members:".
MEMBERS_LABEL = re.compile(
    r"^(?:(?:board|committee|panel|partnership|voting|core|full)\s+)?"
    r"(?P<label>membership|members|councillors|partners)\s*(?:\([^)]{0,30}\))?\s*[:\-–]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Membership", "Membership List 2018/19", "Community Safety Partnership - Membership List".
MEMBERSHIP_HEAD = re.compile(
    r"^(?:[^.:;]{3,80}?\s[-–:]\s*)?(?:(?:current|board|committee)\s+)?"
    r"(?:membership|members)(?:\s+(?:list|of\s+the\s+[\w\s]{3,60}))?"
    r"(?:\s+\d{4}(?:\s*[/-]\s*\d{2,4})?)?\s*:?$",
    re.IGNORECASE,
)
ELSEWHERE = re.compile(r"\b(?:see|attached|below|overleaf|appendix|set out|page)\b", re.I)
NAME_COLUMN = re.compile(r"\bnames?\b|^members?$|representative|^councillors?$", re.I)
ORGANISATION_COLUMN = re.compile(r"organi[sz]ation|agency|^partners?$|^body$|representing", re.I)
ROLE_COLUMN = re.compile(r"^(?:role|position|title|job title|designation|post)$", re.I)
NOT_MEMBERS = re.compile(r"support|advis|secretariat|in attendance|observer", re.IGNORECASE)


class MembershipLists:
    """The parser's reading of membership lists (mixed into archive.parser.Parser)."""

    def membership(self, index: int, text: str) -> int | None:
        """A membership list printed with an agenda: a "Members:" line with the names after it,
        or a "Membership (list)" heading over lines or table rows of people. The members go to
        the file's latest agenda; returns the index after the list, or None if this is not one.
        """
        agendas = [m for m in self.meetings if m.role != "minutes"]
        if agendas and agendas[-1].members:
            return None
        if not agendas and (self.meetings or self.pending_members):
            return None
        members = agendas[-1].members if agendas else self.pending_members
        label = MEMBERS_LABEL.match(text)
        if label is None and not MEMBERSHIP_HEAD.match(text):
            return None
        min_words = 1 if label and label.group("label").lower() == "councillors" else 2
        rest = label.group("rest").strip() if label else ""
        if rest and ELSEWHERE.search(rest):
            return index + 1  # "Members: see attached list"
        if re.match(r"^[Cc]ouncillors?\s+(?=[A-Z])", rest):  # "Membership: Councillors A, B"
            rest, min_words = re.sub(r"^[Cc]ouncillors?\s+", "", rest), 1
        if rest and not re.match(r"^as follows\b", rest, re.IGNORECASE):
            found = [member(p) for p in split_people(rest, min_words=min_words)]
            found = [entry for entry in found if entry]
            if not found:
                return None
            members.extend(found)
            return index + 1
        found, after = self.membership_block(index + 1, min_words)
        if not found:
            return None
        members.extend(found)
        if agendas and agendas[-1].items:
            agendas[-1].closed = True  # a list after the items ends the last one
        return after

    def membership_block(self, index: int, min_words: int) -> tuple[list[dict], int]:
        """People one per line, several per line, or in table rows (with a header naming the
        name, organisation and role columns, or a label column such as "Statutory partners")."""
        found: list[dict] = []
        columns: dict[str, int] = {}
        blank = 0
        while index < len(self.lines):
            line = self.lines[index]
            cells = [collapse(cell) for cell in line.split("\t")]
            text = collapse(line.replace("\t", " "))
            if not text:
                blank += 1
                if blank > 1 and found:
                    break
                index += 1
                continue
            blank = 0
            if len(cells) > 1 and not found and not columns:
                header = self.membership_header(cells)
                if header:
                    columns = header
                    index += 1
                    continue
            people = self.membership_row(cells, columns, min_words, index)
            if people is None:
                break
            found.extend(people)
            index += 1
        return found, index

    @staticmethod
    def membership_header(cells: list[str]) -> dict[str, int]:
        columns = {}
        for position, cell in enumerate(cells):
            for name, pattern in (
                ("name", NAME_COLUMN),
                ("organisation", ORGANISATION_COLUMN),
                ("role", ROLE_COLUMN),
            ):
                if name not in columns and cell and pattern.search(cell):
                    columns[name] = position
                    break
        return columns if "name" in columns else {}

    def membership_row(
        self, cells: list[str], columns: dict[str, int], min_words: int, index: int
    ) -> list[dict] | None:
        """The members on one line or table row; None where the list has ended."""
        filled = [cell for cell in cells if cell]
        if self.starts_something(filled[0]):
            return None

        def column(name: str) -> str | None:
            position = columns.get(name)
            return (
                cells[position] or None if position is not None and position < len(cells) else None
            )

        if columns:
            names, organisation, role = column("name"), column("organisation"), column("role")
            label = " ".join(cells[: columns["name"]])
        elif len(filled) > 1:
            names, organisation, role = max(filled, key=len), None, None
            label = " ".join(c for c in filled if c is not names)
        else:
            names, organisation, role, label = filled[0], None, None, ""
        if label and NOT_MEMBERS.search(label):
            self.warn(index, f"left “{collapse(label)}” out of the membership list")
            return []
        if not names:
            return [] if columns else None
        people = []
        for piece in split_people(names, min_words=min_words):
            entry = member(piece, organisation=organisation)
            if entry is None:
                continue
            if role and entry["role"] is None:
                entry["role"] = role
            people.append(entry)
        if not people and not (columns and len(cells) > 1):
            return None
        return people

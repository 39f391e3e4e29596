"""What one item's text gives besides its resolutions and apologies: actions with owners and due
dates, decision type, presenter, status, linked documents and the minute's prose.

`ItemDetails` is part of the parser (archive/parser.py): it turns one item into its part of the
`saferboard.import/1` document and adds to the parser's warnings.
"""

import re
from datetime import date

from saferboard.archive import dates, minute_text
from saferboard.archive.item_headings import DOCUMENT, Item
from saferboard.archive.meeting_headings import Meeting
from saferboard.archive.minute_text import PART, collapse
from saferboard.archive.people import split_owners

MINUTES_MARK = re.compile(r"^minutes\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
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
DEFERRED = re.compile(r"\b(?:deferred|not taken|postponed|withdrawn)\b", re.IGNORECASE)
WHO_TO_DO = re.compile(
    r"^(?P<who>(?:[A-Z][\w'’.&/-]*|and|of|for|the)(?:[\s,/&]+(?:[A-Z][\w'’.&/-]*|and|of|for|the))"
    r"{0,6})\s+to\s+(?P<what>[a-z]\w+\b.{8,})$"
)
DUE = re.compile(r"\b(?:by|before|no later than|due)\s*:?\s+(?:the\s+)?(?:end\s+of\s+)?", re.I)


class ItemDetails:
    """The parser's reading of one item's text (mixed into archive.parser.Parser)."""

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

"""The dates of future meetings: in an item titled "Dates of future meetings" or "Next meeting", or
on a line of any item that starts "The next meeting", each after the meeting's own date.

`FutureMeetings` is part of the parser (archive/parser.py) and adds to its warnings.
"""

import re
from datetime import date

from saferboard.archive import dates
from saferboard.archive.item_headings import Item
from saferboard.archive.meeting_headings import Meeting

FUTURE_TITLE = re.compile(r"future meetings?|next meeting|dates? of meetings", re.IGNORECASE)
NEXT_MEETING = re.compile(
    r"^(?:(?:the\s+)?date\s+of\s+)?(?:the\s+)?next\s+(?:board\s+|partnership\s+)?meeting\b",
    re.IGNORECASE,
)


class FutureMeetings:
    """The parser's reading of future meeting dates (mixed into archive.parser.Parser)."""

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

"""Dates and times as packs print them: "Wednesday, 25th July, 2018", "2.00 pm", "12:00 HRS"."""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
ORDINAL = r"(?:st|nd|rd|th)?"
DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})\s*" + ORDINAL + r"\s*(?:of\s+)?" + MONTH + r",?\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
MONTH_DAY = re.compile(
    r"\b" + MONTH + r"\s+(?P<day>\d{1,2})\s*" + ORDINAL + r",?\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})([/.-])(?P<month>\d{1,2})\2(?P<year>\d{4})\b")
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
TIME_RANGE = re.compile(
    r"\b(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?\s*(?:-|–|to)\s*"
    r"(?P<h2>\d{1,2})(?:[.:]\d{2})?\s*(?P<ampm>[ap])\.?\s*m\b\.?",
    re.IGNORECASE,
)
TIME_12 = re.compile(r"\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s*m\b\.?", re.I)
TIME_24 = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)\s*(?:hrs|hours|h)\b", re.I)
# "at 14:00": a 24-hour time with a colon and no am/pm (checked after the others)
TIME_PLAIN = re.compile(r"(?<![\d:/.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
NOON = re.compile(r"\b(?:12\s*)?noon\b", re.IGNORECASE)


def find_dates(text: str) -> list[tuple[int, int, int | None, int, int]]:
    """Every (day, month, year or None, start, end) printed in text, in order."""
    found = []
    for pattern in (ISO, DAY_MONTH, MONTH_DAY, NUMERIC):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for *_, start, end in found):
                continue
            month = match.group("month")
            month = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            day = int(match.group("day"))
            year = int(match.group("year")) if match.group("year") else None
            if valid(day, month, year or 2000):
                found.append((day, month, year, match.start(), match.end()))
    return sorted(found, key=lambda found_date: found_date[3])


def valid(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def infer_year(day: int, month: int, after: date) -> date | None:
    """The first such day on or after the meeting's date (29 February waits for a leap year)."""
    for year in range(after.year, after.year + 5):
        if valid(day, month, year) and date(year, month, day) >= after:
            return date(year, month, day)
    return None


def _hour24(hour: int, ampm: str) -> int:
    if ampm.lower() == "p" and hour != 12:
        return hour + 12
    if ampm.lower() == "a" and hour == 12:
        return 0
    return hour


def find_time(text: str) -> str | None:
    """The first time printed in text as 24-hour HH:MM; a range gives its start."""
    candidates = []
    if match := TIME_RANGE.search(text):
        end = _hour24(int(match.group("h2")), match.group("ampm"))
        start = int(match.group("h1"))
        if start != 12 and start + 12 <= end and match.group("ampm").lower() == "p":
            start += 12
        candidates.append((match.start(), start, int(match.group("m1") or 0)))
    if match := TIME_12.search(text):
        hour = _hour24(int(match.group("h")), match.group("ampm"))
        candidates.append((match.start(), hour, int(match.group("m") or 0)))
    if match := TIME_24.search(text):
        candidates.append((match.start(), int(match.group("h")), int(match.group("m"))))
    if match := NOON.search(text):
        candidates.append((match.start(), 12, 0))
    if not candidates and (match := TIME_PLAIN.search(text)):
        candidates.append((match.start(), int(match.group("h")), int(match.group("m"))))
    candidates = [c for c in candidates if 0 <= c[1] < 24 and 0 <= c[2] < 60]
    if not candidates:
        return None
    _, hour, minute = min(candidates)
    return f"{hour:02d}:{minute:02d}"

"""PDF pages as the reader needs them: running headers and footers dropped, and tables whose
columns the plain text layer loses (action trackers, "Action by" columns) read again from
pypdf's layout text with each row's cells tab-separated by column."""

import re

from saferboard.archive.action_log import COLUMNS

HEADING_LIKE = re.compile(
    r"\b(?:minutes|agenda|notes|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def without_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running headers and footers: a line at the top or bottom of at
    least three pages and a third of them is dropped ("Safer Town Board – 12 May 2023"; a short
    line, or one saying "page", also with only its numbers changed: "Page 3", "Draft 4"). One
    that may be a meeting's heading (it names minutes, an agenda or notes, or has a month or a
    weekday) is kept where it first appears."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        # A page number may change from page to page: in a short line or one that says "page".
        line = " ".join(line.split()).lower()
        return re.sub(r"\d+", "#", line) if len(line.split()) <= 6 or "page" in line else line

    edges = []
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip()]
        edges.append({key(line) for line in lines[:2] + lines[-2:]})
    counts: dict[str, int] = {}
    for found in edges:
        for line in found:
            counts[line] = counts.get(line, 0) + 1
    running = {
        line for line, n in counts.items() if n >= max(3, len(pages) / 3) and len(line) < 120
    }
    if not running:
        return pages
    seen: set[str] = set()
    cleaned = []
    for page, found in zip(pages, edges, strict=True):
        kept = []
        for line in page.splitlines():
            name = key(line)
            repeated = name in running and name in found and "\t" not in line  # not a table row
            if repeated and (name in seen or not HEADING_LIKE.search(line)):
                continue
            seen.add(name)
            kept.append(line)
        cleaned.append("\n".join(kept))
    return cleaned


# A page whose text names an action and who owns it may hold a table whose columns the plain
# text layer loses; such pages are read again with their layout kept.
TABLE_HINT = re.compile(r"\baction", re.IGNORECASE)
OWNER_CELL = re.compile(
    r"^(?:action\s*by|(?:action\s+)?owners?|lead(?:\s+officer)?|responsib\w*|by\s+whom|who)$",
    re.IGNORECASE,
)
RUN = re.compile(r"\S+(?: \S+)*")  # a run of text: words one space apart


def layout_text(page) -> str:
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 — pypdf's layout mode fails on odd fonts; plain text stays
        return ""


def table_pages(pages: list[str], layouts: list[str]) -> list[str]:
    """Each page's text; where a page holds an action table (a header naming an action and
    its owner, or the table carried on from the page before), the table's rows come from the
    layout text as tab-separated cells placed by column, so wrapped cells stay in their column
    and a row broken across pages continues with an empty number cell."""
    texts = []
    in_table = False
    for plain, layout in zip(pages, layouts, strict=True):
        lines = layout.splitlines()
        header = next((n for n, line in enumerate(lines) if table_header(line)), None)
        if header is None and not (in_table and tabular(lines)):
            texts.append(plain)
            in_table = False
            continue
        start = header or 0
        body = lines[start + 1 :] if header is not None else lines
        starts = column_starts(body)
        before = [" ".join(line.split()) for line in lines[:start]]
        rows = [cells_by_column(line, starts) for line in body]
        if header is not None:
            named = header_cells(lines[header], len(starts))
            before.append(named or cells_by_column(lines[header], starts))
        texts.append("\n".join([*before, *rows]))
        in_table = True
    return texts


def table_header(line: str) -> bool:
    """A table's header row in layout text: short cells split by wide gaps, one naming who owns
    the action ("Action by", "Owner", "Lead", "Responsible") and one naming the action."""
    cells = [cell for cell in re.split(r"\s{2,}", line.strip()) if cell]
    if not 2 <= len(cells) <= 10 or any(len(cell.split()) > 4 for cell in cells):
        return False
    owner = [cell for cell in cells if OWNER_CELL.match(cell)]
    action = [cell for cell in cells if re.search(r"\baction", cell, re.IGNORECASE)]
    owner_words = [c for c in cells if any(OWNER_CELL.match(w) for w in c.split())]
    return bool(action) and bool(owner or [c for c in owner_words if c not in action])


def chunks(line: str) -> int:
    return len(re.split(r"\s{2,}", line.strip())) if line.strip() else 0


def tabular(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    return bool(filled) and sum(chunks(line) >= 2 for line in filled) >= len(filled) / 2


def column_starts(lines: list[str]) -> list[int]:
    """Where the rows' columns start: positions at which runs of text begin on at least a fifth
    of the lines, and any run after a wide gap inside a row (a sparse "Action by" column);
    nearby positions taken as one, and a position dropped where more rows run their text across
    it than start there. The header is not used: a bold header is spaced differently from the
    rows in layout text."""
    rows = [line for line in lines if line.strip()]
    counts: dict[int, int] = {}
    for line in rows:
        for chunk in RUN.finditer(line):
            counts[chunk.start()] = counts.get(chunk.start(), 0) + 1
    common = {p for p, n in counts.items() if n >= max(2, len(rows) / 5)}
    # A sparse column ("Action by" filled on few rows): text after a wide gap in a row.
    for line in rows:
        for chunk in RUN.finditer(line):
            wide = chunk.start() >= 3 and line[chunk.start() - 3 : chunk.start()] == "   "
            near = any(abs(p - chunk.start()) <= 4 for p in common)
            if wide and line[: chunk.start()].strip() and not near:
                common.add(chunk.start())
    starts: list[int] = []
    for position in sorted(common):
        if starts and position - starts[-1] <= 2:
            continue
        # A column is where more rows start a cell than run their text across it.
        across = sum(
            1
            for line in rows
            for chunk in RUN.finditer(line)
            if chunk.start() < position - 2 and chunk.end() > position
        )
        if across <= counts[position]:
            starts.append(position)
    return starts or [0]


def header_cells(line: str, count: int) -> str | None:
    """The header's cells in order, one per column, where they can be told apart: cells split
    on wide gaps, and "No. Date" (two names a single space joined) split in two."""

    def named(text: str) -> bool:
        return any(pattern.search(text) for pattern in COLUMNS.values())

    cells = re.split(r"\s{2,}", line.strip())
    while len(cells) < count:
        for position, cell in enumerate(cells):
            words = cell.split()
            if len(words) == 2 and named(words[0]) and named(words[1]):
                cells[position : position + 1] = words
                break
        else:
            return None
    return "\t".join(cells) if len(cells) == count else None


def cells_by_column(line: str, starts: list[int]) -> str:
    """One layout line as tab-separated cells, each word in the column it starts in (a line of
    a single run of text stays in one cell: a note under the table, or a cell on its own)."""
    if not line.strip():
        return ""

    def column(position: int) -> int:
        return max((n for n, start in enumerate(starts) if start <= position + 2), default=0)

    cells: list[list[str]] = [[] for _ in starts]
    runs = list(RUN.finditer(line))
    if len(runs) == 1:
        cells[column(runs[0].start())].append(runs[0].group())
    else:
        for word in re.finditer(r"\S+", line):
            cells[column(word.start())].append(word.group())
    return "\t".join(" ".join(cell) for cell in cells).rstrip("\t")

"""Turn an old meeting pack (PDF, Word, HTML, text or markdown) into plain text lines.

Each reader returns the document's lines in reading order with markup and page
noise removed; table rows come back as one line with cells separated by tabs, so
the parser sees a minutes table's "number, subject, action by" columns. A file
that cannot be read raises ImportPackError with a message for the person who
gave it.
"""

import io
import logging
import re
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from saferboard.archive.pdf_layout import (
    TABLE_HINT,
    layout_text,
    table_pages,
    without_running_lines,
)


class ImportPackError(Exception):
    """The file cannot be read as a meeting pack; the message says why."""


PAGE_NOISE = re.compile(
    r"^\s*(?:this page is intentionally left blank"
    r"|page\s+\d+(?:\s+of\s+\d+)?"
    r"|-?\s*\d{1,3}\s*-?"
    r"|\.{3,})\s*$",
    re.IGNORECASE,
)
HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
EMPHASIS = re.compile(r"\*\*|__")
TAGS = re.compile(r"</?(?:u|b|i|strong|em|sup|sub|span|br|p|ul|ol)\s*/?>", re.IGNORECASE)
LIST_TAGS = re.compile(r"<li>\s*|\s*</li>", re.IGNORECASE)
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


MARKDOWN_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
MARKDOWN_RULE = re.compile(r"^[\s|:+-]*$")
WRAPPED_EMPHASIS = re.compile(r"^\s*([_*])(?P<text>[^_*].*?)\1\s*$")


def clean_line(line: str) -> str:
    """One line without markdown emphasis, heading marks or inline tags; cells keep their tabs
    (a markdown table's "| a | b |" row becomes tab-separated cells, its "|---|" rule goes)."""
    if row := MARKDOWN_ROW.match(line):
        if MARKDOWN_RULE.match(line):
            return ""
        line = "\t".join(cell.strip() for cell in row.group("cells").split("|"))
    if emphasis := WRAPPED_EMPHASIS.match(line):
        line = emphasis.group("text")
    line = HEADING_MARK.sub("", line)
    line = EMPHASIS.sub("", line)
    line = LIST_TAGS.sub("\n", line)
    line = TAGS.sub(" ", line)
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    # Leading empty cells stay: they say which column a row's text is in.
    return "\t".join(cells).rstrip("\t ") if any(cells) else ""


def clean_lines(text: str) -> list[str]:
    """Lines of text without markup and without page headers, footers or blank-page notes."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for part in clean_line(raw).split("\n"):
            part = part.strip(" ").rstrip("\t")
            if part.strip() and not PAGE_NOISE.match(part):
                lines.append(part)
            elif not part and lines and lines[-1] != "":
                lines.append("")
    return lines


def read_text(data: bytes) -> list[str]:
    if b"\x00" in data[:4096]:
        raise ImportPackError("the file is binary, not text: choose a PDF, Word, HTML or text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise ImportPackError("the file is not readable text: too many characters are not letters")
    return clean_lines(text)


def read_pdf(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs ("EOF marker not found"); the person gets one message from us.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        layouts = [
            layout_text(page) if TABLE_HINT.search(text) else ""
            for page, text in zip(reader.pages, pages, strict=True)
        ]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"the PDF cannot be read (it may be damaged or cut short): {error}"
        raise ImportPackError(message) from error
    finally:
        pypdf_log.setLevel(level)
    if not any(page.strip() for page in pages):
        raise ImportPackError("the PDF has no text layer (a scan?): run it through OCR first")
    return clean_lines("\n".join(without_running_lines(table_pages(pages, layouts))))


def _docx_paragraph(element) -> str:
    parts = []
    for node in element.iter(f"{WORD_NS}t", f"{WORD_NS}tab", f"{WORD_NS}br"):
        if node.tag == f"{WORD_NS}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts)


def read_docx(data: bytes) -> list[str]:
    """Paragraphs and table rows of word/document.xml in order; a row's cells joined by tabs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
            parts = set(archive.namelist())
            extra = {
                name: archive.read(f"word/{name}.xml")
                for name in ("numbering", "styles")
                if f"word/{name}.xml" in parts
            }
    except zipfile.BadZipFile as error:
        message = "the Word file is not a valid .docx (it is not a ZIP package)"
        raise ImportPackError(message) from error
    except KeyError as error:
        message = "the .docx has no word/document.xml: it is not a Word document"
        raise ImportPackError(message) from error
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        raise ImportPackError(f"the Word document's text is damaged: {error}") from error
    body = root.find(f"{WORD_NS}body")
    if body is None:
        raise ImportPackError("the Word document has no body")
    numbering = WordNumbering(extra.get("numbering"), extra.get("styles"))
    text = []
    for block in body:
        if block.tag == f"{WORD_NS}p":
            text.append(numbering.label(block) + _docx_paragraph(block))
        elif block.tag == f"{WORD_NS}tbl":
            for row in block.iter(f"{WORD_NS}tr"):
                cells = [
                    " ".join(_docx_paragraph(p) for p in cell.iter(f"{WORD_NS}p"))
                    for cell in row.iter(f"{WORD_NS}tc")
                ]
                text.append("\t".join(cells))
    return clean_lines("\n".join(text))


def _xml(data: bytes | None):
    if not data:
        return None
    try:
        return etree.fromstring(data)
    except etree.XMLSyntaxError:
        return None  # numbering is a nicety: a damaged numbering part leaves the text as it is


def _roman(number: int) -> str:
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    values += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


class WordNumbering:
    """The labels Word draws for automatically numbered paragraphs ("1.", "4a)", "ii."), which
    are not in the text: minutes whose items are a numbered list would otherwise lose their
    numbers. Read from numbering.xml, for numbering set on the paragraph or its style."""

    FORMATS = {
        "decimal": str,
        "lowerLetter": _letters,
        "upperLetter": lambda n: _letters(n).upper(),
        "lowerRoman": _roman,
        "upperRoman": lambda n: _roman(n).upper(),
    }

    def __init__(self, numbering: bytes | None, styles: bytes | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        w = WORD_NS
        root = _xml(numbering)
        if root is not None:
            abstract = {}
            for node in root.iter(f"{w}abstractNum"):
                levels = {}
                for level in node.iter(f"{w}lvl"):
                    fmt = level.find(f"{w}numFmt")
                    text = level.find(f"{w}lvlText")
                    start = level.find(f"{w}start")
                    levels[int(level.get(f"{w}ilvl", "0"))] = (
                        fmt.get(f"{w}val", "decimal") if fmt is not None else "decimal",
                        text.get(f"{w}val", "") if text is not None else "",
                        int(start.get(f"{w}val", "1")) if start is not None else 1,
                    )
                abstract[node.get(f"{w}abstractNumId")] = levels
            for node in root.iter(f"{w}num"):
                reference = node.find(f"{w}abstractNumId")
                if reference is not None:
                    self.levels[node.get(f"{w}numId")] = abstract.get(reference.get(f"{w}val"), {})
        root = _xml(styles)
        if root is not None:
            for style in root.iter(f"{w}style"):
                found = self._num_pr(style.find(f"{w}pPr"))
                if found:
                    self.style_numbers[style.get(f"{w}styleId")] = found

    @staticmethod
    def _num_pr(properties) -> tuple[str, int] | None:
        if properties is None:
            return None
        number = properties.find(f"{WORD_NS}numPr")
        if number is None:
            return None
        num_id = number.find(f"{WORD_NS}numId")
        level = number.find(f"{WORD_NS}ilvl")
        if num_id is None or num_id.get(f"{WORD_NS}val") in (None, "0"):
            return None
        return num_id.get(f"{WORD_NS}val"), int(
            level.get(f"{WORD_NS}val", "0") if level is not None else 0
        )

    def label(self, paragraph) -> str:
        """ "3. " for the third paragraph of a numbered list, "- " for a bullet, else ""."""
        properties = paragraph.find(f"{WORD_NS}pPr")
        found = self._num_pr(properties)
        if found is None and properties is not None:
            style = properties.find(f"{WORD_NS}pStyle")
            if style is not None:
                found = self.style_numbers.get(style.get(f"{WORD_NS}val"))
        if found is None or not _docx_paragraph(paragraph).strip():
            return ""
        num_id, level = found
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        fmt, text, start = levels[level]
        if fmt == "bullet":
            return "- "
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        label = text
        for position in range(level + 1):
            value = counters.get(position, levels.get(position, ("", "", 1))[2])
            fmt_at = levels.get(position, ("decimal", "", 1))[0]
            label = label.replace(f"%{position + 1}", self.FORMATS.get(fmt_at, str)(value))
        return f"{label} " if label else ""


BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "section"}


def read_html(data: bytes) -> list[str]:
    """Visible text of an HTML page: one line per block, table rows with tab-separated cells."""
    try:
        text = data.decode("utf-8-sig")  # a page saved without a charset is most often UTF-8
    except UnicodeDecodeError:
        text = None
    try:
        try:
            document = lxml_html.document_fromstring(text if text is not None else data)
        except ValueError:  # a string with an XML encoding declaration: let lxml decode
            document = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise ImportPackError(f"the HTML page cannot be read: {error}") from error
    for node in document.xpath(
        "//script|//style|//noscript|//head|//nav|//footer"
        "|//*[contains(translate(@id, 'FOTER', 'foter'), 'footer')]"
        "|//*[contains(translate(@class, 'FOTER', 'foter'), 'footer')]"
        "|//*[contains(translate(@class, 'BREADCUM', 'breadcum'), 'breadcrumb')]"
    ):
        node.drop_tree()
    for cell in document.xpath("//td|//th"):
        cell.tail = "\t" + (cell.tail or "")
    for block in document.iter(*BLOCKS):
        block.tail = "\n" + (block.tail or "")
        if block.text is not None or len(block):
            block.text = "\n" + (block.text or "")
    return clean_lines(document.text_content())


RTF_DESTINATION = re.compile(
    r"\\(?:fonttbl|colortbl|stylesheet|info|pict|object|header|footer|themedata|colorschememapping"
    r"|latentstyles|datastore|xmlnstbl|listtable|listoverridetable|rsidtbl|generator|\*)"
)
RTF_TOKEN = re.compile(
    r"\\'([0-9a-fA-F]{2})|\\u(-?\d+) ?|\\([a-zA-Z]+|[*~_-])(-?\d+)? ?|\\([\\{}])|([{}])"
    r"|([^\\{}]+)"
)
RTF_BREAKS = {"par": "\n", "line": "\n", "row": "\n", "cell": "\t", "tab": "\t", "sect": "\n"}
RTF_BREAKS |= {"~": " ", "_": "-"}


def read_rtf(data: bytes) -> list[str]:
    """Rich Text Format: the text, with paragraphs and table rows (cells tab-separated); font
    tables, pictures, headers and footers left out."""
    source = data.decode("latin-1")
    if not source.lstrip().startswith("{\\rtf"):
        raise ImportPackError("the file is not Rich Text Format (it does not start with {\\rtf)")
    out: list[str] = []
    skipping: list[bool] = [False]
    fallback = False  # the character after \uN is for readers without Unicode
    for hex_char, unicode, word, _number, escaped, brace, text in RTF_TOKEN.findall(source):
        if brace == "{":
            skipping.append(skipping[-1])
        elif brace == "}":
            if len(skipping) > 1:
                skipping.pop()
        elif skipping[-1]:
            continue
        elif word:
            if RTF_DESTINATION.fullmatch(f"\\{word}"):
                skipping[-1] = True
            else:
                out.append(RTF_BREAKS.get(word, ""))
        elif unicode:
            out.append(chr(int(unicode) % 65536))
            fallback = True
            continue
        elif hex_char:
            if not fallback:
                out.append(bytes([int(hex_char, 16)]).decode("cp1252", errors="replace"))
        elif escaped:
            out.append(escaped)
        elif text:
            text = text.replace("\r", "").replace("\n", "")
            out.append(text[1:] if fallback else text)
        fallback = False
    return clean_lines("".join(out))


def read_old_word(data: bytes) -> list[str]:
    raise ImportPackError(
        "this is an old Word document (.doc): open it in Word or LibreOffice and save it as "
        ".docx or PDF, then import that"
    )


READERS = {
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".doc": read_old_word,
    ".rtf": read_rtf,
    ".htm": read_html,
    ".html": read_html,
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
}


def read_pack(*, name: str, data: bytes) -> list[str]:
    """The lines of a pack, read by its extension (or by its first bytes where it has none)."""
    if not data.strip():
        raise ImportPackError(f"{name} is empty")
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        if data.startswith(b"%PDF"):
            reader = read_pdf
        elif data.startswith(b"PK"):
            reader = read_docx
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            reader = read_old_word
        elif data.lstrip().startswith(b"{\\rtf"):
            reader = read_rtf
        elif data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            reader = read_html
        else:
            reader = read_text
    lines = reader(data)
    if not any(lines):
        raise ImportPackError(f"{name} has no text to read")
    return lines

"""Turn an old meeting pack (PDF, Word, HTML, text or markdown) into plain text lines.

Each reader returns the document's lines in reading order with markup and page
noise removed; table rows come back as one line with cells separated by tabs, so
the parser sees a minutes table's "number, subject, action by" columns. A file
that cannot be read raises ImportPackError with a message for the person who
gave it.
"""

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html


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


def clean_line(line: str) -> str:
    """One line without markdown emphasis, heading marks or inline tags; cells keep their tabs."""
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

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"the PDF cannot be read (it may be damaged or cut short): {error}"
        raise ImportPackError(message) from error
    if not any(page.strip() for page in pages):
        raise ImportPackError("the PDF has no text layer (a scan?): run it through OCR first")
    return clean_lines("\n".join(pages))


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
    text = []
    for block in body:
        if block.tag == f"{WORD_NS}p":
            text.append(_docx_paragraph(block))
        elif block.tag == f"{WORD_NS}tbl":
            for row in block.iter(f"{WORD_NS}tr"):
                cells = [
                    " ".join(_docx_paragraph(p) for p in cell.iter(f"{WORD_NS}p"))
                    for cell in row.iter(f"{WORD_NS}tc")
                ]
                text.append("\t".join(cells))
    return clean_lines("\n".join(text))


BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "section"}


def read_html(data: bytes) -> list[str]:
    """Visible text of an HTML page: one line per block, table rows with tab-separated cells."""
    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise ImportPackError(f"the HTML page cannot be read: {error}") from error
    for node in document.xpath("//script|//style|//noscript|//head"):
        node.drop_tree()
    for cell in document.xpath("//td|//th"):
        cell.tail = "\t" + (cell.tail or "")
    for block in document.iter(*BLOCKS):
        block.tail = "\n" + (block.tail or "")
        if block.text is not None or len(block):
            block.text = "\n" + (block.text or "")
    return clean_lines(document.text_content())


READERS = {
    ".pdf": read_pdf,
    ".docx": read_docx,
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
        elif data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            reader = read_html
        else:
            reader = read_text
    lines = reader(data)
    if not any(lines):
        raise ImportPackError(f"{name} has no text to read")
    return lines

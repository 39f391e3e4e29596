"""A PDF's running header and footer, printed on every page, do not interrupt the minutes: a
header that could be a meeting's heading is kept where it first appears, a footer goes."""

import io

from pypdf import PdfReader

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.meetings.packs import html_to_pdf

ITEMS = "".join(
    f"<h2>{n}. ITEM NUMBER {n}</h2>"
    + "".join(
        f"<p>Paragraph {k} of the minute of item {n}, long enough to fill the page.</p>"
        for k in range(1, 9)
    )
    for n in range(1, 9)
)
HTML = f"""<html><head><style>
  @page {{
    size: A5;
    @top-center {{ content: "Safer Northtown Board – minutes of 6 June 2023"; }}
    @bottom-center {{ content: "Northtown Council, confidential draft " counter(page); }}
  }}
</style></head><body>
<p>Minutes of the Safer Northtown Board held on 6 June 2023 at 2pm</p>
{ITEMS}
<p>Signed by Chair</p>
</body></html>"""


def test_running_header_and_footer_are_read_once():
    pdf = html_to_pdf(HTML).write_pdf()

    lines = read_pack(name="minutes.pdf", data=pdf)

    headers = [line for line in lines if line.startswith("Safer Northtown Board – minutes")]
    footers = [line for line in lines if "confidential draft" in line]
    assert len(headers) == 1  # it could be a heading: kept where it first appears
    assert footers == []
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 4  # the header is printed on every page
    (minutes,) = parse_pack(lines, source="minutes.pdf")["meetings"]
    assert minutes["date"] == "2023-06-06"
    assert [i["number"] for i in minutes["items"]] == [str(n) for n in range(1, 9)]
    assert not any("confidential" in (i["minutes_text"] or "") for i in minutes["items"])
    assert "Paragraph 8 of the minute of item 8" in minutes["items"][-1]["minutes_text"]

"""Rich Text Format minutes are read (paragraphs, a table row's cells, escaped characters; font
tables and the generator note left out); an old binary Word .doc is refused with what to do."""

import pytest

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import ImportPackError, read_pack

RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\f0\fs22 Minutes of the Safer Lowford Partnership held on 12 October 2021 at 2pm\par
\par
Present: Ann Lee (Chair), Bob Hale\par
\par
1. Apologies\par
Apologies were received from Cath O\u8217\'92Neill.\par
2. Anti\-social Behaviour\par
\trowd\cellx3000\cellx6000\intbl Officers to map hotspots.\cell AL/BH\cell\row
\pard RESOLVED: That the report be noted.\par
}
"""


def test_rtf_minutes_are_read():
    lines = read_pack(name="minutes.rtf", data=RTF)

    assert lines[0] == "Minutes of the Safer Lowford Partnership held on 12 October 2021 at 2pm"
    assert "Apologies were received from Cath O’Neill." in lines
    assert "Officers to map hotspots.\tAL/BH" in lines
    assert not any("Arial" in line or "Riched" in line for line in lines)
    (minutes,) = parse_pack(lines, source="minutes.rtf")["meetings"]
    assert minutes["date"] == "2021-10-12"
    assert minutes["apologies"] == [{"name": "Cath O’Neill", "substitute": None}]
    assert minutes["items"][1]["resolutions"] == ["That the report be noted."]


def test_rtf_without_a_name_is_recognised_by_its_first_bytes():
    assert read_pack(name="upload", data=RTF)[0].startswith("Minutes of the Safer Lowford")


@pytest.mark.parametrize("name", ["minutes.doc", "minutes"])
def test_old_word_document_is_refused_with_what_to_do(name):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600

    with pytest.raises(ImportPackError, match=r"old Word document \(\.doc\).*save it as \.docx"):
        read_pack(name=name, data=data)

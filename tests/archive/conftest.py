"""Shared helpers for the archive-import tests: the seed packs and running `import-pack`."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"
PACK_2018 = FIXTURES / "haringey-csp-2018-07-25-pack.txt"
PACK_2012 = FIXTURES / "haringey-csp-2012-10-18-pack.txt"
REPORT_2018 = FIXTURES / "haringey-hwb-csp-2018-02-26-young-people-report.txt"


def import_pack(path: Path) -> dict:
    """Run `saferboard import-pack PATH --json` and read the one JSON document it prints."""
    out = io.StringIO()
    call_command("import_pack", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def meeting(document: dict, *, role: str, date: str) -> dict:
    found = [m for m in document["meetings"] if m["role"] == role and m["date"] == date]
    assert len(found) == 1, [(m["role"], m["date"]) for m in document["meetings"]]
    return found[0]


def item(found_meeting: dict, number: str) -> dict:
    found = [i for i in found_meeting["items"] if i["number"] == number]
    assert len(found) == 1, [i["number"] for i in found_meeting["items"]]
    return found[0]


@pytest.fixture(scope="module")
def pack_2018() -> dict:
    return import_pack(PACK_2018)


@pytest.fixture(scope="module")
def pack_2012() -> dict:
    return import_pack(PACK_2012)

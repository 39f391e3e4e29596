"""`saferboard import-folder FOLDER --partnership SLUG --body PK --json`: every file of a
folder read into one batch for review, a progress line per file on stderr and one JSON
report on stdout."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saferboard.archive.intake import found_counts
from saferboard.archive.models import ImportBatch, ImportFile, ImportStatus
from tests.archive.conftest import PACK_2012, PACK_2018
from tests.archive.uploads import csp_board


def run(*args) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_folder", *args, "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "old packs"
    folder.mkdir()
    shutil.copy(PACK_2018, folder)
    shutil.copy(PACK_2012, folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "sub-folder").mkdir()
    return folder


def test_a_folder_becomes_a_batch_with_a_report_per_file(folder, partnership_a):
    body = csp_board(partnership_a)

    report, progress = run(str(folder), "--partnership", partnership_a.slug, "--body", body.pk)

    batch = ImportBatch.objects.get()
    assert report["batch"] == batch.pk
    assert batch.file_count == 3
    assert batch.body == body
    names = [row["file"] for row in report["files"]]
    assert names == ["broken.pdf", PACK_2012.name, PACK_2018.name]
    by_name = {f.original_name: f for f in ImportFile.objects.filter(batch=batch)}
    for row in report["files"]:
        import_file = by_name[row["file"]]
        assert row["import"] == import_file.pk
        assert row["status"] == import_file.status
        for key, count in found_counts(import_file.found).items():
            assert row[key] == count
    broken = report["files"][0]
    assert broken["status"] == ImportStatus.FAILED
    assert broken["error"] == by_name["broken.pdf"].error
    assert broken["error"]
    assert report["files"][2]["meetings"] == 2
    assert report["files"][2]["error"] is None
    # A line per file on stderr, in the order read.
    lines = progress.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("[1/3] broken.pdf: could not be read:")
    assert lines[2].startswith(f"[3/3] {PACK_2018.name}: 2 meetings,")


def test_a_body_of_another_partnership_is_refused(folder, partnership_a, partnership_b):
    other = csp_board(partnership_b)
    with pytest.raises(CommandError, match="has no body"):
        run(str(folder), "--partnership", partnership_a.slug, "--body", other.pk)
    assert not ImportBatch.objects.exists()


def test_a_missing_folder_is_refused(tmp_path, partnership_a):
    body = csp_board(partnership_a)
    with pytest.raises(CommandError, match="is not a folder"):
        run(str(tmp_path / "nowhere"), "--partnership", partnership_a.slug, "--body", body.pk)
    assert not ImportBatch.objects.exists()

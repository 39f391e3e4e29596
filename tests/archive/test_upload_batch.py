"""Several files uploaded together become a batch: the page lists each file as it is read,
a file that cannot be read is kept as failed with its reason, and the batch report says
what was found in each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.archive.intake import found_counts
from saferboard.archive.models import ImportBatch, ImportFile, ImportStatus
from tests.archive.conftest import PACK_2012, PACK_2018
from tests.archive.uploads import csp_board, streamed, upload

GARBAGE = ("scan-2016.docx", b"PK\x03\x04 not really a zip of a Word document")


def test_many_files_are_read_one_by_one_with_progress(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)

    response = upload(client, partnership_a, body, PACK_2018, GARBAGE, PACK_2012)
    page = streamed(response)

    batch = ImportBatch.objects.get()
    files = list(batch.files.order_by("pk"))
    assert batch.file_count == 3
    assert batch.body == body
    assert batch.uploaded_by == clerk_a
    assert [f.original_name for f in files] == [PACK_2018.name, GARBAGE[0], PACK_2012.name]
    assert [f.status for f in files] == [ImportStatus.READ, ImportStatus.FAILED, ImportStatus.READ]
    assert files[1].error
    assert files[1].found == {}
    assert files[1].original.read() == GARBAGE[1]
    # One line per file, in order, with what was found in it.
    assert page.index(f"1 of 3: {PACK_2018.name}") < page.index(f"2 of 3: {GARBAGE[0]}")
    assert page.index(f"2 of 3: {GARBAGE[0]}") < page.index(f"3 of 3: {PACK_2012.name}")
    counts = found_counts(files[0].found)
    assert f"found {counts['meetings']} meetings, {counts['items']} items" in page
    assert files[1].error in page
    assert reverse("archive:batch", args=[partnership_a.slug, batch.pk]) in page


def test_the_batch_report_shows_each_file(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE))
    batch = ImportBatch.objects.get()
    read, failed = batch.files.order_by("pk")

    page = client.get(reverse("archive:batch", args=[partnership_a.slug, batch.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Batch of 2 files" in text
    assert reverse("archive:review", args=[partnership_a.slug, read.pk]) in text
    assert failed.error in text
    assert "Could not be read" in text
    assert "Waiting for review" in text
    counts = found_counts(read.found)
    assert f'numeric">{counts["items"]}</td>' in text
    assert f'numeric">{counts["warnings"]}</td>' in text


def test_the_list_shows_files_and_batches(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE))
    upload(client, partnership_a, body, PACK_2012)

    page = client.get(reverse("archive:list", args=[partnership_a.slug])).content.decode()

    for import_file in ImportFile.objects.all():
        assert reverse("archive:review", args=[partnership_a.slug, import_file.pk]) in page
    assert "2 files for Community Safety Partnership" in page
    assert "Could not be read" in page


def test_the_list_query_count_does_not_grow_with_files(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    url = reverse("archive:list", args=[partnership_a.slug])
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE, PACK_2012, GARBAGE))
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_the_batch_report_query_count_does_not_grow_with_files(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE))
    streamed(upload(client, partnership_a, body, PACK_2018, GARBAGE, PACK_2012, GARBAGE))
    small, large = ImportBatch.objects.order_by("pk")
    counts = []
    for batch in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("archive:batch", args=[partnership_a.slug, batch.pk]))
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]

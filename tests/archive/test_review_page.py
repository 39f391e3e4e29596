"""The review screen: the source text with line numbers beside what was found, meeting by
meeting, and the parser's warnings linking to their lines."""

import re

from django.urls import reverse

from saferboard.archive.models import ImportFile
from tests.archive.conftest import PACK_2018
from tests.archive.uploads import csp_board, upload


def review_page(client, partnership, import_file) -> str:
    response = client.get(reverse("archive:review", args=[partnership.slug, import_file.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_source_lines_are_numbered_and_warnings_link_to_them(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    upload(client, partnership_a, csp_board(partnership_a), PACK_2018)
    import_file = ImportFile.objects.get()

    page = review_page(client, partnership_a, import_file)

    lines = import_file.source_text.split("\n")
    assert page.count('<li id="line-') == len(lines)
    assert f'<li id="line-{len(lines)}">' in page
    warnings = import_file.found["warnings"]
    assert warnings, "the 2018 pack gives the parser something to say"
    for warning in warnings:
        number = int(re.match(r"line (\d+):", warning).group(1))
        assert f'href="#line-{number}"' in page
        assert f'<li id="line-{number}">' in page


def test_what_was_found_is_shown_meeting_by_meeting(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    upload(client, partnership_a, csp_board(partnership_a), PACK_2018)
    import_file = ImportFile.objects.get()

    page = review_page(client, partnership_a, import_file)

    assert "Meeting 1 (agenda of 25 July 2018)" in page
    assert "Meeting 2 (minutes of 26 February 2018)" in page
    minutes = import_file.found["meetings"][1]
    for person in minutes["present"]:
        assert person["name"] in page
    for item in minutes["items"]:
        assert item["title"] in page
    assert page.index("Meeting 1 (agenda") < page.index("Meeting 2 (minutes")
    correct = reverse("archive:correct", args=[partnership_a.slug, import_file.pk])
    assert f"{correct}?meeting=2" in page


def test_a_failed_file_says_why(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    response = upload(client, partnership_a, body, PACK_2018, ("blank.txt", b"   "))
    b"".join(response.streaming_content)
    failed = ImportFile.objects.get(original_name="blank.txt")

    page = review_page(client, partnership_a, failed)

    assert f"This file could not be read: {failed.error}" in page

"""A clerk uploads one old pack: it is read, stored with what was found, and its review
opens. A file that cannot be read is refused, naming it, and nothing is stored."""

import hashlib

from django.urls import reverse
from django.utils import timezone

from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.core.roles import Role
from tests.archive.conftest import PACK_2018
from tests.archive.uploads import csp_board, upload


def test_one_file_is_read_stored_and_opens_its_review(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)

    response = upload(client, partnership_a, body, PACK_2018)

    import_file = ImportFile.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("archive:review", args=[partnership_a.slug, import_file.pk])
    data = PACK_2018.read_bytes()
    lines = read_pack(name=PACK_2018.name, data=data)
    assert import_file.partnership == partnership_a
    assert import_file.body == body
    assert import_file.uploaded_by == clerk_a
    assert import_file.batch is None
    assert import_file.status == ImportStatus.READ
    assert import_file.original_name == PACK_2018.name
    assert import_file.sha256 == hashlib.sha256(data).hexdigest()
    assert import_file.size == len(data)
    assert import_file.original.read() == data
    assert import_file.source_text.split("\n") == lines
    assert import_file.found == parse_pack(lines, source=PACK_2018.name)
    assert import_file.reviewed is None
    # Written by hand: the pack holds the coming agenda and February's draft minutes.
    dates = {(m["role"], m["date"]) for m in import_file.found["meetings"]}
    assert {("agenda", "2018-07-25"), ("minutes", "2018-02-26")} <= dates


def test_a_file_that_cannot_be_read_is_refused_by_name_and_nothing_is_stored(
    client, partnership_a, clerk_a, settings
):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)

    response = upload(client, partnership_a, body, ("minutes-2019.pdf", b"%PDF-1.4 cut short"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "minutes-2019.pdf cannot be imported" in page
    assert not ImportFile.objects.exists()
    assert not list(settings.MEDIA_ROOT.glob("**/*.pdf"))


def test_an_empty_file_is_refused(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)

    response = upload(client, partnership_a, body, ("agenda.txt", b""))

    assert response.status_code == 200
    assert "agenda.txt" in response.content.decode()
    assert not ImportFile.objects.exists()


def test_only_the_partnerships_own_bodies_can_be_chosen(
    client, partnership_a, partnership_b, clerk_a
):
    client.force_login(clerk_a)
    other_body = csp_board(partnership_b)

    response = upload(client, partnership_a, other_body, PACK_2018)

    assert response.status_code == 200
    assert "Select the body from the list" in response.content.decode()
    assert not ImportFile.objects.exists()


def test_viewers_and_members_cannot_upload(client, partnership_a, make_user):
    body = csp_board(partnership_a)
    for role in (Role.VIEWER, Role.MEMBER, Role.CONTRIBUTOR):
        client.force_login(make_user(partnership_a, role))
        assert client.get(reverse("archive:upload", args=[partnership_a.slug])).status_code == 403
        assert upload(client, partnership_a, body, PACK_2018).status_code == 403
    assert not ImportFile.objects.exists()


def test_uploading_a_file_already_imported_into_the_body_warns(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    upload(client, partnership_a, body, PACK_2018)
    first = ImportFile.objects.get()
    committed_at = timezone.make_aware(timezone.datetime(2025, 3, 14, 10, 0))
    ImportFile.objects.filter(pk=first.pk).update(
        status=ImportStatus.COMMITTED, committed_at=committed_at
    )

    response = upload(client, partnership_a, body, PACK_2018)

    page = client.get(response.url).content.decode()
    assert "This file was already imported on 14 March 2025" in page
    assert reverse("archive:commit", args=[partnership_a.slug, first.pk]) in page


def test_the_same_file_for_another_body_is_not_flagged(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    upload(client, partnership_a, body, PACK_2018)
    ImportFile.objects.update(status=ImportStatus.COMMITTED, committed_at=timezone.now())
    other = csp_board(partnership_a, "Youth Crime Executive")

    response = upload(client, partnership_a, other, PACK_2018)

    assert "already imported" not in client.get(response.url).content.decode()


def test_the_original_can_be_downloaded(client, partnership_a, clerk_a):
    client.force_login(clerk_a)
    upload(client, partnership_a, csp_board(partnership_a), PACK_2018)
    import_file = ImportFile.objects.get()

    response = client.get(reverse("archive:source", args=[partnership_a.slug, import_file.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PACK_2018.read_bytes()
    assert PACK_2018.name in response["Content-Disposition"]
    assert "attachment" in response["Content-Disposition"]


def test_a_file_over_the_size_limit_is_refused_by_name_and_nothing_is_stored(
    client, partnership_a, clerk_a, settings
):
    settings.SAFERBOARD_ARCHIVE_MAX_MB = 1
    client.force_login(clerk_a)
    body = csp_board(partnership_a)
    big = ("pack-2016.txt", b"Minutes of the meeting\n" * 60_000)  # about 1.3 MB

    response = upload(client, partnership_a, body, big, PACK_2018)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "pack-2016.txt (1 MB): each file must be 1 MB or smaller" in page
    assert PACK_2018.name not in page.split("There is a problem")[1].split("</div>")[0]
    assert not ImportFile.objects.exists()

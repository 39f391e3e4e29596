"""Subjects' details are protected everywhere but their own page: unreadable in the raw
tables (history included), absent from lists, logs, the admin, error pages and error
e-mails; and every role that is not a party's SPOC or information governance, in this
partnership or another, gets 404 from every request address, with nothing shown."""

import datetime
import logging

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.core.services import user_create
from saferboard.sharing import crypto
from saferboard.sharing.models import DisclosureRequest
from tests.factories import OrganisationFactory, PartyFactory, PersonFactory
from tests.sharing.conftest import SUBJECTS, send_request, signed_in, subject_markers_in
from tests.sharing.test_request_part_a import form_data
from tests.sharing.test_request_part_b import answer

OBJECT_PAGES = (
    "request-detail",
    "request-subjects",
    "request-part-b",
    "request-pdf",
    "request-destroy-on",
)
LIST_PAGES = ("request-list", "request-add", "decision-log", "decision-log-csv", "access-log")


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def full_cycle(partnership, police_party, council_party, governance_user) -> DisclosureRequest:
    """Part A and Part B through the pages, then every way of reading the request."""
    police = signed_in(police_party[1], second_factor=True)
    police.post(
        reverse("sharing:request-add", args=[partnership.slug]),
        form_data(police_party[0], council_party[0]),
    )
    request = DisclosureRequest.objects.get()
    kwargs = {"partnership": partnership.slug, "pk": request.pk}
    council = signed_in(council_party[1], second_factor=True)
    council.post(reverse("sharing:request-part-b", kwargs=kwargs), answer(request))
    for client in (police, council, signed_in(governance_user, second_factor=True)):
        for name in ("request-detail", "request-subjects", "request-pdf"):
            assert client.get(reverse(f"sharing:{name}", kwargs=kwargs)).status_code == 200
    return request


def test_the_raw_tables_hold_only_ciphertext(
    partnership_a, police_party, council_party, governance_user
):
    full_cycle(partnership_a, police_party, council_party, governance_user)
    with connection.cursor() as cursor:
        raw = []
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            raw.append(repr(cursor.fetchall()))
    text = "\n".join(raw)
    assert subject_markers_in(text) == []
    assert "Secure tenancy since 2019" not in text  # what was disclosed, also encrypted


def test_logs_of_a_full_request_hold_no_subject_details(
    partnership_a, police_party, council_party, governance_user, caplog
):
    caplog.set_level(logging.DEBUG)
    full_cycle(partnership_a, police_party, council_party, governance_user)
    assert caplog.records  # the log was listening
    assert subject_markers_in(caplog.text) == []


def test_lists_show_no_subject_details(partnership_a, police_party, council_party, governance_user):
    full_cycle(partnership_a, police_party, council_party, governance_user)
    client = signed_in(governance_user, second_factor=True)
    for name in LIST_PAGES:
        response = client.get(reverse(f"sharing:{name}", args=[partnership_a.slug]))
        assert response.status_code == 200, name
        assert subject_markers_in(body(response)) == [], name


def test_the_admin_shows_no_subject_details(
    partnership_a, police_party, council_party, governance_user
):
    full_cycle(partnership_a, police_party, council_party, governance_user)
    admin = user_create(username="root", password="correct-horse-battery")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    for model in site._registry:
        meta = model._meta
        address = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        page = body(client.get(address))
        assert subject_markers_in(page) == [], meta.label
        for ciphertext_field in ("name_encrypted", "information_disclosed_encrypted"):
            assert ciphertext_field not in page, meta.label
    assert "Jonquil" not in body(client.get("/admin/", {"q": "Jonquil"}))


@pytest.fixture
def failing_keys(settings):
    """Keys that cannot work: encrypting fails with a server error."""
    settings.SHARING_KEYS = ["not-a-fernet-key"]
    crypto.reset()


def test_the_error_page_and_the_error_email_hold_no_subject_details(
    partnership_a, police_party, council_party, settings, failing_keys
):
    settings.DEBUG = False
    settings.ADMINS = [("Operations", "ops@example.org")]
    client = signed_in(police_party[1], second_factor=True)
    client.raise_request_exception = False

    response = client.post(
        reverse("sharing:request-add", args=[partnership_a.slug]),
        form_data(police_party[0], council_party[0]),
    )

    assert response.status_code == 500
    assert subject_markers_in(body(response)) == []
    assert len(mail.outbox) == 1
    report = mail.outbox[0].body
    assert "Request URL" in report and "POST:" in report
    assert "subject_1_name = '********************'" in report
    assert subject_markers_in(report) == []
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "role",
    [Role.MANAGER, Role.CLERK, Role.MEMBER, Role.ANALYST, Role.VIEWER, Role.CONTRIBUTOR],
)
def test_every_other_role_gets_404_from_every_request_address(
    partnership_a, police_party, council_party, make_user, role
):
    request = send_request(partnership_a, police_party, council_party)
    user = make_user(partnership_a, role)
    for client in (signed_in(user, second_factor=False), signed_in(user, second_factor=True)):
        assert_404_everywhere(client, partnership_a, request)


def test_the_spoc_of_a_party_not_in_the_request_gets_404(
    partnership_a, protocol, police_party, council_party, make_user
):
    request = send_request(partnership_a, police_party, council_party)
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    PartyFactory(
        partnership=partnership_a,
        agreement=protocol,
        organisation=OrganisationFactory(partnership=partnership_a, name="London Fire Brigade"),
        spoc=PersonFactory(partnership=partnership_a, user=user),
    )
    client = signed_in(user, second_factor=True)
    for name in OBJECT_PAGES:
        address = reverse(
            f"sharing:{name}", kwargs={"partnership": partnership_a.slug, "pk": request.pk}
        )
        assert client.get(address).status_code == 404, name
        for response in (client.get(address), client.post(address, {"code": "1"})):
            # A page that takes no POST may say 405 first (as for any address).
            assert response.status_code in {404, 405}, name
            assert subject_markers_in(body(response)) == []
    listing = body(client.get(reverse("sharing:request-list", args=[partnership_a.slug])))
    assert request.reference not in listing


def test_users_of_another_partnership_get_404(
    partnership_a, partnership_b, police_party, council_party, make_user
):
    request = send_request(partnership_a, police_party, council_party)
    for role in (Role.INFORMATION_GOVERNANCE, Role.MANAGER):
        user = make_user(partnership_b, role)
        client = signed_in(user, second_factor=True)
        for slug in (partnership_a.slug, partnership_b.slug):
            for name in OBJECT_PAGES:
                address = reverse(f"sharing:{name}", kwargs={"partnership": slug, "pk": request.pk})
                response = client.get(address)
                assert response.status_code == 404, (slug, name)
                assert subject_markers_in(body(response)) == []
        for name in LIST_PAGES:
            response = client.get(reverse(f"sharing:{name}", args=[partnership_b.slug]))
            assert request.reference not in body(response)
            assert subject_markers_in(body(response)) == []


def assert_404_everywhere(client, partnership, request):
    for name in OBJECT_PAGES:
        address = reverse(
            f"sharing:{name}", kwargs={"partnership": partnership.slug, "pk": request.pk}
        )
        assert client.get(address).status_code == 404, name
        for response in (client.get(address), client.post(address, {})):
            assert response.status_code in {404, 405}, name
            assert subject_markers_in(body(response)) == [], name
            assert request.reference not in body(response), name
    for name in (*LIST_PAGES, "otp-setup", "otp-verify"):
        response = client.get(reverse(f"sharing:{name}", args=[partnership.slug]))
        assert response.status_code == 404, name


def test_a_subjects_details_are_not_in_its_repr():
    from tests.sharing.conftest import subject_details

    details = subject_details()
    assert subject_markers_in(repr(details)) == []
    assert SUBJECTS[0][1] == details[0].name


def test_the_destruction_date_is_never_in_the_past_on_the_form(
    partnership_a, submitted_request, governance_user
):
    client = signed_in(governance_user, second_factor=True)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse(
            "sharing:request-destroy-on",
            kwargs={"partnership": partnership_a.slug, "pk": submitted_request.pk},
        ),
        {
            "version": str(submitted_request.version),
            "destroy_on_day": str(yesterday.day),
            "destroy_on_month": str(yesterday.month),
            "destroy_on_year": str(yesterday.year),
        },
    )
    assert "cannot be in the past" in body(response)

"""The agreements register: the list (overarching with subject-specific beneath, status and
review tags), adding and changing agreements (with the version check), the detail page's
document control and document history, and who may change them."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.sharing import register
from saferboard.sharing.models import AgreementKind, AgreementRevision, SharingAgreement
from tests.factories import PersonFactory, SharingAgreementFactory
from tests.sharing.conftest import signed_in


def _url(name, partnership, pk=None):
    kwargs = {"partnership": partnership.slug} | ({"pk": pk} if pk else {})
    return reverse(f"sharing:{name}", kwargs=kwargs)


def _agreement_form(**changes):
    data = {
        "title": "Community MARAC information sharing agreement",
        "kind": "subject_specific",
        "subject": "Community MARAC",
        "version_label": "0.1",
        "author": "Community safety team",
        "contributors": "Police\nCouncil",
        "purposes": "Reducing risk to vulnerable people",
        "legal_bases": ["cda_s115", "gdpr_6_1_e"],
        "circulation": "All signatories",
    }
    return data | changes


def test_the_list_shows_subject_specific_agreements_beneath_their_overarching_one(
    partnership_a, protocol, viewer_a
):
    today = datetime.date.today()
    protocol.review_on = today - datetime.timedelta(days=3)
    protocol.save()
    SharingAgreementFactory(
        partnership=partnership_a,
        title="Zeta MARAC agreement",
        kind=AgreementKind.SUBJECT_SPECIFIC,
        subject="MARAC",
        parent=protocol,
        review_on=today + datetime.timedelta(days=12),
    )
    SharingAgreementFactory(partnership=partnership_a, title="Another overarching agreement")

    page = signed_in(viewer_a, second_factor=False).get(_url("agreement-list", partnership_a))

    text = page.content.decode()
    assert page.status_code == 200
    # Sorted by title the MARAC one would come last; it sits beneath its protocol instead.
    assert text.index("Another overarching") < text.index(protocol.title) < text.index("Zeta MARAC")
    assert "Review overdue" in text
    assert "Review due in 12 days" in text
    assert "Approved" in text
    assert "OFFICIAL-SENSITIVE" in text


def test_a_manager_adds_a_subject_specific_agreement_as_a_draft(partnership_a, protocol, manager_a):
    response = signed_in(manager_a, second_factor=False).post(
        _url("agreement-add", partnership_a), _agreement_form(parent=protocol.pk)
    )

    agreement = SharingAgreement.objects.get(subject="Community MARAC")
    assert response.status_code == 302
    assert agreement.status == "draft"
    assert agreement.parent == protocol
    assert agreement.legal_bases == ["cda_s115", "gdpr_6_1_e"]


def test_a_subject_specific_agreement_must_sit_beneath_an_overarching_one(partnership_a, manager_a):
    response = signed_in(manager_a, second_factor=False).post(
        _url("agreement-add", partnership_a), _agreement_form()
    )

    assert response.status_code == 200
    assert "Choose the overarching agreement" in response.content.decode()
    assert not SharingAgreement.objects.exists()


def test_a_stale_edit_is_refused(partnership_a, protocol, manager_a):
    client = signed_in(manager_a, second_factor=False)
    data = _agreement_form(title=protocol.title, kind="overarching", subject="")
    register.agreement_update(
        agreement=protocol, by=manager_a, expected_version=protocol.version, author="Someone else"
    )

    # The form is sent with the version the editor opened, now out of date.
    response = client.post(
        _url("agreement-edit", partnership_a, protocol.pk), data | {"version": 1}
    )

    protocol.refresh_from_db()
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert protocol.author == "Someone else"


def test_the_detail_page_shows_document_control_and_history(partnership_a, protocol, viewer_a):
    owner = PersonFactory(partnership=partnership_a, given_name="Rhiannon", family_name="Pryce")
    protocol.author = "Haringey community safety team"
    protocol.review_owner = owner
    protocol.save()
    register.agreement_revision_add(
        agreement=protocol,
        by=None,
        on=datetime.date(2018, 7, 25),
        version_label="1.3",
        comments="Revised after legal review",
    )

    page = signed_in(viewer_a, second_factor=False).get(
        _url("agreement-detail", partnership_a, protocol.pk)
    )

    text = page.content.decode()
    assert "Haringey community safety team" in text
    assert "Rhiannon Pryce" in text
    assert "Crime and Disorder Act 1998, section 115" in text
    assert "Revised after legal review" in text and "25 Jul 2018" in text


def test_an_editor_adds_to_the_document_history(partnership_a, protocol, make_user):
    governance = make_user(partnership_a, Role.INFORMATION_GOVERNANCE)

    response = signed_in(governance, second_factor=False).post(
        _url("agreement-revision-add", partnership_a, protocol.pk),
        {
            "on_day": "1",
            "on_month": "4",
            "on_year": "2025",
            "version_label": "2.0",
            "comments": "Annual",
        },
    )

    assert response.status_code == 302
    revision = AgreementRevision.objects.get()
    assert (revision.on, revision.version_label, revision.comments) == (
        datetime.date(2025, 4, 1),
        "2.0",
        "Annual",
    )


@pytest.mark.parametrize(
    "name", ["agreement-add", "agreement-edit", "agreement-status", "agreement-revision-add"]
)
def test_a_viewer_may_read_but_not_change_the_register(name, partnership_a, protocol, viewer_a):
    client = signed_in(viewer_a, second_factor=False)
    pk = None if name == "agreement-add" else protocol.pk

    response = client.post(_url(name, partnership_a, pk), _agreement_form())

    assert response.status_code == 403
    assert client.get(_url("agreement-detail", partnership_a, protocol.pk)).status_code == 200
    assert SharingAgreement.objects.count() == 1
    assert not AgreementRevision.objects.exists()


def test_another_partnerships_manager_gets_404(partnership_a, protocol, manager_b):
    client = signed_in(manager_b, second_factor=False)

    assert client.get(_url("agreement-detail", partnership_a, protocol.pk)).status_code == 404
    assert client.post(_url("agreement-edit", partnership_a, protocol.pk), {}).status_code == 404

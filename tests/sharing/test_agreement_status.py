"""An agreement's status: draft -> in consultation -> approved -> superseded. Approving needs
the effective and review dates, records the approval meeting and resolution, and supersedes
the version it replaces."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.sharing import register
from saferboard.sharing.models import AgreementKind, AgreementStatus
from tests.factories import ResolutionFactory, SharingAgreementFactory
from tests.sharing.conftest import signed_in


def _draft(partnership, **fields):
    return register.agreement_create(
        partnership=partnership,
        by=None,
        title=fields.pop("title", "Crime and Disorder Information Sharing Protocol"),
        kind=fields.pop("kind", AgreementKind.OVERARCHING),
        version_label=fields.pop("version_label", "2.0"),
        legal_bases=["cda_s115"],
        **fields,
    )


def test_approving_at_a_meeting_records_it_and_supersedes_the_old_version(
    partnership_a, protocol, manager_a
):
    new = _draft(partnership_a)
    resolution = ResolutionFactory(partnership=partnership_a, text="That the protocol be approved.")
    client = signed_in(manager_a, second_factor=False)
    url = reverse("sharing:agreement-status", kwargs={"partnership": "haringey", "pk": new.pk})

    response = client.post(
        url,
        {
            "status": "approved",
            "effective_on_day": "1",
            "effective_on_month": "4",
            "effective_on_year": "2026",
            "review_on_day": "1",
            "review_on_month": "4",
            "review_on_year": "2027",
            "approval_resolution": resolution.pk,
            "version": new.version,
        },
    )

    assert response.status_code == 302
    new.refresh_from_db()
    protocol.refresh_from_db()
    assert new.status == AgreementStatus.APPROVED
    assert new.approval_resolution == resolution
    assert new.approval_meeting == resolution.item.meeting  # filled in from the resolution
    assert protocol.status == AgreementStatus.SUPERSEDED


def test_approving_without_the_effective_date_is_refused(partnership_a, manager_a):
    draft = _draft(partnership_a)

    with pytest.raises(BusinessRuleError, match="date the agreement takes effect"):
        register.agreement_status_change(
            agreement=draft,
            by=manager_a,
            expected_version=draft.version,
            status=AgreementStatus.APPROVED,
            review_on=datetime.date(2027, 1, 1),
        )

    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT


def test_a_subject_specific_approval_supersedes_only_the_same_subject(partnership_a, protocol):
    old_marac = SharingAgreementFactory(
        partnership=partnership_a,
        kind=AgreementKind.SUBJECT_SPECIFIC,
        parent=protocol,
        subject="MARAC",
    )
    channel = SharingAgreementFactory(
        partnership=partnership_a,
        kind=AgreementKind.SUBJECT_SPECIFIC,
        parent=protocol,
        subject="Channel",
    )
    new_marac = _draft(
        partnership_a,
        kind=AgreementKind.SUBJECT_SPECIFIC,
        parent=protocol,
        subject="marac",
        effective_on=datetime.date(2026, 1, 1),
        review_on=datetime.date(2027, 1, 1),
    )

    superseded = register.agreement_status_change(
        agreement=new_marac, by=None, expected_version=new_marac.version, status="approved"
    )

    assert superseded == [old_marac]
    for agreement in (old_marac, channel, protocol):
        agreement.refresh_from_db()
    assert old_marac.status == AgreementStatus.SUPERSEDED
    assert channel.status == protocol.status == AgreementStatus.APPROVED


def test_a_superseded_agreement_cannot_come_back(partnership_a, protocol):
    register.agreement_status_change(
        agreement=protocol, by=None, expected_version=protocol.version, status="superseded"
    )
    protocol.refresh_from_db()

    with pytest.raises(BusinessRuleError, match="can move to no other status"):
        register.agreement_status_change(
            agreement=protocol, by=None, expected_version=protocol.version, status="approved"
        )


def test_a_stale_status_change_is_refused(partnership_a, manager_a):
    draft = _draft(partnership_a)
    register.agreement_update(agreement=draft, by=None, expected_version=1, author="Someone")
    client = signed_in(manager_a, second_factor=False)

    response = client.post(
        reverse("sharing:agreement-status", kwargs={"partnership": "haringey", "pk": draft.pk}),
        {"status": "in_consultation", "version": 1},
    )

    draft.refresh_from_db()
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert draft.status == AgreementStatus.DRAFT

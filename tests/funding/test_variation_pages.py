"""Deciding a variation from its page: a manager approves an extension citing the
resolution, and the award's end moves; a refusal without a reason saves nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.funding import ledger, monitoring
from saferboard.funding.models import VariationKind, VariationStatus
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

ON = datetime.date(2020, 12, 10)
NEW_END = datetime.date(2023, 3, 31)


@pytest.fixture
def variation(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=ON, by=manager_a)
    award = make_award(fund, 20000, applicant)
    return monitoring.variation_request(
        award=award,
        kind=VariationKind.EXTENSION,
        description="Staff illness.",
        new_ends_on=NEW_END,
        on=ON,
        by=None,
    )


def decide(user, variation, data):
    client = Client()
    client.force_login(user)
    address = reverse(
        "funding:variation-decide", kwargs={"partnership": "haringey", "pk": variation.pk}
    )
    return client.post(address, {"version": variation.version} | data)


def test_approving_an_extension_on_its_page_moves_the_end(variation, manager_a):
    meeting = MeetingFactory(partnership=variation.partnership)
    item = AgendaItemFactory(partnership=variation.partnership, meeting=meeting)
    resolution = ResolutionFactory(partnership=variation.partnership, item=item)
    response = decide(
        manager_a, variation, {"decision": "approve", "note": "", "resolution": resolution.pk}
    )
    assert response.status_code == 302
    variation.refresh_from_db()
    assert variation.status == VariationStatus.APPROVED
    assert variation.resolution == resolution
    assert variation.award.ends_on == NEW_END


def test_another_partnerships_resolution_is_not_offered(variation, manager_a, partnership_b):
    meeting = MeetingFactory(partnership=partnership_b)
    item = AgendaItemFactory(partnership=partnership_b, meeting=meeting)
    theirs = ResolutionFactory(partnership=partnership_b, item=item)
    response = decide(manager_a, variation, {"decision": "approve", "resolution": theirs.pk})
    assert response.status_code == 200
    variation.refresh_from_db()
    assert variation.status == VariationStatus.REQUESTED


def test_a_refusal_without_a_reason_saves_nothing(variation, manager_a):
    end = variation.award.ends_on
    response = decide(manager_a, variation, {"decision": "refuse", "note": ""})
    assert response.status_code == 200
    assert "Give the reason for refusing" in response.content.decode()
    variation.refresh_from_db()
    assert variation.status == VariationStatus.REQUESTED
    assert variation.award.ends_on == end

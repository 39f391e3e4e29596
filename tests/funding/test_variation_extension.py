"""Variations: an approved extension moves the grant's end and its evaluation; a refused
one changes nothing; changes of use need a manager's approval."""

import datetime

import pytest

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import ReportKind, VariationKind, VariationStatus
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

ON = datetime.date(2020, 12, 10)
NEW_END = datetime.date(2023, 6, 30)


@pytest.fixture
def award(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=ON, by=manager_a)
    return make_award(fund, 20000, applicant)


def extension(award, user):
    return monitoring.variation_request(
        award=award,
        kind=VariationKind.EXTENSION,
        description="The venue closed for three months.",
        new_ends_on=NEW_END,
        on=ON,
        by=user,
    )


def test_an_approved_extension_moves_the_end_and_the_evaluation(award, manager_a):
    evaluation = monitoring.report_schedule(
        award=award, kind=ReportKind.EVALUATION, due_on=award.ends_on, by=manager_a
    )
    variation = extension(award, manager_a)
    meeting = MeetingFactory(partnership=award.partnership)
    item = AgendaItemFactory(partnership=award.partnership, meeting=meeting)
    resolution = ResolutionFactory(partnership=award.partnership, item=item)

    monitoring.variation_decide(
        variation=variation,
        approve=True,
        note="Agreed by the board.",
        resolution=resolution,
        on=ON,
        by=manager_a,
        expected_version=variation.version,
    )

    award.refresh_from_db()
    evaluation.refresh_from_db()
    variation.refresh_from_db()
    assert award.ends_on == NEW_END
    assert evaluation.due_on == NEW_END
    assert variation.status == VariationStatus.APPROVED
    assert variation.resolution == resolution


def test_a_refused_extension_leaves_the_end_date(award, manager_a):
    end = award.ends_on
    variation = extension(award, manager_a)
    monitoring.variation_decide(
        variation=variation,
        approve=False,
        note="No reason to extend.",
        on=ON,
        by=manager_a,
        expected_version=variation.version,
    )
    award.refresh_from_db()
    assert award.ends_on == end
    variation.refresh_from_db()
    assert variation.status == VariationStatus.REFUSED


def test_a_refusal_needs_a_reason(award, manager_a):
    variation = extension(award, manager_a)
    with pytest.raises(BusinessRuleError) as error:
        monitoring.variation_decide(
            variation=variation, approve=False, on=ON, by=manager_a, expected_version=None
        )
    assert error.value.field == "note"


def test_an_extension_must_end_later(award, manager_a):
    with pytest.raises(BusinessRuleError) as error:
        monitoring.variation_request(
            award=award,
            kind=VariationKind.EXTENSION,
            description="Shorter",
            new_ends_on=award.ends_on,
            on=ON,
            by=manager_a,
        )
    assert error.value.field == "new_ends_on"


def test_a_stale_decision_is_refused(award, manager_a):
    variation = extension(award, manager_a)
    with pytest.raises(StaleEditError):
        monitoring.variation_decide(
            variation=variation,
            approve=True,
            on=ON,
            by=manager_a,
            expected_version=variation.version - 1,
        )
    award.refresh_from_db()
    assert award.ends_on != NEW_END

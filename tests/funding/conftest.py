"""Funding fixtures: a POCA fund of the City of London's kind in partnership A, with its
eligibility rules and criteria, an applicant, and a way to make an award through the ledger."""

import datetime
from decimal import Decimal

import pytest

from saferboard.funding import ledger
from saferboard.funding.models import Award, Decision, Outcome, RuleKind, Stage
from tests.factories import (
    ApplicantFactory,
    BidFactory,
    CriterionFactory,
    EligibilityRuleFactory,
    FundFactory,
)

REQUIREMENTS = [
    "Equality policy",
    "Governing document with a dissolution clause",
    "At least three unrelated committee members or directors",
    "Bank account needing two unrelated signatories",
]
EXCLUSIONS = ["Retrospective costs", "Individuals"]
CRITERIA = [("Priority fit", 2), ("Evidenced need", 1), ("Lasting impact", 1)]


@pytest.fixture
def fund(partnership_a):
    fund = FundFactory(
        partnership=partnership_a, name="POCA grants 2020/21", reference_prefix="POCA"
    )
    for wording in REQUIREMENTS:
        EligibilityRuleFactory(partnership=partnership_a, fund=fund, wording=wording)
    for wording in EXCLUSIONS:
        EligibilityRuleFactory(
            partnership=partnership_a, fund=fund, wording=wording, kind=RuleKind.EXCLUSION
        )
    for title, weight in CRITERIA:
        CriterionFactory(partnership=partnership_a, fund=fund, title=title, weight=weight)
    return fund


@pytest.fixture
def applicant(partnership_a):
    return ApplicantFactory(partnership=partnership_a, name="Safer Streets Trust")


@pytest.fixture
def make_award():
    """make_award(fund, total, applicant) -> an approved bid's Award, committed in the ledger."""

    def _make(fund, total, applicant, *, on=datetime.date(2020, 12, 10), by=None):
        bid = BidFactory(
            partnership=fund.partnership,
            fund=fund,
            applicant=applicant,
            amount_requested=total,
            stage=Stage.DECISION,
        )
        decision = Decision.objects.create(
            partnership=fund.partnership, bid=bid, outcome=Outcome.APPROVED, decided_on=on
        )
        award = Award.objects.create(
            partnership=fund.partnership,
            decision=decision,
            bid=bid,
            fund=fund,
            total=Decimal(str(total)),
            starts_on=on,
            ends_on=on.replace(year=on.year + 2),
        )
        ledger.award_commit(award=award, on=on, by=by)
        return award

    return _make


@pytest.fixture
def make_contributor(make_user):
    """make_contributor(applicant) -> a partner contributor whose account acts for it."""
    from saferboard.core.roles import Role

    def _make(applicant):
        user = make_user(applicant.partnership, Role.CONTRIBUTOR)
        applicant.users.add(user)
        return user

    return _make


@pytest.fixture
def ready_bid(fund, applicant):
    """ready_bid(**changes) -> a draft bid to `fund` that meets every submission check."""

    def _make(**changes):
        fields = {
            "partnership": fund.partnership,
            "fund": fund,
            "applicant": applicant,
            "stage": Stage.DRAFT,
            "amount_requested": 20000,
            "term_months": fund.standard_term_months,
            "priority_areas": fund.priority_areas[:1],
            "key_themes": fund.key_themes[:1],
            "need": "Knife crime among under-18s rose by a third in the ward.",
            "means": "Two youth workers run evening sessions.",
            "evaluation_plan": "Referrals and attendance, compared quarter on quarter.",
        }
        return BidFactory(**(fields | changes))

    return _make

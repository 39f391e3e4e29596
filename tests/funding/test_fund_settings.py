"""Setting a fund up: its settings (lists typed one per line), its eligibility rules and
criteria (added, changed, removed, reordered) and its assessors; bad input saves nothing."""

import datetime

from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.core.roles import Role
from saferboard.funding import funds
from saferboard.funding.models import Criterion, EligibilityCheck, EligibilityRule, Fund, RuleKind
from tests.factories import BidFactory

FUND_POST = {
    "name": "POCA grants 2021/22",
    "reference_prefix": "poca21",
    "source": "poca",
    "period": "financial_year",
    "financial_year": "2021",
    "status": "open",
    "minimum_award": "1000",
    "maximum_award": "50000.00",
    "standard_term_months": "12",
    "priority_areas": "Reduce violence\n\nProtect the vulnerable\nReduce violence\n",
    "key_themes": "Youth and knife crime\nHate crime",
}


def url(name, partnership, **kwargs):
    return reverse(f"funding:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def test_the_manager_adds_a_fund_with_lists_one_per_line(manager_a_client, partnership_a):
    response = manager_a_client.post(url("fund-add", partnership_a), FUND_POST)

    fund = Fund.objects.get(name="POCA grants 2021/22")
    assert response.status_code == 302
    assert response["Location"] == url("fund-detail", partnership_a, pk=fund.pk)
    assert fund.priority_areas == ["Reduce violence", "Protect the vulnerable"]
    assert fund.key_themes == ["Youth and knife crime", "Hate crime"]
    assert fund.reference_prefix == "POCA21"


def test_a_minimum_above_the_maximum_saves_nothing(manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("fund-add", partnership_a), FUND_POST | {"minimum_award": "60000"}
    )

    text = response.content.decode()
    assert "The minimum award (£60,000.00) is more than the maximum" in text
    assert 'href="#id_minimum_award"' in text
    assert not Fund.objects.exists()


def test_an_amount_that_is_not_money_names_the_field(manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("fund-add", partnership_a), FUND_POST | {"maximum_award": "fifty"}
    )

    assert "Enter the maximum award as an amount in pounds" in response.content.decode()
    assert not Fund.objects.exists()


def test_a_reference_prefix_in_use_names_the_fund_that_has_it(
    fund, manager_a_client, partnership_a
):
    response = manager_a_client.post(
        url("fund-add", partnership_a), FUND_POST | {"reference_prefix": "poca"}
    )

    assert f"{fund.name} already numbers its bids with POCA" in response.content.decode()
    assert Fund.objects.count() == 1


def test_a_stale_edit_is_refused(fund, manager_a, manager_a_client, partnership_a):
    funds.fund_update(fund=fund, by=manager_a, expected_version=fund.version, name="Renamed")

    response = manager_a_client.post(
        url("fund-edit", partnership_a, pk=fund.pk),
        FUND_POST | {"reference_prefix": "POCA", "version": str(fund.version - 1)},
    )

    assert "changed by someone else" in response.content.decode()
    fund.refresh_from_db()
    assert fund.name == "Renamed"


def test_rules_are_added_changed_moved_and_removed(fund, manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("fund-rule-add", partnership_a, pk=fund.pk),
        {"kind": "exclusion", "wording": "  National bodies  unless ring-fenced locally "},
    )
    assert response.status_code == 302
    exclusions = list(fund.rules.filter(kind=RuleKind.EXCLUSION))
    assert [r.wording for r in exclusions][-1] == "National bodies unless ring-fenced locally"

    added = exclusions[-1]
    manager_a_client.post(url("fund-rule-move", partnership_a, pk=added.pk), {"move": "up"})
    order = list(fund.rules.filter(kind=RuleKind.EXCLUSION).values_list("wording", flat=True))
    assert order == [
        "Retrospective costs",
        "National bodies unless ring-fenced locally",
        "Individuals",
    ]

    added.refresh_from_db()  # the move saved it
    manager_a_client.post(
        url("fund-rule-edit", partnership_a, pk=added.pk),
        {"kind": "exclusion", "wording": "National bodies", "version": added.version},
    )
    added.refresh_from_db()
    assert added.wording == "National bodies"

    manager_a_client.post(url("fund-rule-remove", partnership_a, pk=added.pk))
    assert not EligibilityRule.objects.filter(pk=added.pk).exists()


def test_a_rule_bids_were_checked_against_cannot_be_removed(
    fund, applicant, manager_a, manager_a_client, partnership_a
):
    rule = fund.rules.first()
    bid = BidFactory(partnership=partnership_a, fund=fund, applicant=applicant)
    EligibilityCheck.objects.create(
        partnership=partnership_a,
        bid=bid,
        rule=rule,
        result="met",
        checked_on=datetime.date.today(),
    )

    response = manager_a_client.post(url("fund-rule-remove", partnership_a, pk=rule.pk))

    assert "1 bid has been checked against" in response.content.decode()
    assert EligibilityRule.objects.filter(pk=rule.pk).exists()


def test_criteria_are_added_with_weights_and_bad_weights_save_nothing(
    fund, manager_a_client, partnership_a
):
    response = manager_a_client.post(
        url("fund-criterion-add", partnership_a, pk=fund.pk),
        {"title": "Value for money", "weight": "heavy", "maximum_score": "5"},
    )
    assert "Enter the weight as a number" in response.content.decode()
    assert fund.criteria.count() == 3

    manager_a_client.post(
        url("fund-criterion-add", partnership_a, pk=fund.pk),
        {"title": "Value for money", "weight": "1.5", "maximum_score": "10"},
    )
    added = fund.criteria.last()
    assert (added.title, str(added.weight), added.maximum_score) == ("Value for money", "1.50", 10)

    first = fund.criteria.first()
    manager_a_client.post(url("fund-criterion-move", partnership_a, pk=first.pk), {"move": "down"})
    titles = list(fund.criteria.values_list("title", flat=True))
    assert titles == ["Evidenced need", "Priority fit", "Lasting impact", "Value for money"]

    manager_a_client.post(url("fund-criterion-remove", partnership_a, pk=added.pk))
    assert not Criterion.objects.filter(pk=added.pk).exists()


def test_assessors_must_hold_a_role_in_the_partnership(
    fund, make_user, manager_a, manager_a_client, partnership_a, partnership_b
):
    insider = make_user(partnership_a, Role.MEMBER)
    outsider = make_user(partnership_b, Role.MEMBER)

    manager_a_client.post(
        url("fund-assessors", partnership_a, pk=fund.pk),
        {"assessors": [insider.pk], "version": fund.version},
    )
    assert list(fund.assessors.all()) == [insider]

    try:
        funds.assessors_set(fund=fund, by=manager_a, users=[insider, outsider])
    except BusinessRuleError as error:
        assert "no role in Haringey Community Safety Partnership" in str(error)
        assert error.field == "assessors"
    else:
        raise AssertionError("an outsider was made an assessor")
    assert list(fund.assessors.all()) == [insider]

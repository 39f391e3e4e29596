"""Fund pages: everyone in the partnership reads them; only managers change them; the money
shown is the ledger's."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.models import Fund, LedgerEntry

ON = datetime.date(2020, 12, 1)


def url(name, partnership, **kwargs):
    return reverse(f"funding:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def test_a_viewer_reads_the_fund_with_its_balance_from_the_ledger(
    fund, applicant, make_award, viewer_a_client, manager_a, partnership_a
):
    ledger.income_add(fund=fund, amount="181800", on=ON, by=manager_a, note="POCA receipt")
    make_award(fund, "71800", applicant)
    balance = ledger.fund_balance(fund)

    response = viewer_a_client.get(url("fund-detail", partnership_a, pk=fund.pk))

    text = response.content.decode()
    assert response.status_code == 200
    assert ledger.pounds(balance.available) == "£110,000.00"
    assert '£110,000.00</p>\n    <p class="govuk-body">available to award' in text
    assert ledger.pounds(balance.cash) in text
    assert "Equality policy" in text and "Retrospective costs" in text
    assert "Priority fit" in text
    assert "POCA receipt" in text
    assert "<svg" in text and "Balance over time" in text
    assert "Add income" not in text


def test_a_viewer_cannot_add_income(fund, viewer_a_client, partnership_a):
    response = viewer_a_client.post(
        url("fund-income", partnership_a, pk=fund.pk),
        {"amount": "500", "on_day": "1", "on_month": "12", "on_year": "2020"},
    )

    assert response.status_code == 403
    assert not LedgerEntry.objects.exists()


def test_another_partnerships_manager_gets_404(
    fund, manager_b_client, partnership_a, partnership_b
):
    assert manager_b_client.get(url("fund-detail", partnership_a, pk=fund.pk)).status_code == 404
    assert manager_b_client.get(url("fund-detail", partnership_b, pk=fund.pk)).status_code == 404
    assert manager_b_client.get(url("overview", partnership_a)).status_code == 404


def test_the_manager_adds_income_and_the_balance_shows_it(fund, manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("fund-income", partnership_a, pk=fund.pk),
        {"amount": "£1,500.50", "on_day": "1", "on_month": "12", "on_year": "2020", "note": "x"},
        follow=True,
    )

    assert response.status_code == 200
    assert ledger.fund_balance(fund).available == ledger.money("1500.50")
    assert "£1,500.50" in response.content.decode()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("lots", "is not an amount of money"), ("-5", "more than £0"), ("1.005", "pounds and pence")],
)
def test_bad_income_saves_nothing_and_names_the_field(
    fund, manager_a_client, partnership_a, amount, message
):
    response = manager_a_client.post(
        url("fund-income", partnership_a, pk=fund.pk),
        {"amount": amount, "on_day": "1", "on_month": "12", "on_year": "2020"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'href="#id_amount"' in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_income_with_an_impossible_date_saves_nothing(fund, manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("fund-income", partnership_a, pk=fund.pk),
        {"amount": "100", "on_day": "31", "on_month": "2", "on_year": "2020"},
    )

    assert "Enter a real date" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_reallocating_more_than_is_available_is_refused_with_the_figure(
    fund, manager_a, manager_a_client, partnership_a
):
    other = Fund.objects.create(
        partnership=partnership_a,
        name="Crime prevention fund",
        reference_prefix="CPF",
        source="crime_prevention_fund",
        period="rolling",
        minimum_award=100,
        maximum_award=5000,
        key_themes=["Burglary"],
    )
    ledger.income_add(fund=fund, amount="2000", on=ON, by=manager_a)

    response = manager_a_client.post(
        url("fund-reallocate", partnership_a, pk=fund.pk),
        {"target": other.pk, "amount": "2500", "on_day": "2", "on_month": "12", "on_year": "2020"},
    )

    assert "has £2,000.00 available; £2,500.00 is more than that" in response.content.decode()
    assert LedgerEntry.objects.count() == 1

    response = manager_a_client.post(
        url("fund-reallocate", partnership_a, pk=fund.pk),
        {"target": other.pk, "amount": "500", "on_day": "2", "on_month": "12", "on_year": "2020"},
    )
    assert response.status_code == 302
    assert ledger.fund_balance(other).available == 500
    assert ledger.fund_balance(fund).available == 1500


def test_a_contributor_reads_funds_but_cannot_change_them(fund, make_user, partnership_a):
    client = Client()
    client.force_login(make_user(partnership_a, Role.CONTRIBUTOR))

    assert client.get(url("fund-detail", partnership_a, pk=fund.pk)).status_code == 200
    assert client.get(url("fund-list", partnership_a)).status_code == 200
    assert client.get(url("fund-edit", partnership_a, pk=fund.pk)).status_code == 403
    assert client.get(url("fund-add", partnership_a)).status_code == 403


def test_the_ledger_page_lists_every_entry(fund, manager_a, viewer_a_client, partnership_a):
    for day in range(1, 13):
        ledger.income_add(fund=fund, amount=day * 100, on=ON.replace(day=day), by=manager_a)

    text = viewer_a_client.get(url("fund-ledger", partnership_a, pk=fund.pk)).content.decode()

    assert text.count('<td class="govuk-table__cell">Income') == 12
    assert "12 December 2020" in text and "1 December 2020" in text

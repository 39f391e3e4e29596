"""Starting a bid on its page, changing it, and the bid list's filters."""

from django.test import Client
from django.urls import reverse

from saferboard.funding.models import Bid, Stage
from tests.factories import ApplicantFactory, BidFactory, FundFactory


def test_a_contributor_starts_a_bid_ticking_the_funds_themes(fund, applicant, make_contributor):
    client = Client()
    client.force_login(make_contributor(applicant))
    url = reverse("funding:bid-add", kwargs={"partnership": "haringey", "pk": fund.pk})
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="key_themes"' in page
    assert "Youth and knife crime" in page and "Reduce violence" in page
    response = client.post(
        url,
        {
            "applicant": applicant.pk,
            "project_title": "Street Doctors",
            "amount_requested": "24000",
            "term_months": "12",
            "key_themes": ["Youth and knife crime"],
            "priority_areas": ["Reduce violence"],
            "match_funding_amount": "0",
        },
    )
    bid = Bid.objects.get()
    assert response.status_code == 302
    assert (bid.reference, bid.stage, bid.key_themes) == (
        "POCA-2020-001",
        Stage.DRAFT,
        ["Youth and knife crime"],
    )
    edit = reverse("funding:bid-edit", kwargs={"partnership": "haringey", "pk": bid.pk})
    response = client.post(
        edit,
        {
            "version": bid.version,
            "project_title": "Street Doctors",
            "amount_requested": "24000",
            "term_months": "12",
            "key_themes": ["Hate crime"],
            "priority_areas": ["Reduce violence"],
            "need": "Stabbings in the ward.",
            "match_funding_amount": "0",
        },
    )
    bid.refresh_from_db()
    assert response.status_code == 302
    assert (bid.key_themes, bid.need) == (["Hate crime"], "Stabbings in the ward.")


def test_a_theme_not_on_the_funds_list_is_refused(fund, applicant, manager_a_client):
    url = reverse("funding:bid-add", kwargs={"partnership": "haringey", "pk": fund.pk})
    response = manager_a_client.post(
        url,
        {
            "applicant": applicant.pk,
            "project_title": "Street Doctors",
            "amount_requested": "24000",
            "term_months": "12",
            "key_themes": ["Fraud"],
            "match_funding_amount": "0",
        },
    )
    assert response.status_code == 200
    assert (
        "Select a valid choice" in response.content.decode() or "Fraud" in response.content.decode()
    )
    assert not Bid.objects.exists()


def test_the_list_filters_by_fund_stage_and_applicant(
    fund, applicant, partnership_a, manager_a_client
):
    other_fund = FundFactory(partnership=partnership_a, name="Small grants")
    other = ApplicantFactory(partnership=partnership_a, name="Other Trust")
    a = BidFactory(
        partnership=partnership_a, fund=fund, applicant=applicant, stage=Stage.PRESENTATION
    )
    b = BidFactory(partnership=partnership_a, fund=other_fund, applicant=applicant)
    c = BidFactory(partnership=partnership_a, fund=fund, applicant=other)
    url = reverse("funding:bid-list", kwargs={"partnership": "haringey"})

    def shown(**query):
        text = manager_a_client.get(url, query).content.decode()
        return {bid.reference for bid in (a, b, c) if bid.reference in text}

    assert shown() == {a.reference, b.reference, c.reference}
    assert shown(fund=fund.pk) == {a.reference, c.reference}
    assert shown(stage="presentation") == {a.reference}
    assert shown(applicant=other.pk) == {c.reference}

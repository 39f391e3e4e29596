"""The returns pages: the list of returns due, the web form with its version check, uploads
with their errors, downloads, and who may do what."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.performance.models import IndicatorValue
from saferboard.performance.periods import period_for, previous
from saferboard.performance.returns import period_text
from saferboard.performance.returns_files import read_table
from tests.factories import IndicatorValueFactory
from tests.performance.returns_story import Cast, csv_file, xlsx_file


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(partnership_a):
    return Cast(partnership_a)


@pytest.fixture
def last_quarter():
    """The quarter before this one: ended, so its return can be sent today."""
    return previous(period_for("quarterly", timezone.localdate()))


@pytest.fixture
def police_officer(cast, make_user):
    return cast.contributor(make_user, cast.police)


def url(cast, name, **kwargs) -> str:
    return reverse(f"performance:{name}", kwargs={"partnership": cast.partnership.slug, **kwargs})


def submit_url(cast, indicator, period) -> str:
    return url(cast, "returns-submit", pk=indicator.pk) + f"?period={period.start.isoformat()}"


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_missing_return_shows_no_information_and_overdue(cast, manager_a_client, last_quarter):
    cast.violence.return_due_days = 0
    cast.violence.save()

    response = manager_a_client.get(url(cast, "returns"))

    text = text_of(response)
    row = re.search(rf"KPI 4: Violence with injury .*? {last_quarter.label} .*?(Send|Change)", text)
    assert row, text
    assert "No information" in row[0] and "Overdue" in row[0]


def test_a_submitted_return_leaves_the_list_of_returns_to_send(
    cast, manager_a_client, last_quarter
):
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=last_quarter.start,
        period_end=last_quarter.end,
        value=812,
    )

    to_send = text_of(manager_a_client.get(url(cast, "returns")))
    every = text_of(manager_a_client.get(url(cast, "returns") + "?show=all"))

    assert f"KPI 4: Violence with injury Metropolitan Police Service {last_quarter.label}" not in (
        to_send
    )
    assert re.search(rf"{last_quarter.label} .*? 812 Submitted", every)


def test_the_web_form_saves_a_return(cast, manager_a, last_quarter):
    client = client_for(manager_a)

    response = client.post(
        submit_url(cast, cast.violence, last_quarter),
        {"version": "0", "value": "1,204", "commentary": "Night-time economy"},
    )

    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=cast.violence)
    assert (value.period_start, value.period_end) == (last_quarter.start, last_quarter.end)
    assert (value.value, value.commentary, value.source) == (1204, "Night-time economy", "web")
    assert value.submitted_by == manager_a
    assert f"Return saved: KPI 4, {last_quarter.label}." in text_of(client.get(response.url))


def test_a_stale_copy_of_the_form_is_refused(cast, manager_a, analyst_value, last_quarter):
    client = client_for(manager_a)
    page = client.get(submit_url(cast, cast.violence, last_quarter))
    opened_version = page.context["form"].initial["version"]
    analyst_value.value = 900
    analyst_value.version += 1
    analyst_value.save()

    response = client.post(
        submit_url(cast, cast.violence, last_quarter),
        {"version": str(opened_version), "value": "1000"},
    )

    assert response.status_code == 200
    assert "was changed by someone else after you opened it" in text_of(response)
    analyst_value.refresh_from_db()
    assert analyst_value.value == 900


def test_a_return_sent_by_someone_else_since_the_empty_form_opened_is_kept(
    cast, manager_a, make_user, last_quarter
):
    client = client_for(manager_a)
    client.get(submit_url(cast, cast.violence, last_quarter))
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=last_quarter.start,
        period_end=last_quarter.end,
        value=700,
    )

    response = client.post(
        submit_url(cast, cast.violence, last_quarter), {"version": "0", "value": "1000"}
    )

    assert "was changed by someone else after you opened it" in text_of(response)
    assert IndicatorValue.objects.get().value == 700


@pytest.fixture
def analyst_value(cast, last_quarter):
    return IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=last_quarter.start,
        period_end=last_quarter.end,
        value=800,
    )


def test_form_errors_are_shown_the_gov_uk_way(cast, manager_a_client, last_quarter):
    response = manager_a_client.post(
        submit_url(cast, cast.violence, last_quarter), {"version": "0", "value": "twelve"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert '<a href="#id_value">Value: “twelve” is not a number</a>' in html
    assert not IndicatorValue.objects.exists()


def test_no_information_is_sent_with_a_reason(cast, manager_a_client, last_quarter):
    empty = manager_a_client.post(
        submit_url(cast, cast.violence, last_quarter), {"version": "0", "value": ""}
    )
    manager_a_client.post(
        submit_url(cast, cast.violence, last_quarter),
        {"version": "0", "value": "", "no_information_reason": "System replaced"},
    )

    assert "Enter the value, or say why there is no information." in text_of(empty)
    value = IndicatorValue.objects.get()
    assert (value.value, value.no_information_reason) == (None, "System replaced")


def test_a_contributor_sees_and_sends_only_their_organisations_returns(
    cast, police_officer, last_quarter
):
    client = client_for(police_officer)

    listing = text_of(client.get(url(cast, "returns") + "?show=all"))
    own = client.post(
        submit_url(cast, cast.violence, last_quarter), {"version": "0", "value": "10"}
    )
    others = client.post(
        submit_url(cast, cast.treatment, period_for("annual", last_quarter.start)),
        {"version": "0", "value": "10"},
    )
    others_page = client.get(submit_url(cast, cast.treatment, last_quarter))

    assert "KPI 4: Violence with injury" in listing and "KPI 9" not in listing
    assert own.status_code == 302
    assert (others.status_code, others_page.status_code) == (403, 403)
    assert list(IndicatorValue.objects.values_list("indicator__code", flat=True)) == ["KPI 4"]


def test_a_contributor_who_leads_an_indicator_in_person_may_send_it(cast, make_user, last_quarter):
    officer = cast.contributor(make_user, cast.police)
    cast.treatment.lead_person = officer.people.get()
    cast.treatment.save()
    year = previous(period_for("annual", timezone.localdate()))

    response = client_for(officer).post(
        submit_url(cast, cast.treatment, year), {"version": "0", "value": "47.5"}
    )

    assert response.status_code == 302
    assert IndicatorValue.objects.get().indicator == cast.treatment


def test_a_contributors_upload_of_another_organisations_indicator_is_refused(cast, police_officer):
    year = previous(period_for("annual", timezone.localdate()))
    data = csv_file([["KPI 9", period_text(year), "47", "", "", ""]])

    response = client_for(police_officer).post(
        url(cast, "returns-upload"), {"file": SimpleUploadedFile("r.csv", data)}
    )

    assert (
        "Row 2, column indicator_code: you may send returns only for indicators you or your "
        "organisation lead; KPI 9 is led by Haringey Council." in text_of(response)
    )
    assert not IndicatorValue.objects.exists()


def test_viewers_may_not_open_returns(cast, viewer_a_client):
    assert viewer_a_client.get(url(cast, "returns")).status_code == 403


def test_the_upload_page_lists_every_problem_and_saves_nothing(
    cast, manager_a_client, last_quarter
):
    month = previous(period_for("monthly", timezone.localdate()))
    rows = [
        ["ASB 1", period_text(month), "twelve", "", "", ""],
        ["KPI 99", period_text(last_quarter), "3", "", "", ""],
    ]

    response = manager_a_client.post(
        url(cast, "returns-upload"), {"file": SimpleUploadedFile("r.xlsx", xlsx_file(rows))}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The file has 2 problems, so nothing was saved." in html
    assert (
        '<a href="#id_file">Row 2, column value: “twelve” is not a number (leave it empty and '
        "give a no_information_reason).</a>" in html
    )
    assert (
        '<a href="#id_file">Row 3, column indicator_code: there is no indicator with the code '
        "“KPI 99”.</a>" in html
    )
    assert 'data-sb-busy="Checking your file' in html and 'role="status"' in html
    assert not IndicatorValue.objects.exists()


def test_a_good_upload_says_what_it_saved(cast, manager_a_client, last_quarter):
    data = csv_file([["KPI 4", period_text(last_quarter), "1204", "", "", ""]])

    response = manager_a_client.post(
        url(cast, "returns-upload"), {"file": SimpleUploadedFile("r.csv", data)}, follow=True
    )

    assert "File uploaded: 1 new return, 0 changed returns." in text_of(response)
    assert IndicatorValue.objects.get().value == 1204


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_and_export_download(cast, manager_a_client, analyst_value, kind):
    template = manager_a_client.get(url(cast, f"returns-template-{kind}"))
    export = manager_a_client.get(url(cast, f"returns-export-{kind}"))

    assert template["Content-Disposition"].startswith('attachment; filename="haringey-returns-')
    codes = {
        c["indicator_code"] for _, c in read_table(name=f"t.{kind}", data=template.content).rows
    }
    assert codes == {"ASB 1", "KPI 4", "KPI 9"}
    rows = read_table(name=f"e.{kind}", data=export.content).rows
    assert [(c["indicator_code"], str(c["value"])) for _, c in rows] == [("KPI 4", "800")]


def test_another_partnerships_manager_cannot_post_returns(
    cast, manager_b_client, analyst_value, last_quarter
):
    data = csv_file([["KPI 4", period_text(last_quarter), "5", "", "", ""]])

    form = manager_b_client.post(
        submit_url(cast, cast.violence, last_quarter), {"version": "1", "value": "5"}
    )
    upload = manager_b_client.post(
        url(cast, "returns-upload"), {"file": SimpleUploadedFile("r.csv", data)}
    )

    assert (form.status_code, upload.status_code) == (404, 404)
    analyst_value.refresh_from_db()
    assert (analyst_value.value, analyst_value.version) == (800, 1)


def test_a_returns_due_date_follows_the_indicator(cast, manager_a_client, last_quarter):
    cast.violence.return_due_days = 30

    cast.violence.save()
    page = manager_a_client.get(submit_url(cast, cast.violence, last_quarter))

    due = last_quarter.end + datetime.timedelta(days=30)
    assert f"Due by {due.day} {due:%B %Y}" in text_of(page)

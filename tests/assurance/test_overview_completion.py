"""The partnership view's completion: each invited organisation's return is not started, in
progress, submitted (with the date of its last submission) or overdue; the landing page
counts them per framework. Contributors are sent to their own returns instead, and the
framework's partnership view is 404 to them. Query counts do not grow with the data."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.assurance.models import ReturnStatus
from saferboard.assurance.overview import completion_list, framework_completion
from tests.assurance.conftest import framework_build
from tests.assurance.overview_helpers import invite, submitted

TODAY = datetime.date(2025, 10, 15)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_each_return_has_its_state_and_last_submission(framework, police_return, council_return):
    police_return.due_date = datetime.date(2025, 12, 31)
    police_return.status = ReturnStatus.IN_PROGRESS
    police_return.save()
    invite(framework, "Probation Service", due=datetime.date(2025, 12, 31))
    fire = invite(framework, "London Fire Brigade", due=datetime.date(2025, 12, 31))
    submitted(fire, number=1, on=datetime.date(2025, 8, 1))
    submitted(fire, number=2, on=datetime.date(2025, 10, 1))
    fire.status = ReturnStatus.IN_PROGRESS  # changed since, not submitted again
    fire.save()

    completion = framework_completion(framework=framework, today=TODAY)

    states = {row.assurance_return.organisation.name: row for row in completion.rows}
    assert states["Metropolitan Police Service"].label == "In progress"
    assert states["Haringey Council"].label == "Overdue"  # due 30 September 2025
    assert states["Probation Service"].label == "Not started"
    assert states["London Fire Brigade"].label == "Submitted"
    assert states["London Fire Brigade"].changes_pending
    assert states["London Fire Brigade"].submissions == 2
    assert states["London Fire Brigade"].last_submitted.date() == datetime.date(2025, 10, 1)
    assert (completion.invited, completion.submitted) == (4, 1)
    assert {c.label: c.count for c in completion.counts} == {
        "Submitted": 1,
        "In progress": 1,
        "Not started": 1,
        "Overdue": 1,
    }


def test_a_submitted_return_is_never_overdue(framework, council_return):
    submitted(council_return)
    [row] = framework_completion(framework=framework, today=TODAY).rows
    assert row.state == "submitted"
    assert not row.changes_pending


def test_the_landing_page_shows_every_framework_with_its_counts(
    partnership_a, framework, police_return, council_return, viewer_a
):
    submitted(police_return)
    framework_build(partnership_a, name="Prevent duty", body=framework.owner_body)

    page = client_for(viewer_a).get(reverse("assurance:overview", args=[partnership_a.slug]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Section 11 audit (2025)" in html and "Prevent duty (2025)" in html
    assert "1 of 2 submitted" in html
    assert "No organisation invited yet." in html  # the Prevent duty framework
    overview_url = reverse("assurance:framework-overview", args=[partnership_a.slug, framework.pk])
    assert overview_url in html


def test_the_framework_page_links_each_organisations_return(
    partnership_a, framework, police_return, council_return, viewer_a
):
    submitted(police_return, on=datetime.date(2025, 9, 3))
    page = client_for(viewer_a).get(
        reverse("assurance:framework-overview", args=[partnership_a.slug, framework.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("assurance:return-detail", args=[partnership_a.slug, police_return.pk]) in html
    assert "3 Sep 2025" in html
    assert ">Submitted</strong>" in html


def test_contributors_go_to_their_own_returns_and_not_the_partnership_view(
    partnership_a, framework, police, police_return, make_contributor
):
    client = client_for(make_contributor(police))
    landing = client.get(reverse("assurance:overview", args=[partnership_a.slug]))
    assert landing.status_code == 302
    assert landing["Location"] == reverse("assurance:return-list", args=[partnership_a.slug])
    for name in ("framework-overview", "framework-paper", "framework-paper-to-pack"):
        url = reverse(f"assurance:{name}", args=[partnership_a.slug, framework.pk])
        assert client.get(url).status_code == 404, name


def _landing_queries(client, partnership) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("assurance:overview", args=[partnership.slug]))
    assert response.status_code == 200
    return len(queries)


def test_the_landing_page_reads_a_fixed_number_of_queries(partnership_a, framework, viewer_a):
    client = client_for(viewer_a)
    small = _landing_queries(client, partnership_a)
    for n in range(4):
        submitted(invite(framework, f"Partner {n}"))
        other = framework_build(partnership_a, name=f"Framework {n}", body=framework.owner_body)
        invite(other, f"Other partner {n}")
    large = _landing_queries(client, partnership_a)
    assert large == small
    assert len(completion_list(partnership=partnership_a, today=TODAY)) == 5

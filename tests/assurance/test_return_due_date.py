"""Managers extend a return's due date or change its contact e-mail; contributors cannot."""

import datetime

from django.test import Client
from django.urls import reverse


def edit_url(assurance_return):
    return reverse(
        "assurance:return-edit",
        kwargs={"partnership": assurance_return.partnership.slug, "pk": assurance_return.pk},
    )


def test_manager_extends_the_due_date(police_return, manager_a):
    client = Client()
    client.force_login(manager_a)
    response = client.post(
        edit_url(police_return),
        {
            "due_date_day": "31",
            "due_date_month": "12",
            "due_date_year": "2025",
            "contact_email": "lead@police.example",
            "version": police_return.version,
        },
    )
    assert response.status_code == 302
    police_return.refresh_from_db()
    assert police_return.due_date == datetime.date(2025, 12, 31)
    assert police_return.contact_email == "lead@police.example"
    page = client.get(response["Location"]).content.decode()
    assert "31 December 2025" in page and "lead@police.example" in page


def test_a_contributor_cannot_change_the_due_date(police_return, make_contributor, police):
    client = Client()
    client.force_login(make_contributor(police))
    response = client.post(
        edit_url(police_return),
        {"due_date_day": "31", "due_date_month": "12", "due_date_year": "2026"},
    )
    assert response.status_code == 403
    police_return.refresh_from_db()
    assert police_return.due_date == datetime.date(2025, 9, 30)

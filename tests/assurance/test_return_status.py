"""What a return's status reads as: not started, in progress, overdue, submitted, or changes
not yet submitted after a submission."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.assurance.models import ReturnStatus
from saferboard.assurance.returns import status_label

BEFORE = datetime.date(2025, 9, 1)
AFTER = datetime.date(2025, 10, 1)


def test_labels(police_return):
    assert status_label(police_return, BEFORE, submitted_before=False)[0] == "Not started"
    assert status_label(police_return, AFTER, submitted_before=False)[0] == "Overdue"
    police_return.status = ReturnStatus.IN_PROGRESS
    assert status_label(police_return, BEFORE, submitted_before=False)[0] == "In progress"
    assert status_label(police_return, AFTER, submitted_before=True)[0] == ("Changes not submitted")
    police_return.status = ReturnStatus.SUBMITTED
    assert status_label(police_return, AFTER, submitted_before=True)[0] == "Submitted"


def test_the_framework_page_shows_an_overdue_return(police_return, framework, manager_a):
    police_return.due_date = timezone.localdate() - datetime.timedelta(days=1)
    police_return.save()
    client = Client()
    client.force_login(manager_a)
    page = client.get(
        reverse(
            "assurance:framework-detail",
            kwargs={"partnership": framework.partnership.slug, "pk": framework.pk},
        )
    ).content.decode()
    assert 'govuk-tag--red">Overdue' in page

"""Who may do what with the reports: anyone in the partnership reads them; managers and
analysts write a sheet's words, partners its comments; managers and clerks put reports
in a pack. A viewer's POSTs are refused with 403 and write nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.meetings.models import Paper
from saferboard.performance.models import QuarterlySheet
from tests.factories import AgendaItemFactory, IndicatorFactory, MeetingFactory
from tests.performance.conftest import quarterly_values


@pytest.fixture
def setting(partnership_a, violence_priority):
    indicator = IndicatorFactory(partnership=partnership_a, priority=violence_priority)
    quarterly_values(indicator, [90, 130])
    item = AgendaItemFactory(
        partnership=partnership_a,
        meeting=MeetingFactory(
            partnership=partnership_a, date=timezone.localdate() + datetime.timedelta(days=7)
        ),
    )
    slug = partnership_a.slug
    pk = violence_priority.pk

    def url(name, **kwargs):
        return reverse(f"performance:{name}", kwargs={"partnership": slug, **kwargs})

    return {
        "pages": [
            url("quarterly-sheets"),
            url("quarterly-sheet", pk=pk),
            url("quarterly-sheet-pdf", pk=pk),
            url("performance-report"),
            url("performance-report-pdf"),
        ],
        "posts": [
            (
                url("quarterly-sheet-edit", pk=pk) + "?quarter=Q2 2023/24",
                {"context": "Words", "partner_comments": "Comment", "version": 0},
            ),
            (url("exception-report-to-pack"), {"period": "Q2 2023/24", "item": item.pk}),
            (
                url("quarterly-sheet-to-pack", pk=pk),
                {"quarter": "Q2 2023/24", "item": item.pk},
            ),
            (
                url("performance-report-to-pack"),
                {"year": "2023/24", "part": "half", "item": item.pk},
            ),
        ],
    }


def test_a_viewer_reads_the_reports_but_every_post_is_refused(viewer_a_client, setting):
    for page in setting["pages"]:
        assert viewer_a_client.get(page).status_code == 200, page
    for address, data in setting["posts"]:
        assert viewer_a_client.post(address, data).status_code == 403, address
    assert not QuarterlySheet.objects.exists()
    assert not Paper.objects.exists()


def test_a_viewer_is_offered_neither_writing_nor_the_pack(viewer_a_client, setting):
    page = viewer_a_client.get(setting["pages"][1]).content.decode()
    assert "Write the sheet" not in page
    assert "Put in the pack" not in page


def test_an_analyst_writes_the_sheet_but_cannot_put_it_in_the_pack(
    make_user, partnership_a, setting
):
    analyst = Client()
    analyst.force_login(make_user(partnership_a, Role.ANALYST))
    edit, words = setting["posts"][0]
    assert analyst.post(edit, words).status_code == 302
    assert QuarterlySheet.objects.get().context == "Words"
    for address, data in setting["posts"][1:]:
        assert analyst.post(address, data).status_code == 403, address
    assert not Paper.objects.exists()

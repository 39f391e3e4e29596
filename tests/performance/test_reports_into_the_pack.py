"""A clerk or manager puts a report into a meeting's pack: its PDF becomes a paper of the
chosen agenda item of an upcoming meeting, and putting it there again replaces the copy
rather than adding another."""

import datetime
import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.meetings.models import Paper, StandingKind
from tests.factories import AgendaItemFactory, IndicatorFactory, MeetingFactory
from tests.performance.conftest import quarterly_values


@pytest.fixture
def next_board(partnership_a):
    return MeetingFactory(
        partnership=partnership_a,
        title="Safer Haringey Board",
        date=timezone.localdate() + datetime.timedelta(days=14),
    )


@pytest.fixture
def performance_item(partnership_a, next_board):
    return AgendaItemFactory(
        partnership=partnership_a, meeting=next_board, number=6, title="Performance report"
    )


@pytest.fixture
def burglary(partnership_a, violence_priority):
    indicator = IndicatorFactory(
        partnership=partnership_a, priority=violence_priority, code="KPI 4", name="Burglary"
    )
    quarterly_values(indicator, [90, 130])  # Q1 and Q2 2023/24: red in Q2
    return indicator


@pytest.fixture
def clerk_client(clerk_a):
    client = Client()
    client.force_login(clerk_a)
    return client


def url(name, partnership, **kwargs):
    return reverse(f"performance:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def paper_text(paper: Paper) -> str:
    with paper.pdf.open("rb") as file:
        reader = pypdf.PdfReader(io.BytesIO(file.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_exception_report_page_offers_the_upcoming_items(
    clerk_client, partnership_a, performance_item, burglary
):
    page = clerk_client.get(url("exception-report", partnership_a), {"period": "Q2 2023/24"})
    html = page.content.decode()
    assert "Put this report in a meeting's pack" in html
    assert f'<option value="{performance_item.pk}">6. Performance report</option>' in html
    assert 'name="period" value="Q2 2023/24"' in html


def test_the_exception_report_goes_on_the_chosen_item_and_replaces_its_copy(
    clerk_client, partnership_a, next_board, performance_item, burglary
):
    to_pack = url("exception-report-to-pack", partnership_a)
    response = clerk_client.post(to_pack, {"period": "Q1 2023/24", "item": performance_item.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{performance_item.pk}")
    paper = Paper.objects.get(item=performance_item)
    assert paper.generated and paper.title == "Performance exception report, Q1 2023/24"
    assert "No indicator is red or amber" in paper_text(paper)

    # Again for the next quarter: the same paper, now Q2's report with burglary red.
    clerk_client.post(to_pack, {"period": "Q2 2023/24", "item": performance_item.pk})
    paper = Paper.objects.get(item=performance_item)
    assert paper.title == "Performance exception report, Q2 2023/24"
    assert "Burglary" in paper_text(paper)
    assert paper.version > 1


def test_a_quarterly_sheet_and_the_half_year_report_go_in_beside_each_other(
    manager_a_client, partnership_a, violence_priority, performance_item, burglary
):
    sheet_to_pack = url("quarterly-sheet-to-pack", partnership_a, pk=violence_priority.pk)
    report_to_pack = url("performance-report-to-pack", partnership_a)
    item = performance_item.pk
    manager_a_client.post(sheet_to_pack, {"quarter": "Q2 2023/24", "item": item})
    manager_a_client.post(report_to_pack, {"year": "2023/24", "part": "half", "item": item})
    manager_a_client.post(sheet_to_pack, {"quarter": "Q2 2023/24", "item": item})
    titles = sorted(Paper.objects.filter(item=performance_item).values_list("title", flat=True))
    assert titles == [
        "Half-year performance report 2023/24",
        "Quarterly performance sheet: priority 1. Reduce violence, Q2 2023/24",
    ]
    sheet = Paper.objects.get(item=performance_item, title__startswith="Quarterly")
    assert "KPI 4 Burglary" in paper_text(sheet)
    report = Paper.objects.get(item=performance_item, title__startswith="Half-year")
    text = paper_text(report)
    assert "Overall summary" in text and "Burglary" in text


def test_another_partnerships_item_or_priority_is_not_found(
    make_user, partnership_a, partnership_b, performance_item, violence_priority, burglary
):
    their_item = AgendaItemFactory(
        partnership=partnership_b,
        meeting=MeetingFactory(
            partnership=partnership_b, date=timezone.localdate() + datetime.timedelta(days=7)
        ),
    )
    client = Client()
    client.force_login(make_user(partnership_a, Role.CLERK))
    response = client.post(
        url("exception-report-to-pack", partnership_a),
        {"period": "Q2 2023/24", "item": their_item.pk},
    )
    assert response.status_code == 404
    # B's clerk cannot reach A's priority, even with an item of their own.
    clerk_b = Client()
    clerk_b.force_login(make_user(partnership_b, Role.CLERK))
    response = clerk_b.post(
        url("quarterly-sheet-to-pack", partnership_b, pk=violence_priority.pk),
        {"quarter": "Q2 2023/24", "item": their_item.pk},
    )
    assert response.status_code == 404
    assert not Paper.objects.exists()


def test_past_meetings_and_standing_items_are_refused(
    clerk_client, partnership_a, next_board, burglary
):
    past_item = AgendaItemFactory(
        partnership=partnership_a,
        meeting=MeetingFactory(
            partnership=partnership_a, date=timezone.localdate() - datetime.timedelta(days=1)
        ),
    )
    apologies = AgendaItemFactory(
        partnership=partnership_a,
        meeting=next_board,
        title="Apologies",
        standing_kind=StandingKind.APOLOGIES,
    )
    page = clerk_client.get(url("exception-report", partnership_a)).content.decode()
    assert f'value="{past_item.pk}"' not in page and f'value="{apologies.pk}"' not in page
    to_pack = url("exception-report-to-pack", partnership_a)
    for item in (past_item, apologies):
        response = clerk_client.post(
            to_pack, {"period": "Q2 2023/24", "item": item.pk}, follow=True
        )
        assert "Choose" in response.content.decode()
    response = clerk_client.post(to_pack, {"period": "Q2 2023/24"}, follow=True)
    assert "Choose the meeting and agenda item" in response.content.decode()
    assert not Paper.objects.exists()

"""The summary paper: the framework's completion, heat map and themes as a PDF, downloaded
by anyone in the partnership who reads the partnership view, and put by a clerk or manager
on an agenda item of an upcoming meeting (again: the copy is replaced, not added)."""

import datetime
import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferboard.meetings.models import Paper
from tests.assurance.overview_helpers import invite, submitted
from tests.factories import AgendaItemFactory, MeetingFactory


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def weak_framework(framework):
    submitted(invite(framework, "Probation Service"), {"2.1": "partly"})
    submitted(invite(framework, "London Fire Brigade"), {"2.1": "not_met"})
    invite(framework, "Whittington Health", due=datetime.date(2025, 1, 31))
    return framework


@pytest.fixture
def board_item(partnership_a):
    meeting = MeetingFactory(
        partnership=partnership_a,
        title="Safeguarding Partnership Board",
        date=timezone.localdate() + datetime.timedelta(days=10),
    )
    return AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, number=4, title="Section 11 audit"
    )


def test_the_paper_is_a_pdf_of_completion_ratings_and_themes(
    partnership_a, weak_framework, viewer_a
):
    url = reverse("assurance:framework-paper", args=[partnership_a.slug, weak_framework.pk])
    response = client_for(viewer_a).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "assurance-summary-section-11-audit-2025.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Section 11 audit (2025): partner assurance summary" in text
    assert "2 of 3 organisations have submitted; 1 overdue" in text
    for name in ("Probation Service", "London Fire Brigade", "Whittington Health"):
        assert name in text
    assert "Partially met" in text and "Not met" in text
    assert "Themes where many partners are weak" in text
    assert "Probation Service: Partially met" in text


def test_the_clerk_puts_the_paper_on_an_agenda_item_and_again_replaces_it(
    partnership_a, weak_framework, board_item, clerk_a
):
    client = client_for(clerk_a)
    overview = reverse("assurance:framework-overview", args=[partnership_a.slug, weak_framework.pk])
    assert f'<option value="{board_item.pk}">' in client.get(overview).content.decode()
    to_pack = reverse(
        "assurance:framework-paper-to-pack", args=[partnership_a.slug, weak_framework.pk]
    )

    first = client.post(to_pack, {"item": board_item.pk})
    second = client.post(to_pack, {"item": board_item.pk})

    assert first.status_code == second.status_code == 302
    assert first["Location"].endswith(f"#item-{board_item.pk}")
    paper = Paper.objects.get(item=board_item)
    assert paper.generated
    assert paper.title == "Section 11 audit (2025): partner assurance summary"
    with paper.pdf.open("rb") as file:
        assert "London Fire Brigade" in pdf_text(file.read())


def test_no_item_chosen_saves_nothing(partnership_a, weak_framework, board_item, clerk_a):
    to_pack = reverse(
        "assurance:framework-paper-to-pack", args=[partnership_a.slug, weak_framework.pk]
    )
    response = client_for(clerk_a).post(to_pack, {"item": ""}, follow=True)
    assert "Choose the meeting and agenda item" in response.content.decode()
    assert not Paper.objects.filter(item=board_item).exists()


def test_a_viewer_may_read_the_paper_but_not_put_it_in_a_pack(
    partnership_a, weak_framework, board_item, viewer_a
):
    client = client_for(viewer_a)
    overview = reverse("assurance:framework-overview", args=[partnership_a.slug, weak_framework.pk])
    assert "Put this report in a meeting's pack" not in client.get(overview).content.decode()
    to_pack = reverse(
        "assurance:framework-paper-to-pack", args=[partnership_a.slug, weak_framework.pk]
    )
    assert client.post(to_pack, {"item": board_item.pk}).status_code == 403
    assert not Paper.objects.filter(item=board_item).exists()

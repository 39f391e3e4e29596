"""The annual review paper: a PDF of the counts, OFFICIAL-SENSITIVE on every page, with no
subject detail; it goes in a meeting's pack only on an item marked OFFICIAL-SENSITIVE."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from saferboard.meetings.models import Paper, SecurityMarking
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.sharing.conftest import signed_in
from tests.sharing.test_report_counts import SECRET_ASK, SUBJECT, sent


def _pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_holds_the_counts_marked_on_every_page(
    partnership_a, police_party, council_party, governance_user
):
    police, _ = police_party
    council, _ = council_party
    for day in range(1, 8):
        on = datetime.date(2025, 7, day)
        sent(police, council, "disclosed", on=on, received=on, supplied=on)
    sent(council, police, "declined", on=datetime.date(2025, 7, 9))
    client = signed_in(governance_user, second_factor=False)

    response = client.get(
        reverse("sharing:report-pdf", kwargs={"partnership": partnership_a.slug}),
        {"year": "2025"},
    )

    assert response["Content-Type"] == "application/pdf"
    assert "information-sharing-annual-review-2025-26.pdf" in response["Content-Disposition"]
    pages = _pdf_pages(response.content)
    text = "\n".join(pages)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    assert "Information sharing annual review 2025/26" in text
    assert "Requests sent between 1 April 2025 and 31 March 2026: 8" in " ".join(text.split())
    assert "Disclosed 7" in text and "Declined 1" in text
    assert SUBJECT not in text and SECRET_ASK not in text


def test_it_goes_on_an_official_sensitive_item_only(partnership_a, governance_user):
    meeting = MeetingFactory(
        partnership=partnership_a, date=timezone.localdate() + datetime.timedelta(days=14)
    )
    public_item = AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, title="Community safety update"
    )
    sensitive_item = AgendaItemFactory(
        partnership=partnership_a,
        meeting=meeting,
        title="Information sharing annual review",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
    )
    client = signed_in(governance_user, second_factor=False)
    slug = {"partnership": partnership_a.slug}

    page = client.get(reverse("sharing:reports", kwargs=slug)).content.decode()
    assert f'value="{sensitive_item.pk}"' in page
    assert f'value="{public_item.pk}"' not in page

    refused = client.post(
        reverse("sharing:report-to-pack", kwargs=slug), {"item": public_item.pk, "year": "2025"}
    )
    assert not Paper.objects.exists()
    shown = client.get(refused["Location"]).content.decode()
    assert "is not marked OFFICIAL-SENSITIVE" in shown

    put = client.post(
        reverse("sharing:report-to-pack", kwargs=slug), {"item": sensitive_item.pk, "year": "2025"}
    )
    assert put.status_code == 302
    paper = Paper.objects.get()
    assert paper.item == sensitive_item and paper.generated
    assert paper.title == "Information sharing annual review 2025/26"
    assert not paper.item.is_public
    pages = _pdf_pages(paper.pdf.read())
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)

    again = client.post(
        reverse("sharing:report-to-pack", kwargs=slug), {"item": sensitive_item.pk, "year": "2025"}
    )
    assert again.status_code == 302 and Paper.objects.count() == 1


def test_another_partnerships_item_is_404(partnership_a, partnership_b, governance_user):
    theirs = AgendaItemFactory(
        partnership=partnership_b, security_marking=SecurityMarking.OFFICIAL_SENSITIVE
    )
    client = signed_in(governance_user, second_factor=False)

    response = client.post(
        reverse("sharing:report-to-pack", kwargs={"partnership": partnership_a.slug}),
        {"item": theirs.pk},
    )

    assert response.status_code == 404 and not Paper.objects.exists()

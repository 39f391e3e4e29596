"""A request's page shows its subjects only as a count with their roles; the personal
details page and the PDF decrypt them for the parties' SPOCs and governance, and every
read is written to the access log."""

import io

from django.urls import reverse
from pypdf import PdfReader

from saferboard.sharing.models import AccessKind, AccessLogEntry
from tests.sharing.conftest import signed_in, subject_markers_in


def url(name, request):
    return reverse(
        f"sharing:{name}", kwargs={"partnership": request.partnership.slug, "pk": request.pk}
    )


def test_the_request_page_shows_only_how_many_subjects_and_their_roles(
    submitted_request, council_party
):
    client = signed_in(council_party[1], second_factor=True)
    page = client.get(url("request-detail", submitted_request)).content.decode()
    assert "2 subjects: suspect, victim" in page
    assert "Show personal details" in page
    assert "OFFICIAL-SENSITIVE" in page
    assert subject_markers_in(page) == []
    assert not AccessLogEntry.objects.exists()


def test_each_view_of_the_personal_details_is_logged(
    submitted_request, police_party, council_party, governance_user
):
    for user in (police_party[1], council_party[1], governance_user, council_party[1]):
        client = signed_in(user, second_factor=True)
        response = client.get(url("request-subjects", submitted_request))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Jonquil Marrowbank" in page and "17 Pellucid Mews" in page
        assert "23 November 1987" in page and "Tamsin Oyelaran-Vique" in page
        assert "no-store" in response["Cache-Control"]
    log = list(AccessLogEntry.objects.order_by("at", "pk").values_list("user", "kind"))
    assert log == [
        (police_party[1].pk, AccessKind.VIEWED),
        (council_party[1].pk, AccessKind.VIEWED),
        (governance_user.pk, AccessKind.VIEWED),
        (council_party[1].pk, AccessKind.VIEWED),
    ]


def test_the_pdf_holds_the_form_with_the_subjects_and_is_logged_as_a_download(
    submitted_request, police_party
):
    client = signed_in(police_party[1], second_factor=True)

    response = client.get(url("request-pdf", submitted_request))

    assert response["Content-Type"] == "application/pdf"
    assert f"{submitted_request.reference}.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Jonquil Marrowbank" in text and "23/11/1987" in text
    assert "Current tenancy status" in text
    for page in reader.pages:
        assert page.extract_text().count("OFFICIAL-SENSITIVE") >= 2
    entry = AccessLogEntry.objects.get()
    assert entry.user == police_party[1] and entry.kind == AccessKind.DOWNLOADED

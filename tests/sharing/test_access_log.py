"""The access log: information governance users see who opened which request's personal
details, when, and how (page or PDF)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.sharing.conftest import send_request, signed_in, subject_markers_in


def test_governance_sees_who_opened_which_personal_details(
    partnership_a, submitted_request, police_party, council_party, governance_user
):
    kwargs = {"partnership": partnership_a.slug, "pk": submitted_request.pk}
    signed_in(council_party[1], second_factor=True).get(
        reverse("sharing:request-subjects", kwargs=kwargs)
    )
    signed_in(police_party[1], second_factor=True).get(
        reverse("sharing:request-pdf", kwargs=kwargs)
    )
    client = signed_in(governance_user, second_factor=True)

    page = client.get(reverse("sharing:access-log", args=[partnership_a.slug])).content.decode()

    assert council_party[1].username in page and police_party[1].username in page
    assert page.count(submitted_request.reference) >= 2
    assert "Viewed the personal details" in page
    assert "Downloaded the request as a PDF" in page
    assert subject_markers_in(page) == []


def test_the_access_log_makes_the_same_queries_for_more_entries(
    partnership_a, police_party, council_party, governance_user
):
    client = signed_in(governance_user, second_factor=True)
    address = reverse("sharing:access-log", args=[partnership_a.slug])

    def open_details(times):
        for _ in range(times):
            request = send_request(partnership_a, police_party, council_party)
            client.get(
                reverse(
                    "sharing:request-subjects",
                    kwargs={"partnership": partnership_a.slug, "pk": request.pk},
                )
            )

    open_details(1)
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        client.get(address)
    open_details(4)
    with CaptureQueriesContext(connection) as five:
        client.get(address)
    assert len(five) == len(one)

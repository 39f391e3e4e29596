"""The list of requests: each party's SPOC sees the requests their party made or was asked,
with reference, parties, status and dates, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.sharing.conftest import send_request, signed_in, subject_markers_in


def test_the_list_shows_reference_parties_and_status(partnership_a, police_party, council_party):
    request = send_request(partnership_a, police_party, council_party)
    client = signed_in(council_party[1], second_factor=True)

    page = client.get(reverse("sharing:request-list", args=[partnership_a.slug])).content.decode()

    assert request.reference in page
    assert "Metropolitan Police Service" in page and "Haringey Council" in page
    assert "Sent to the discloser" in page
    assert "OFFICIAL-SENSITIVE" in page
    assert subject_markers_in(page) == []


def test_the_list_makes_the_same_queries_for_more_requests(
    partnership_a, police_party, council_party
):
    client = signed_in(police_party[1], second_factor=True)
    address = reverse("sharing:request-list", args=[partnership_a.slug])
    send_request(partnership_a, police_party, council_party)
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        client.get(address)
    for _ in range(5):
        send_request(partnership_a, police_party, council_party)
    with CaptureQueriesContext(connection) as six:
        response = client.get(address)
    assert response.content.decode().count("ISR-") == 6
    assert len(six) == len(one)

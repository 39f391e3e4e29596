"""Requests over the API: only for their parties' SPOCs and information governance users
who verified their session with a second factor; never any subject detail; an API token
alone (no second factor) sees none."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from tests.sharing.conftest import send_request, signed_in, subject_markers_in


def test_the_parties_spocs_list_their_requests_without_subject_details(
    partnership_a, police_party, council_party, governance_user, make_user
):
    request = send_request(partnership_a, police_party, council_party)
    for user in (police_party[1], council_party[1], governance_user):
        client = signed_in(user, second_factor=True)
        listing = client.get("/api/v1/sharing-requests/")
        one = client.get(f"/api/v1/sharing-requests/{request.pk}/")
        assert listing.status_code == 200 and one.status_code == 200
        rows = listing.json()["results"] if "results" in listing.json() else listing.json()
        assert [row["reference"] for row in rows] == [request.reference]
        assert rows[0]["disclosing_organisation"] == "Haringey Council"
        for response in (listing, one):
            assert subject_markers_in(response.content.decode()) == []
            assert "encrypted" not in response.content.decode()


def test_others_and_unverified_sessions_and_tokens_see_no_requests(
    partnership_a, partnership_b, police_party, council_party, make_user
):
    request = send_request(partnership_a, police_party, council_party)
    clients = [
        signed_in(make_user(partnership_a, Role.MANAGER), second_factor=True),
        signed_in(make_user(partnership_b, Role.INFORMATION_GOVERNANCE), second_factor=True),
        signed_in(police_party[1], second_factor=False),
    ]
    token_client = APIClient()
    token = Token.objects.create(user=police_party[1])
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    clients.append(token_client)
    for client in clients:
        listing = client.get("/api/v1/sharing-requests/")
        assert request.reference not in listing.content.decode()
        assert client.get(f"/api/v1/sharing-requests/{request.pk}/").status_code == 404

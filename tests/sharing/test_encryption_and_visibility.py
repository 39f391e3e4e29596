"""Subject details are ciphertext at rest; only the parties' SPOCs and information
governance users see a request; SPOCs and IG users need a second factor."""

import datetime

import pytest
from django.db import connection

from saferboard.core.roles import Role
from saferboard.sharing import crypto, selectors
from saferboard.sharing.models import DisclosureRequest, RequestSubject
from tests.factories import OrganisationFactory, PartyFactory, PersonFactory
from tests.sharing.conftest import signed_in


def _request(partnership, protocol, requesting, disclosing):
    request = DisclosureRequest.objects.create(
        partnership=partnership,
        agreement=protocol,
        reference="ISR-0001",
        requesting_party=requesting,
        disclosing_party=disclosing,
        requester_name="PC Amy Lee",
        requester_job_title="Police constable",
        information_requested="Tenancy details",
        purpose="Anti-social behaviour case conference",
        consent_obtained=True,
        destroy_on=datetime.date(2027, 1, 1),
    )
    RequestSubject.objects.create(
        partnership=partnership,
        request=request,
        role="suspect",
        name_encrypted=crypto.encrypt("Jonathan Quilter"),
        date_of_birth_encrypted=crypto.encrypt("1990-02-03"),
    )
    return request


def test_subject_name_is_not_in_the_raw_table(partnership_a, protocol, police_party, council_party):
    _request(partnership_a, protocol, police_party[0], council_party[0])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {RequestSubject._meta.db_table}")
        raw = repr(cursor.fetchall())
    assert "Quilter" not in raw
    assert "1990" not in raw
    subject = RequestSubject.objects.get()
    assert crypto.decrypt(subject.name_encrypted) == "Jonathan Quilter"


def test_a_token_from_another_key_is_unreadable(settings):
    from cryptography.fernet import Fernet

    token = crypto.encrypt("Jonathan Quilter")
    settings.SHARING_KEYS = [Fernet.generate_key().decode()]
    crypto.reset()
    with pytest.raises(crypto.UnreadableError):
        crypto.decrypt(token)


def test_keys_rotate(settings):
    from cryptography.fernet import Fernet

    token = crypto.encrypt("Jonathan Quilter")
    settings.SHARING_KEYS = [Fernet.generate_key().decode(), *settings.SHARING_KEYS]
    crypto.reset()
    rotated = crypto.rotate(token)
    settings.SHARING_KEYS = settings.SHARING_KEYS[:1]
    crypto.reset()
    assert crypto.decrypt(rotated) == "Jonathan Quilter"


def test_only_the_parties_spocs_and_governance_see_a_request(
    partnership_a, protocol, police_party, council_party, governance_user, make_user
):
    request = _request(partnership_a, protocol, police_party[0], council_party[0])
    outsider_org = OrganisationFactory(partnership=partnership_a, name="Fire")
    outsider = make_user(partnership_a, Role.CONTRIBUTOR)
    PartyFactory(
        partnership=partnership_a,
        agreement=protocol,
        organisation=outsider_org,
        spoc=PersonFactory(partnership=partnership_a, user=outsider),
    )
    manager = make_user(partnership_a, Role.MANAGER)

    def sees(user, roles):
        return list(selectors.request_list(partnership=partnership_a, user=user, roles=roles))

    assert sees(police_party[1], frozenset({Role.CONTRIBUTOR})) == [request]
    assert sees(council_party[1], frozenset({Role.CONTRIBUTOR})) == [request]
    assert sees(governance_user, frozenset({Role.INFORMATION_GOVERNANCE})) == [request]
    assert sees(outsider, frozenset({Role.CONTRIBUTOR})) == []
    assert sees(manager, frozenset({Role.MANAGER})) == []


def test_spocs_need_a_second_factor(partnership_a, police_party, governance_user, manager_a):
    spoc = police_party[1]
    roles = frozenset({Role.CONTRIBUTOR})
    client = signed_in(spoc, second_factor=False)
    request = client.get("/").wsgi_request
    assert selectors.needs_second_factor(partnership=partnership_a, user=request.user, roles=roles)
    client = signed_in(spoc, second_factor=True)
    request = client.get("/").wsgi_request
    assert not selectors.needs_second_factor(
        partnership=partnership_a, user=request.user, roles=roles
    )
    assert not selectors.needs_second_factor(
        partnership=partnership_a, user=manager_a, roles=frozenset({Role.MANAGER})
    )

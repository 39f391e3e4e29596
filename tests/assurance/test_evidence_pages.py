"""Evidence files are removed through a confirmation page, and only by those who complete
the return."""

from django.test import Client
from django.urls import reverse

from saferboard.assurance.models import Answer, Evidence


def test_remove_a_file(police_return, framework, make_contributor, police, viewer_a):
    standard = framework.sections.first().standards.get(number="1.1")
    answer = Answer.objects.create(
        partnership=police_return.partnership, assurance_return=police_return, standard=standard
    )
    evidence = Evidence.objects.create(
        partnership=police_return.partnership,
        answer=answer,
        title="Old policy",
        file="assurance/evidence/old.pdf",
        original_name="old.pdf",
    )
    address = reverse(
        "assurance:evidence-remove",
        kwargs={"partnership": police_return.partnership.slug, "pk": evidence.pk},
    )
    viewer = Client()
    viewer.force_login(viewer_a)
    assert viewer.post(address, {}).status_code == 403
    client = Client()
    client.force_login(make_contributor(police))
    assert "Remove “Old policy”?" in client.get(address).content.decode()
    response = client.post(address, {})
    assert response.status_code == 302
    assert f"standard-{standard.pk}" in response["Location"]
    assert not Evidence.objects.exists()

"""A manager adds a shorter variant to a draft framework by choosing its standards."""

from django.test import Client
from django.urls import reverse

from saferboard.assurance.models import FrameworkStatus, Standard


def test_add_and_change_a_variant(framework, manager_a):
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    client = Client()
    client.force_login(manager_a)
    slug = framework.partnership.slug
    standards = {s.number: s for s in Standard.objects.filter(section__framework=framework)}
    response = client.post(
        reverse("assurance:variant-add", kwargs={"partnership": slug, "pk": framework.pk}),
        {"name": "Small organisations", "standards": [standards["1.1"].pk, standards["2.1"].pk]},
    )
    assert response.status_code == 302
    variant = framework.variants.get()
    assert sorted(s.number for s in variant.standards.all()) == ["1.1", "2.1"]
    response = client.post(
        reverse("assurance:variant-edit", kwargs={"partnership": slug, "pk": variant.pk}),
        {
            "name": "Small organisations",
            "standards": [standards["1.2"].pk],
            "version": variant.version,
        },
    )
    assert response.status_code == 302
    assert [s.number for s in variant.standards.all()] == ["1.2"]
    page = client.get(
        reverse("assurance:framework-detail", kwargs={"partnership": slug, "pk": framework.pk})
    ).content.decode()
    assert "Small organisations" in page


def test_a_variant_needs_a_standard(framework, manager_a):
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    client = Client()
    client.force_login(manager_a)
    response = client.post(
        reverse(
            "assurance:variant-add",
            kwargs={"partnership": framework.partnership.slug, "pk": framework.pk},
        ),
        {"name": "Empty"},
    )
    assert response.status_code == 200
    assert "Select the standards" in response.content.decode()
    assert not framework.variants.exists()

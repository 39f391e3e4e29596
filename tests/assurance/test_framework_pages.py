"""A manager builds a framework through its pages, opens it and invites organisations."""

from django.test import Client
from django.urls import reverse

from saferboard.assurance.models import AssuranceReturn, Framework, FrameworkStatus, Standard
from tests.factories import BodyFactory


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def date_fields(name, day, month, year):
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def test_build_open_and_invite(partnership_a, manager_a, police, council):
    client = client_for(manager_a)
    slug = partnership_a.slug
    body = BodyFactory(partnership=partnership_a, name="Safeguarding Adults Board")
    response = client.post(
        reverse("assurance:framework-add", kwargs={"partnership": slug}),
        {"name": "Prevent duty", "version_label": "2025", "owner_body": body.pk, "description": ""}
        | date_fields("period_start", 1, 4, 2025)
        | date_fields("period_end", 31, 3, 2026),
    )
    assert response.status_code == 302
    framework = Framework.objects.get(name="Prevent duty")
    fw = {"partnership": slug, "pk": framework.pk}
    client.post(
        reverse("assurance:scale-add", kwargs=fw),
        {
            "name": "Met or not",
            "levels": "met: Met\npartly: Partially met\nnot_met: Not met",
            "meeting_count": "1",
            "not_applicable": "on",
        },
    )
    scale = framework.scales.get()
    assert [lv.label for lv in scale.levels.all()] == [
        "Met",
        "Partially met",
        "Not met",
        "Not applicable",
    ]
    client.post(reverse("assurance:section-add", kwargs=fw), {"number": "1", "title": "Leadership"})
    section = framework.sections.get()
    partly = scale.levels.get(code="partly")
    not_met = scale.levels.get(code="not_met")
    form_page = client.get(
        reverse("assurance:standard-add", kwargs={"partnership": slug, "pk": section.pk})
    ).content.decode()
    assert f'name="action_{not_met.pk}"' in form_page
    assert 'class="govuk-input govuk-input--width-4"' in form_page
    response = client.post(
        reverse("assurance:standard-add", kwargs={"partnership": slug, "pk": section.pk}),
        {
            "number": "1.1",
            "title": "A Prevent lead is named",
            "guidance": "Name and role.",
            "scale": scale.pk,
            "evidence_required": "on",
            f"action_{partly.pk}": "Confirm the lead's training",
            f"due_{partly.pk}": "60",
            f"action_{not_met.pk}": "Name a Prevent lead",
            f"due_{not_met.pk}": "14",
        },
    )
    assert response.status_code == 302
    standard = Standard.objects.get(section=section)
    assert sorted((a.text, a.due_in_days) for a in standard.suggested_actions.all()) == [
        ("Confirm the lead's training", 60),
        ("Name a Prevent lead", 14),
    ]
    page = client.get(reverse("assurance:framework-detail", kwargs=fw)).content.decode()
    assert "Name a Prevent lead" in page and "due 14 days after submission" in page

    client.post(reverse("assurance:framework-open", kwargs=fw), {})
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.OPEN
    response = client.post(
        reverse("assurance:invite", kwargs=fw),
        {"organisations": [police.pk, council.pk]} | date_fields("due_date", 31, 10, 2025),
    )
    assert response.status_code == 302
    assert set(
        AssuranceReturn.objects.filter(framework=framework).values_list("organisation", flat=True)
    ) == {
        police.pk,
        council.pk,
    }
    # Once open, the shape is fixed: the page offers no way to add a section.
    page = client.get(reverse("assurance:framework-detail", kwargs=fw)).content.decode()
    assert "Add a section" not in page


def test_copy_page_makes_a_new_version(framework, manager_a):
    client = client_for(manager_a)
    slug = framework.partnership.slug
    response = client.post(
        reverse("assurance:framework-copy", kwargs={"partnership": slug, "pk": framework.pk}),
        {"version_label": "2026"}
        | date_fields("period_start", 1, 4, 2026)
        | date_fields("period_end", 31, 3, 2027),
    )
    copy = Framework.objects.get(version_label="2026")
    assert response["Location"] == reverse(
        "assurance:framework-detail", kwargs={"partnership": slug, "pk": copy.pk}
    )
    assert Standard.objects.filter(section__framework=copy).count() == 4


def test_contributors_do_not_manage_frameworks(framework, make_contributor, police):
    client = client_for(make_contributor(police))
    slug = framework.partnership.slug
    assert (
        client.get(reverse("assurance:framework-list", kwargs={"partnership": slug})).status_code
        == 403
    )
    assert (
        client.get(
            reverse("assurance:invite", kwargs={"partnership": slug, "pk": framework.pk})
        ).status_code
        == 403
    )


def test_the_framework_page_leads_to_its_partnership_view_and_paper(framework, viewer_a):
    slug, pk = framework.partnership.slug, framework.pk
    page = client_for(viewer_a).get(
        reverse("assurance:framework-detail", kwargs={"partnership": slug, "pk": pk})
    )
    text = page.content.decode()
    for name in ("assurance:framework-overview", "assurance:framework-paper"):
        assert f'href="{reverse(name, kwargs={"partnership": slug, "pk": pk})}"' in text

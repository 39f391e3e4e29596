"""A contributor completes their organisation's return a section per page, checks the
answers and submits; nobody else's return is theirs to see."""

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.assurance.models import Answer, ReturnStatus, Submission


def url(name, assurance_return, query=""):
    path = reverse(
        f"assurance:{name}",
        kwargs={"partnership": assurance_return.partnership.slug, "pk": assurance_return.pk},
    )
    return path + query


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def section_post(section, codes: dict, *, button="continue", versions=None, links=None):
    """The POST of one section's page: {standard number: level code}."""
    data = {button: ""}
    for standard in section.standards.all():
        code = codes.get(standard.number)
        if code:
            data[f"level_{standard.pk}"] = str(standard.scale.levels.get(code=code).pk)
        data[f"comment_{standard.pk}"] = f"About {standard.number}"
        data[f"link_{standard.pk}"] = (links or {}).get(standard.number, "")
        data[f"version_{standard.pk}"] = (versions or {}).get(standard.number, "")
    return data


@pytest.fixture
def police_user(make_contributor, police):
    return make_contributor(police)


def test_complete_every_section_check_and_submit(police_return, framework, police_user):
    client = client_for(police_user)
    first, second = framework.sections.all()
    page = client.get(url("return-detail", police_return))
    assert "0 of 2 answered" in page.content.decode()

    response = client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(
            first, {"1.1": "met", "1.2": "partly"}, links={"1.1": "https://example.org/lead"}
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url("return-answer", police_return, f"?section={second.pk}")
    response = client.post(
        url("return-answer", police_return, f"?section={second.pk}"),
        section_post(
            second, {"2.1": "not_met", "2.2": "na"}, links={"2.1": "https://example.org/dbs"}
        ),
    )
    assert response["Location"] == url("return-check", police_return)

    check = client.get(url("return-check", police_return)).content.decode()
    assert "Partially met" in check and "Not met" in check
    assert "cannot be submitted" not in check
    response = client.post(url("return-check", police_return), {})
    assert response.status_code == 302
    submission = Submission.objects.get(assurance_return=police_return)
    assert submission.number == 1
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.SUBMITTED


def test_save_and_come_back_later(police_return, framework, police_user):
    client = client_for(police_user)
    first = framework.sections.first()
    page = client.get(url("return-answer", police_return, f"?section={first.pk}")).content.decode()
    assert page.count('class="govuk-textarea"') == 2
    assert page.count('class="govuk-radios__input"') == 8
    response = client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.2": "met"}, button="later"),
    )
    assert response["Location"] == url("return-detail", police_return)
    page = client.get(response["Location"]).content.decode()
    assert "1 of 2 answered" in page
    assert "are saved" in page


def test_submit_is_refused_naming_the_standard(police_return, framework, police_user):
    client = client_for(police_user)
    first = framework.sections.first()
    client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.1": "met", "1.2": "met"}),
    )
    check = client.get(url("return-check", police_return)).content.decode()
    assert "Standard 1.1 Senior lead for safeguarding is named needs evidence" in check
    response = client.post(url("return-check", police_return), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_stale_page_is_refused(police_return, framework, police_user, manager_a):
    first = framework.sections.first()
    client = client_for(police_user)
    client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.2": "met"}),
    )
    version = Answer.objects.get(standard__number="1.2").version
    client_for(manager_a).post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.2": "partly"}, versions={"1.2": version}),
    )
    response = client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.2": "not_met"}, versions={"1.2": version}),
    )
    assert response.status_code == 200
    assert "changed" in response.content.decode().lower()
    assert Answer.objects.get(standard__number="1.2").level.code == "partly"


def test_another_organisations_return_is_404(
    police_return, council_return, framework, make_contributor, council
):
    client = client_for(make_contributor(council))
    first = framework.sections.first()
    for name, query in (
        ("return-detail", ""),
        ("return-answer", f"?section={first.pk}"),
        ("return-check", ""),
    ):
        assert client.get(url(name, police_return, query)).status_code == 404
    assert client.post(url("return-check", police_return), {}).status_code == 404
    listing = client.get(
        reverse("assurance:return-list", kwargs={"partnership": council.partnership.slug})
    )
    assert "Haringey Council" in listing.content.decode()
    assert "Metropolitan Police Service" not in listing.content.decode()


def test_a_viewer_reads_but_cannot_answer(police_return, framework, viewer_a):
    client = client_for(viewer_a)
    first = framework.sections.first()
    assert client.get(url("return-detail", police_return)).status_code == 200
    response = client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.2": "met"}),
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_attach_evidence_from_the_section_page(police_return, framework, police_user):
    from saferboard.meetings.packs import html_to_pdf

    client = client_for(police_user)
    first = framework.sections.first()
    standard = first.standards.get(number="1.1")
    response = client.post(
        url("return-answer", police_return, f"?section={first.pk}"),
        section_post(first, {"1.1": "met"}, button="evidence") | {"evidence": str(standard.pk)},
    )
    assert response["Location"] == url("return-evidence", police_return, f"?standard={standard.pk}")
    pdf = html_to_pdf("<p>Lead named</p>").write_pdf()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        response["Location"],
        {"title": "Board minute", "file": SimpleUploadedFile("minute.pdf", pdf, "application/pdf")},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Board minute" in page
    evidence = standard_answer_evidence(police_return, standard)
    download = client.get(
        reverse(
            "assurance:evidence-download",
            kwargs={"partnership": police_return.partnership.slug, "pk": evidence.pk},
        )
    )
    assert b"".join(download.streaming_content) == pdf


def standard_answer_evidence(assurance_return, standard):
    return Answer.objects.get(assurance_return=assurance_return, standard=standard).evidence.get()

"""The registry pages as the partnership's manager uses them: list, view, add and edit
every record type, with GOV.UK errors for bad input and nothing saved half-way."""

import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
    TermsOfReferenceFactory,
)

MODELS = {
    "body": Body,
    "organisation": Organisation,
    "person": Person,
    "post": Post,
    "membership": Membership,
    "terms": TermsOfReference,
}
FACTORIES = {
    "body": BodyFactory,
    "organisation": OrganisationFactory,
    "person": PersonFactory,
    "post": PostFactory,
    "membership": MembershipFactory,
    "terms": TermsOfReferenceFactory,
}
RECORD_TYPES = list(MODELS)


def page(kind: str, action: str, partnership, record=None) -> str:
    kwargs = {"partnership": partnership.slug}
    if record is not None:
        kwargs["pk"] = record.pk
    return reverse(f"registry:{kind}-{action}", kwargs=kwargs)


def date_parts(name: str, day, month, year) -> dict:
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


class _PostedForm(HTMLParser):
    """Collects what a browser would submit from the page's record form (the POST form
    without an action: the sign-out and partnership-switcher forms have one)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if attrs.get("method", "").lower() == "post" and not attrs.get("action"):
                self._form = {}
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in {"file", "submit"}:
                self._form[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self._form.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self._form[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._form is not None and self._textarea:
                # Django puts a newline after <textarea>; browsers drop it.
                self._form[self._textarea] = self._form[self._textarea].removeprefix("\n")
            self._textarea = None


def form_data(response) -> dict:
    """The record form on `response` as a browser would post it, unchanged."""
    parser = _PostedForm()
    parser.feed(response.content.decode())
    assert len(parser.forms) == 1, "expected exactly one record form on the page"
    return parser.forms[0]


def valid_add_data(kind: str, partnership) -> dict:
    """What the manager types into each add form, with the related records it needs."""
    if kind == "body":
        return {
            "name": "Performance Monitoring Group",
            "kind": "sub_group",
            "parent": BodyFactory(partnership=partnership, name="Safer Haringey Board").pk,
            "purpose": "Monitors performance against the plan.",
        }
    if kind == "organisation":
        return {
            "name": "Metropolitan Police Service",
            "short_name": "MPS",
            "sector": "police",
            "is_responsible_authority": "on",
            "website": "https://www.met.police.uk/",
        }
    if kind == "person":
        return {
            "title": "Ch Supt",
            "given_name": "Amara",
            "family_name": "Okafor",
            "email": "amara.okafor@example.org",
            "phone": "020 7946 0000",
        }
    if kind == "post":
        return {
            "organisation": OrganisationFactory(partnership=partnership).pk,
            "title": "Borough Commander",
        }
    if kind == "membership":
        police = OrganisationFactory(partnership=partnership, sector="police")
        return {
            "body": BodyFactory(partnership=partnership).pk,
            "person": PersonFactory(partnership=partnership).pk,
            "organisation": police.pk,
            "post": PostFactory(partnership=partnership, organisation=police).pk,
            "category": "statutory",
            "role": "co_chair",
            "voting_override": "",
            **date_parts("start_date", 1, 4, 2025),
        }
    if kind == "terms":
        return {
            "body": BodyFactory(partnership=partnership).pk,
            "version_label": "v3",
            **date_parts("effective_date", 1, 7, 2025),
            **date_parts("review_date", 1, 7, 2026),
            "min_meetings_per_year": "4",
            "quorum_requires_chair": "on",
            "quorum_sectors": ["police", "health"],
            "circulation_working_days": "5",
            "absence_limit": "3",
            "substitutes_may_vote": "on",
        }
    raise AssertionError(kind)


def assert_error_summary(response, *, field_id: str, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'href="#{field_id}"' in html, f"error summary should link to #{field_id}"
    assert f'id="{field_id}"' in html, f"the linked field #{field_id} should be on the page"
    assert 'class="govuk-error-message"' in html
    assert message in html


# --- list, view, add, edit -------------------------------------------------------------


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_the_manager_sees_every_record_type_listed_and_on_its_own_page(
    kind, partnership_a, manager_a_client
):
    record = FACTORIES[kind](partnership=partnership_a)

    listing = manager_a_client.get(page(kind, "list", partnership_a))
    detail = manager_a_client.get(page(kind, "detail", partnership_a, record))

    assert listing.status_code == 200
    assert page(kind, "detail", partnership_a, record) in listing.content.decode()
    assert detail.status_code == 200
    assert f'<h1 class="govuk-heading-l">{record}</h1>' in detail.content.decode()


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_the_manager_adds_every_record_type(kind, partnership_a, manager_a_client):
    model = MODELS[kind]
    data = valid_add_data(kind, partnership_a)
    before = model.objects.count()

    response = manager_a_client.post(page(kind, "add", partnership_a), data, follow=True)

    assert model.objects.count() == before + 1
    record = model.objects.latest("pk")
    assert response.redirect_chain[-1][0] == page(kind, "detail", partnership_a, record)
    html = response.content.decode()
    assert "govuk-notification-banner--success" in html
    assert "added." in html
    assert record.partnership == partnership_a


def test_an_added_membership_keeps_every_answer(partnership_a, manager_a_client):
    data = valid_add_data("membership", partnership_a)

    manager_a_client.post(page("membership", "add", partnership_a), data)

    seat = Membership.objects.get()
    assert seat.body_id == data["body"] and seat.person_id == data["person"]
    assert seat.post_id == data["post"]
    assert seat.role == "co_chair"
    assert seat.start_date == datetime.date(2025, 4, 1)
    assert seat.end_date is None
    assert seat.is_voting


def test_added_terms_of_reference_keep_their_quorum_sectors(partnership_a, manager_a_client):
    manager_a_client.post(
        page("terms", "add", partnership_a), valid_add_data("terms", partnership_a)
    )

    terms = TermsOfReference.objects.get()
    assert terms.quorum_sectors == ["police", "health"]
    assert terms.review_date == datetime.date(2026, 7, 1)


EDITS = {
    "body": ("name", "Community Safety Partnership Board"),
    "organisation": ("sector", "police"),
    "person": ("family_name", "Okafor-Smith"),
    "post": ("title", "Borough Commander"),
    "membership": ("status_note", "Interim"),
    "terms": ("version_label", "2025 revision"),
}


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_the_manager_edits_every_record_type_through_its_form(
    kind, partnership_a, manager_a_client
):
    record = FACTORIES[kind](partnership=partnership_a)
    field, new_value = EDITS[kind]
    edit_page = manager_a_client.get(page(kind, "edit", partnership_a, record))
    data = form_data(edit_page)
    data[field] = new_value

    response = manager_a_client.post(page(kind, "edit", partnership_a, record), data, follow=True)

    assert response.redirect_chain, response.content.decode()
    assert "saved." in response.content.decode()
    before = MODELS[kind].objects.get(pk=record.pk)
    assert getattr(before, field) == new_value
    assert before.version == record.version + 1


def test_editing_a_membership_without_changes_keeps_its_dates_and_voting(
    partnership_a, manager_a_client
):
    seat = MembershipFactory(
        partnership=partnership_a,
        category="ex_officio",
        voting_override=True,
        start_date=datetime.date(2023, 5, 9),
        end_date=datetime.date(2025, 3, 31),
    )
    edit_url = page("membership", "edit", partnership_a, seat)

    manager_a_client.post(edit_url, form_data(manager_a_client.get(edit_url)))

    seat.refresh_from_db()
    assert seat.start_date == datetime.date(2023, 5, 9)
    assert seat.end_date == datetime.date(2025, 3, 31)
    assert seat.voting_override is True


# --- bad input -----------------------------------------------------------------------

BAD_INPUT = [
    ("body", {"name": ""}, "id_name", "Enter the name"),
    ("organisation", {"sector": ""}, "id_sector", "Select the sector"),
    ("organisation", {"website": "met police"}, "id_website", "Enter a valid URL."),
    ("person", {"email": "not an address"}, "id_email", "Enter a valid email address."),
    ("post", {"title": ""}, "id_title", "Enter the title"),
    (
        "membership",
        date_parts("start_date", "", "", ""),
        "id_start_date_day",
        "Enter the start date",
    ),
    (
        "terms",
        {"min_meetings_per_year": "four"},
        "id_min_meetings_per_year",
        "Enter the minimum meetings a year as a whole number, like 4",
    ),
]


@pytest.mark.parametrize(("kind", "bad", "field_id", "message"), BAD_INPUT)
def test_bad_input_on_an_add_form_is_explained_and_nothing_is_saved(
    kind, bad, field_id, message, partnership_a, manager_a_client
):
    data = {**valid_add_data(kind, partnership_a), **bad}
    before = MODELS[kind].objects.count()

    response = manager_a_client.post(page(kind, "add", partnership_a), data)

    assert_error_summary(response, field_id=field_id, message=message)
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert "<title>Error: " in response.content.decode()
    assert MODELS[kind].objects.count() == before


@pytest.mark.parametrize(("kind", "bad", "field_id", "message"), BAD_INPUT)
def test_bad_input_on_an_edit_form_is_explained_and_the_record_is_unchanged(
    kind, bad, field_id, message, partnership_a, manager_a_client
):
    record = FACTORIES[kind](partnership=partnership_a)
    edit_url = page(kind, "edit", partnership_a, record)
    data = {**form_data(manager_a_client.get(edit_url)), **bad}

    response = manager_a_client.post(edit_url, data)

    assert_error_summary(response, field_id=field_id, message=message)
    unchanged = MODELS[kind].objects.get(pk=record.pk)
    assert unchanged.version == record.version
    assert str(unchanged) == str(record)


@pytest.mark.parametrize(
    ("kind", "date_field"),
    [
        ("membership", "start_date"),
        ("membership", "end_date"),
        ("terms", "effective_date"),
        ("terms", "review_date"),
    ],
)
def test_an_impossible_date_is_refused(kind, date_field, partnership_a, manager_a_client):
    data = {**valid_add_data(kind, partnership_a), **date_parts(date_field, 31, 2, 2026)}

    response = manager_a_client.post(page(kind, "add", partnership_a), data)

    assert_error_summary(
        response,
        field_id=f"id_{date_field}_day",
        message="Enter a real date, for example 27 3 2026",
    )
    html = response.content.decode()
    for part, typed in (("day", "31"), ("month", "2"), ("year", "2026")):
        assert f'name="{date_field}_{part}" value="{typed}"' in html, "shown back as typed"
    assert not MODELS[kind].objects.exists()


def test_a_membership_cannot_end_before_it_starts(partnership_a, manager_a_client):
    data = {
        **valid_add_data("membership", partnership_a),
        **date_parts("start_date", 1, 4, 2025),
        **date_parts("end_date", 31, 3, 2025),
    }

    response = manager_a_client.post(page("membership", "add", partnership_a), data)

    assert_error_summary(
        response,
        field_id="id_end_date_day",
        message="The end date must be on or after the start date.",
    )
    assert not Membership.objects.exists()


def test_terms_of_reference_cannot_be_reviewed_before_they_take_effect(
    partnership_a, manager_a_client
):
    data = {
        **valid_add_data("terms", partnership_a),
        **date_parts("effective_date", 1, 7, 2025),
        **date_parts("review_date", 1, 6, 2025),
    }

    response = manager_a_client.post(page("terms", "add", partnership_a), data)

    assert_error_summary(
        response,
        field_id="id_review_date_day",
        message="The review date must be after the effective date.",
    )
    assert not TermsOfReference.objects.exists()


def test_a_second_body_with_the_same_name_is_refused(partnership_a, manager_a_client):
    BodyFactory(partnership=partnership_a, name="Safer Haringey Board")

    response = manager_a_client.post(
        page("body", "add", partnership_a), {"name": "Safer Haringey Board", "kind": "board"}
    )

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Body.objects.filter(name="Safer Haringey Board").count() == 1


# --- another partnership's records ---------------------------------------------------

FOREIGN_CHOICES = [
    ("body", "parent", "id_parent", BodyFactory),
    # Checkboxes: the error summary links to the first one.
    ("body", "reports_to", "id_reports_to_0", BodyFactory),
    ("post", "organisation", "id_organisation", OrganisationFactory),
    ("membership", "body", "id_body", BodyFactory),
    ("membership", "person", "id_person", PersonFactory),
    ("membership", "organisation", "id_organisation", OrganisationFactory),
    ("membership", "post", "id_post", PostFactory),
    ("terms", "body", "id_body", BodyFactory),
]


@pytest.mark.parametrize(("kind", "field", "field_id", "factory"), FOREIGN_CHOICES)
def test_a_record_of_another_partnership_cannot_be_chosen(
    kind, field, field_id, factory, partnership_a, partnership_b, manager_a_client
):
    theirs = factory(partnership=partnership_b)
    data = {**valid_add_data(kind, partnership_a), field: theirs.pk}
    before = MODELS[kind].objects.count()

    response = manager_a_client.post(page(kind, "add", partnership_a), data)

    assert_error_summary(
        response, field_id=field_id, message="from the list: the one sent is not one of the choices"
    )
    assert str(theirs) not in response.content.decode()
    assert MODELS[kind].objects.count() == before


def test_a_post_cannot_be_moved_to_another_partnerships_organisation(
    partnership_a, partnership_b, manager_a_client
):
    post = PostFactory(partnership=partnership_a, title="Borough Commander")
    theirs = OrganisationFactory(partnership=partnership_b, name="City of London Police")
    edit_url = page("post", "edit", partnership_a, post)
    data = {**form_data(manager_a_client.get(edit_url)), "organisation": theirs.pk}

    response = manager_a_client.post(edit_url, data)

    assert_error_summary(
        response,
        field_id="id_organisation",
        message="from the list: the one sent is not one of the choices",
    )
    post.refresh_from_db()
    assert post.organisation.partnership == partnership_a


# --- two people editing at once ------------------------------------------------------


def test_a_stale_edit_is_refused_and_the_first_change_survives(
    partnership_a, manager_a_client, clerk_a, client
):
    body = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    edit_url = page("body", "edit", partnership_a, body)
    client.force_login(clerk_a)
    managers_copy = form_data(manager_a_client.get(edit_url))
    clerks_copy = form_data(client.get(edit_url))

    first = manager_a_client.post(edit_url, {**managers_copy, "name": "Community Safety Board"})
    second = client.post(edit_url, {**clerks_copy, "purpose": "Oversees the strategy."})

    assert first.status_code == 302
    assert second.status_code == 200
    html = second.content.decode()
    assert "There is a problem" in html
    assert "changed by someone else" in html
    body.refresh_from_db()
    assert body.name == "Community Safety Board"
    assert body.purpose == ""


# --- roles ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_a_viewer_reads_records_but_may_not_add_or_edit(kind, partnership_a, viewer_a_client):
    record = FACTORIES[kind](partnership=partnership_a)
    data = valid_add_data(kind, partnership_a)
    before = MODELS[kind].objects.count()

    listing = viewer_a_client.get(page(kind, "list", partnership_a))
    detail = viewer_a_client.get(page(kind, "detail", partnership_a, record))

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert page(kind, "add", partnership_a) not in listing.content.decode()
    assert page(kind, "edit", partnership_a, record) not in detail.content.decode()
    assert viewer_a_client.get(page(kind, "add", partnership_a)).status_code == 403
    assert viewer_a_client.get(page(kind, "edit", partnership_a, record)).status_code == 403
    posted = viewer_a_client.post(page(kind, "add", partnership_a), data)
    assert posted.status_code == 403
    assert MODELS[kind].objects.count() == before


def test_a_viewer_may_not_change_who_holds_a_seat(partnership_a, viewer_a_client):
    seat = MembershipFactory(partnership=partnership_a)
    url = reverse(
        "registry:membership-change-holder",
        kwargs={"partnership": partnership_a.slug, "pk": seat.pk},
    )

    assert viewer_a_client.get(url).status_code == 403
    assert (
        "Change who holds this seat"
        not in viewer_a_client.get(
            page("membership", "detail", partnership_a, seat)
        ).content.decode()
    )


def test_a_clerk_may_add_records_too(partnership_a, clerk_a, client):
    client.force_login(clerk_a)

    response = client.post(
        page("body", "add", partnership_a), {"name": "Prevent Delivery Group", "kind": "sub_group"}
    )

    assert response.status_code == 302
    assert Body.objects.filter(name="Prevent Delivery Group").exists()


# --- changing who holds a seat -------------------------------------------------------


@pytest.fixture
def borough_commanders_seat(partnership_a):
    police = OrganisationFactory(
        partnership=partnership_a, name="Metropolitan Police Service", sector="police"
    )
    return MembershipFactory(
        partnership=partnership_a,
        body=BodyFactory(partnership=partnership_a, name="Safer Haringey Board"),
        organisation=police,
        post=PostFactory(partnership=partnership_a, organisation=police, title="Borough Commander"),
        person=PersonFactory(partnership=partnership_a, given_name="Helen", family_name="Ward"),
        role="co_chair",
        start_date=datetime.date(2023, 1, 9),
    )


def change_holder_url(seat) -> str:
    return reverse(
        "registry:membership-change-holder",
        kwargs={"partnership": seat.partnership.slug, "pk": seat.pk},
    )


def test_changing_who_holds_a_seat_ends_one_membership_and_starts_another(
    partnership_a, manager_a_client, borough_commanders_seat
):
    seat = borough_commanders_seat
    successor = PersonFactory(partnership=partnership_a, given_name="Daniel", family_name="Osei")
    data = form_data(manager_a_client.get(change_holder_url(seat)))
    data.update(person=successor.pk, status_note="Interim", **date_parts("on", 2, 6, 2025))

    response = manager_a_client.post(change_holder_url(seat), data, follow=True)

    assert "The seat is now held by Daniel Osei." in response.content.decode()
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2025, 6, 1)
    new = Membership.objects.get(person=successor)
    assert response.redirect_chain[-1][0] == page("membership", "detail", partnership_a, new)
    assert (new.start_date, new.end_date) == (datetime.date(2025, 6, 2), None)
    assert (new.body, new.organisation, new.post, new.role) == (
        seat.body,
        seat.organisation,
        seat.post,
        seat.role,
    )
    assert new.status_note == "Interim"
    body_url = page("body", "detail", partnership_a, seat.body)
    before = manager_a_client.get(body_url, date_parts("on", 1, 6, 2025)).content.decode()
    after = manager_a_client.get(body_url, date_parts("on", 2, 6, 2025)).content.decode()
    assert "Helen Ward" in before and "Daniel Osei" not in before
    assert "Daniel Osei" in after and "Helen Ward" not in after


def test_a_seat_cannot_change_hands_before_its_holder_started(
    partnership_a, manager_a_client, borough_commanders_seat
):
    seat = borough_commanders_seat
    data = form_data(manager_a_client.get(change_holder_url(seat)))
    data.update(**date_parts("on", 1, 1, 2023))

    response = manager_a_client.post(change_holder_url(seat), data)

    assert_error_summary(
        response,
        field_id="id_on_day",
        message="The change must be after the current holder started",
    )
    assert Membership.objects.count() == 1
    seat.refresh_from_db()
    assert seat.end_date is None


def test_a_seat_change_with_an_impossible_date_is_refused(
    partnership_a, manager_a_client, borough_commanders_seat
):
    seat = borough_commanders_seat
    data = {
        **form_data(manager_a_client.get(change_holder_url(seat))),
        **date_parts("on", 31, 2, 2026),
    }

    response = manager_a_client.post(change_holder_url(seat), data)

    assert_error_summary(
        response, field_id="id_on_day", message="Enter a real date, for example 27 3 2026"
    )
    assert Membership.objects.count() == 1


def test_a_seat_cannot_pass_to_another_partnerships_person(
    partnership_a, partnership_b, manager_a_client, borough_commanders_seat
):
    seat = borough_commanders_seat
    theirs = PersonFactory(partnership=partnership_b)
    data = {
        **form_data(manager_a_client.get(change_holder_url(seat))),
        "person": theirs.pk,
        **date_parts("on", 2, 6, 2025),
    }

    response = manager_a_client.post(change_holder_url(seat), data)

    assert_error_summary(
        response,
        field_id="id_person",
        message="from the list: the one sent is not one of the choices",
    )
    assert Membership.objects.count() == 1


def test_a_stale_seat_change_is_refused(partnership_a, manager_a_client, borough_commanders_seat):
    seat = borough_commanders_seat
    stale = form_data(manager_a_client.get(change_holder_url(seat)))
    edit_url = page("membership", "edit", partnership_a, seat)
    manager_a_client.post(
        edit_url, {**form_data(manager_a_client.get(edit_url)), "status_note": "On secondment"}
    )

    response = manager_a_client.post(
        change_holder_url(seat), {**stale, **date_parts("on", 2, 6, 2025)}
    )

    assert "changed by someone else" in response.content.decode()
    assert Membership.objects.count() == 1


# --- query counts --------------------------------------------------------------------


def queries_to_show(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", RECORD_TYPES)
def test_a_list_page_makes_the_same_number_of_queries_however_many_records(
    kind, partnership_a, manager_a_client
):
    url = page(kind, "list", partnership_a)
    FACTORIES[kind].create_batch(2, partnership=partnership_a)
    queries_for_two = queries_to_show(manager_a_client, url)

    FACTORIES[kind].create_batch(28, partnership=partnership_a)

    assert queries_to_show(manager_a_client, url) == queries_for_two

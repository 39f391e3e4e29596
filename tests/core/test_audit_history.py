"""Every registry record's page says who changed it, which field, from what to what."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
    TermsOfReferenceFactory,
)
from tests.registry.test_registry_pages import date_parts, form_data


class _HistoryTable(HTMLParser):
    """Reads the page's history table into (who, field, from, to) rows."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "sb-history" in (dict(attrs).get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag == "td":
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None


def changes_shown(response) -> list[tuple[str, str, str, str]]:
    """(who, field, from, to) for each field change in the history, newest first."""
    parser = _HistoryTable()
    parser.feed(response.content.decode())
    changes, who = [], ""
    for cells in parser.rows:
        if len(cells) != 5:
            continue  # the heading row, or a "Created" row
        _when, who_cell, field, old, new = cells
        who = who_cell or who
        changes.append((who, field, old, new))
    return changes


@pytest.fixture
def sam(partnership_a, make_user):
    """The community safety manager, with a name the history can show."""
    user = make_user(partnership_a, username="sam.patel")
    user.first_name, user.last_name = "Sam", "Patel"
    user.save()
    return user


@pytest.fixture
def sams_client(client, sam):
    client.force_login(sam)
    return client


def edit_through_the_page(client, kind, record, /, **changes):
    """Post the record's edit form as the page fills it, with `changes`; return its page."""
    kwargs = {"partnership": record.partnership.slug, "pk": record.pk}
    edit_url = reverse(f"registry:{kind}-edit", kwargs=kwargs)
    data = {**form_data(client.get(edit_url)), **changes}
    response = client.post(edit_url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.content.decode()
    return client.get(reverse(f"registry:{kind}-detail", kwargs=kwargs))


def test_a_renamed_body_shows_who_renamed_it_and_from_what_to_what(partnership_a, sams_client):
    body = BodyFactory(partnership=partnership_a, name="Board 1")

    page = edit_through_the_page(
        sams_client, "body", body, name="Community Safety Partnership Board"
    )

    assert ("Sam Patel", "Name", "Board 1", "Community Safety Partnership Board") in (
        changes_shown(page)
    )


def test_a_body_moved_under_another_shows_both_bodies_by_name(partnership_a, sams_client):
    board = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    group = BodyFactory(partnership=partnership_a, name="Prevent Delivery Group")

    page = edit_through_the_page(sams_client, "body", group, parent=board.pk, kind="sub_group")

    shown = changes_shown(page)
    assert ("Sam Patel", "Parent", "(blank)", "Safer Haringey Board") in shown
    assert ("Sam Patel", "Kind", "Board", "Sub-group") in shown


def test_a_body_that_starts_reporting_to_another_shows_it_by_name(partnership_a, sams_client):
    board = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    group = BodyFactory(partnership=partnership_a, name="Prevent Delivery Group")

    page = edit_through_the_page(sams_client, "body", group, reports_to=[board.pk])

    assert ("Sam Patel", "Reports to", "(none)", "Safer Haringey Board") in changes_shown(page)


def test_an_organisations_sector_change_shows_the_sector_names(partnership_a, sams_client):
    organisation = OrganisationFactory(partnership=partnership_a, sector="other")

    page = edit_through_the_page(
        sams_client, "organisation", organisation, sector="police", is_responsible_authority=["on"]
    )

    shown = changes_shown(page)
    assert ("Sam Patel", "Sector", "Other", "Police") in shown
    assert ("Sam Patel", "Responsible authority", "No", "Yes") in shown


def test_a_persons_new_name_is_in_their_history(partnership_a, sams_client):
    person = PersonFactory(partnership=partnership_a, given_name="Amara", family_name="Okafor")

    page = edit_through_the_page(sams_client, "person", person, family_name="Okafor-Smith")

    assert ("Sam Patel", "Family name", "Okafor", "Okafor-Smith") in changes_shown(page)


def test_a_post_moved_to_another_organisation_shows_the_organisation_names(
    partnership_a, sams_client
):
    council = OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    post = PostFactory(partnership=partnership_a, organisation=council, title="Borough Commander")

    page = edit_through_the_page(sams_client, "post", post, organisation=police.pk)

    assert ("Sam Patel", "Organisation", "Haringey Council", "Metropolitan Police Service") in (
        changes_shown(page)
    )


def test_a_membership_change_shows_the_people_and_role_by_name(partnership_a, sams_client):
    seat = MembershipFactory(
        partnership=partnership_a,
        role="member",
        person=PersonFactory(partnership=partnership_a, given_name="Helen", family_name="Ward"),
        start_date=datetime.date(2024, 4, 1),
    )
    successor = PersonFactory(partnership=partnership_a, given_name="Daniel", family_name="Osei")

    page = edit_through_the_page(
        sams_client,
        "membership",
        seat,
        role="chair",
        person=successor.pk,
        **date_parts("start_date", 1, 5, 2024),
    )

    shown = changes_shown(page)
    assert ("Sam Patel", "Role", "Member", "Chair") in shown
    assert ("Sam Patel", "Person", "Helen Ward", "Daniel Osei") in shown
    assert ("Sam Patel", "Start date", "1 April 2024", "1 May 2024") in shown


def test_terms_of_reference_changes_show_the_rule_that_changed(partnership_a, sams_client):
    terms = TermsOfReferenceFactory(
        partnership=partnership_a, min_meetings_per_year=4, effective_date=datetime.date(2015, 7, 1)
    )

    page = edit_through_the_page(
        sams_client,
        "terms",
        terms,
        min_meetings_per_year=6,
        substitutes_may_vote=None,
        **date_parts("effective_date", 1, 9, 2015),
    )

    shown = changes_shown(page)
    assert ("Sam Patel", "Minimum meetings a year", "4", "6") in shown
    assert ("Sam Patel", "Substitutes may vote", "Yes", "No") in shown
    assert ("Sam Patel", "Effective date", "1 July 2015", "1 September 2015") in shown


def test_quorum_sectors_in_the_history_are_sector_names(partnership_a, sams_client):
    terms = TermsOfReferenceFactory(partnership=partnership_a, quorum_sectors=["police"])

    page = edit_through_the_page(sams_client, "terms", terms, quorum_sectors=["police", "health"])

    assert ("Sam Patel", "Quorum sectors", "Police", "Police, Health") in changes_shown(page)


def test_a_change_by_someone_without_a_full_name_shows_their_username(
    partnership_a, make_user, client
):
    client.force_login(make_user(partnership_a, username="clerk.one", role="clerk"))
    body = BodyFactory(partnership=partnership_a, name="Board 1")

    page = edit_through_the_page(client, "body", body, purpose="Sets the strategy.")

    assert ("clerk.one", "Purpose", "(blank)", "Sets the strategy.") in changes_shown(page)


def test_two_edits_are_shown_newest_first(partnership_a, sams_client):
    body = BodyFactory(partnership=partnership_a, name="Board 1")
    edit_through_the_page(sams_client, "body", body, name="Board 2")
    body.refresh_from_db()

    page = edit_through_the_page(sams_client, "body", body, name="Board 3")

    names = [change for change in changes_shown(page) if change[1] == "Name"]
    assert names == [
        ("Sam Patel", "Name", "Board 2", "Board 3"),
        ("Sam Patel", "Name", "Board 1", "Board 2"),
    ]

"""The manager's summary: counts by owning organisation (and "Other owners"), each linking to
the log filtered to exactly those actions, a chart with a text alternative, and a query
count that does not grow with the actions."""

import datetime
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.core.roles import Role
from tests.actions.conftest import client_for, owned_action
from tests.factories import (
    ActionOwnerFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)

SUMMARY = reverse("actions:action-summary", kwargs={"partnership": "haringey"})
TODAY = datetime.date.today()
COLUMNS = [
    "Open",
    "In progress",
    "Carried forward",
    "Overdue",
    "Due in the next 7 days",
    "Completed in the last 3 months",
    "Total not closed",
]


def set_state(action, status="open", *, due_in=None, closed_ago=None):
    action.status = status
    if due_in is not None:
        action.due_date = TODAY + datetime.timedelta(days=due_in)
    if closed_ago is not None:
        action.closing_note = "Evidence filed"
        action.closed_on = TODAY - datetime.timedelta(days=closed_ago)
    action.save()
    return action


def table(page: str) -> dict[str, dict[str, tuple[int, str]]]:
    """{organisation: {column: (count, link)}} read from the summary table."""
    rows = {}
    body = page[page.index('<tbody class="govuk-table__body">') :]
    for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S):
        name = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)[1].strip()
        cells = re.findall(r'<a class="govuk-link" href="([^"]+)">(\d+)<', row)
        rows[unescape(name)] = {
            column: (int(count), unescape(link))
            for column, (link, count) in zip(COLUMNS, cells, strict=True)
        }
    return rows


@pytest.fixture
def the_log(partnership_a, the_police, the_council):
    """Police: an open overdue action (through a post), one in progress due in 3 days (through
    a seat), one carried forward, one completed last month and one completed a year ago.
    Council: one open action, shared with the police. A body owns one more."""
    inspector = PostFactory(partnership=partnership_a, organisation=the_police, title="Inspector")
    officer = PersonFactory(partnership=partnership_a, given_name="Pat", family_name="Lane")
    MembershipFactory(partnership=partnership_a, person=officer, organisation=the_police)
    set_state(owned_action(partnership_a, text="Late", post=inspector), due_in=-3)
    set_state(owned_action(partnership_a, text="Soon", person=officer), "in_progress", due_in=3)
    set_state(
        owned_action(partnership_a, text="Carried", organisation=the_police), "carried_forward"
    )
    set_state(
        owned_action(partnership_a, text="Done", organisation=the_police), "complete", closed_ago=30
    )
    set_state(
        owned_action(partnership_a, text="Old", organisation=the_police), "complete", closed_ago=400
    )
    shared = owned_action(partnership_a, text="Shared", organisation=the_council)
    ActionOwnerFactory(partnership=partnership_a, action=shared, organisation=the_police)
    board = BodyFactory(partnership=partnership_a, name="Reducing Reoffending Board")
    owned_action(partnership_a, text="Board's own", body=board)
    loner = PersonFactory(partnership=partnership_a, given_name="Sam", family_name="Nobody")
    set_state(owned_action(partnership_a, text="Seatless", person=loner), due_in=5)


def test_counts_by_organisation_and_other_owners(the_log, clerk_a_client):
    rows = table(clerk_a_client.get(SUMMARY).content.decode())

    assert list(rows) == ["Haringey Council", "Metropolitan Police Service", "Other owners"]
    police = {column: count for column, (count, _) in rows["Metropolitan Police Service"].items()}
    assert police == {
        "Open": 2,
        "In progress": 1,
        "Carried forward": 1,
        "Overdue": 1,
        "Due in the next 7 days": 1,
        "Completed in the last 3 months": 1,
        "Total not closed": 4,
    }
    assert rows["Haringey Council"]["Total not closed"][0] == 1
    other = {column: count for column, (count, _) in rows["Other owners"].items()}
    assert other["Open"] == 2 and other["Due in the next 7 days"] == 1


def test_every_count_links_to_the_log_listing_exactly_those_actions(the_log, clerk_a_client):
    rows = table(clerk_a_client.get(SUMMARY).content.decode())

    for organisation, cells in rows.items():
        for column, (count, link) in cells.items():
            listed = clerk_a_client.get(link).content.decode()
            shown = listed.count(
                '<th scope="row" class="govuk-table__header"><a class="govuk-link"'
            )
            assert shown == count, f"{organisation}, {column}: {link}"


def test_the_chart_is_an_image_with_a_title_description_and_no_script(the_log, clerk_a_client):
    page = clerk_a_client.get(SUMMARY).content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    ElementTree.fromstring(svg + "</svg>")  # well-formed, so browsers draw all of it
    assert 'role="img"' in svg
    assert '<title id="summary-chart-title">' in svg and '<desc id="summary-chart-desc">' in svg
    assert "<script" not in svg and " on" not in re.sub(r">[^<]*<", "><", svg)  # no handlers
    assert svg.count("<rect") >= 3 + 5  # the legend, then a segment per status of each bar
    assert ">Metropolitan Police Service: 2 open<" in svg


def test_everyone_in_the_partnership_may_see_it_and_no_one_else(
    the_log, make_user, partnership_a, manager_b_client, client
):
    viewer = client_for(make_user(partnership_a, Role.VIEWER))

    assert viewer.get(SUMMARY).status_code == 200
    assert manager_b_client.get(SUMMARY).status_code == 404
    assert client.get(SUMMARY).status_code == 302


def add_owned_actions(partnership, count: int) -> None:
    organisation = OrganisationFactory(partnership=partnership)
    post = PostFactory(partnership=partnership, organisation=organisation)
    for _ in range(count):
        set_state(owned_action(partnership, text="Bulk", post=post), due_in=2)
        owned_action(partnership, text="Bulk body", body=BodyFactory(partnership=partnership))


def test_the_query_count_does_not_grow_with_the_actions(partnership_a, clerk_a_client):
    add_owned_actions(partnership_a, 2)
    with CaptureQueriesContext(connection) as few:
        clerk_a_client.get(SUMMARY)
    add_owned_actions(partnership_a, 20)
    with CaptureQueriesContext(connection) as many:
        response = clerk_a_client.get(SUMMARY)

    assert len(many) == len(few)
    assert len(table(response.content.decode())) == 3  # two organisations and other owners

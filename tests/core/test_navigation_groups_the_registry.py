"""The menu shows the registry once; the registry's pages carry the links to its parts, with
the part being looked at marked as current."""

from lxml import html

from saferboard.core.navigation import navigation_for
from saferboard.core.roles import Role

PARTS = ["Bodies", "Organisations", "People", "Posts", "Memberships"]


def _menu(text):
    tree = html.fromstring(text)
    return [link.text_content().strip() for link in tree.xpath('//nav[@aria-label="Menu"]//a')]


def _group(text):
    tree = html.fromstring(text)
    return {
        link.text_content().strip(): link.get("aria-current")
        for link in tree.xpath('//nav[@aria-label="Registry"]//a')
    }


def test_the_menu_has_one_registry_item_instead_of_its_five_parts(manager_a_client):
    page = manager_a_client.get("/p/haringey/")
    menu = _menu(page.content.decode())
    assert "Registry" in menu
    assert not set(PARTS) & set(menu)
    assert _group(page.content.decode()) == {}


def test_registry_pages_link_to_every_part_and_mark_the_current_one(manager_a_client):
    page = manager_a_client.get("/p/haringey/registry/people/")
    assert page.status_code == 200
    group = _group(page.content.decode())
    assert list(group) == PARTS
    assert group["People"] == "page"
    assert [name for name, current in group.items() if current] == ["People"]


def test_the_group_is_current_in_the_menu_on_its_pages(partnership_a):
    navigation = navigation_for(
        partnership=partnership_a,
        roles=frozenset({Role.VIEWER}),
        current_view="registry:organisation-detail",
    )
    current = [item["label"] for item in navigation["menu"] if item["current"]]
    assert current == ["Registry"]
    assert navigation["group"]["label"] == "Registry"
    assert [link["label"] for link in navigation["group"]["links"] if link["current"]] == [
        "Organisations"
    ]

"""Paging through a filtered list keeps the filters: the links of core/pagination.html carry
the request's other parameters (award list, bid list, data-set catalogue, record lists)."""

from urllib.parse import parse_qs, urlsplit

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from lxml import html


def _links(query: str, page_number: int) -> dict[str, dict]:
    request = RequestFactory().get(f"/awards/?{query}")
    page = Paginator(range(95), 20).get_page(page_number)
    rendered = render_to_string("core/pagination.html", {"page": page}, request=request)
    return {
        link.get("rel") or "current": parse_qs(urlsplit(link.get("href")).query)
        for link in html.fromstring(rendered).iter("a")
    }


def test_next_and_previous_keep_the_filters_and_move_the_page():
    links = _links("status=active&q=knife+crime&page=2", 2)
    assert links["next"] == {"status": ["active"], "q": ["knife crime"], "page": ["3"]}
    assert links["prev"] == {"status": ["active"], "q": ["knife crime"], "page": ["1"]}
    assert links["current"]["page"] == ["2"]


def test_without_filters_only_the_page_is_given():
    assert _links("", 1)["next"] == {"page": ["2"]}

"""The heat map: ratings by standard and organisation from each return's latest submission,
drawn as SVG whose cells carry their level as text and a <title>, with the same ratings in a
real table; a fixed number of queries whatever the number of organisations and standards."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.assurance.heatmap import heat_map_svg
from saferboard.assurance.models import Standard, Variant
from saferboard.assurance.overview import NOT_ASKED, NOT_SUBMITTED, heat_map
from tests.assurance.overview_helpers import invite, submitted


def cell(heat, organisation, number):
    for row in heat.rows:
        if row.standard.number == number:
            return next(c for c in row.cells if c.organisation == organisation)
    raise AssertionError(number)


def test_the_latest_submission_gives_each_cell(framework, police, police_return):
    submitted(police_return, {"1.1": "not_met", "2.1": "partly"}, number=1)
    submitted(police_return, {"1.1": "partly"}, number=2, on=datetime.date(2025, 10, 1))

    heat = heat_map(framework)

    assert cell(heat, police, "1.1").text == "Partially met"  # was not met in submission 1
    assert cell(heat, police, "2.1").text == "Met"
    assert heat.submissions[police.pk].number == 2
    assert [row.standard.number for row in heat.rows] == ["1.1", "1.2", "2.1", "2.2"]


def test_a_return_not_yet_submitted_and_a_shorter_variant_show_why_a_cell_is_empty(
    partnership_a, framework, police, council, police_return, council_return
):
    variant = Variant.objects.create(partnership=partnership_a, framework=framework, name="Small")
    variant.standards.set(Standard.objects.filter(number__in=["1.1", "2.1"]))
    council_return.variant = variant
    council_return.save()
    submitted(council_return)

    heat = heat_map(framework)

    assert cell(heat, police, "1.1").state == NOT_SUBMITTED
    assert cell(heat, police, "1.1").text == "Not submitted"
    assert cell(heat, council, "1.2").state == NOT_ASKED
    assert cell(heat, council, "2.1").text == "Met"


def test_the_svg_names_every_cell_in_text_as_well_as_colour(
    framework, police, council, police_return, council_return
):
    submitted(police_return, {"1.2": "not_met"})

    svg = str(heat_map_svg(heat_map(framework)))

    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg
    assert svg.count('class="sb-heat-cell"') == 8  # 4 standards x 2 organisations
    assert "<title>Metropolitan Police Service, standard 1.2: Not met</title>" in svg
    assert "<title>Haringey Council, standard 1.2: Not submitted</title>" in svg
    assert ">not_met</text>" in svg and ">met</text>" in svg
    assert 'fill="#f4cdc6"' in svg  # the lowest level is red, as in the report


def test_organisation_names_are_escaped(framework, police, police_return):
    police.name = "Police <Met> & partners"
    police.save()
    svg = str(heat_map_svg(heat_map(framework)))
    assert "<Met>" not in svg and "Police &lt;Met&gt; &amp; partners" in svg


def test_the_page_shows_the_chart_and_the_table(
    partnership_a, framework, police_return, council_return, viewer_a
):
    submission = submitted(police_return, {"2.2": "partly"})
    client = Client()
    client.force_login(viewer_a)
    html = client.get(
        reverse("assurance:framework-overview", args=[partnership_a.slug, framework.pk])
    ).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="sb-heat-map"' in html
    assert "Latest submitted rating of each standard, by organisation" in html
    assert ">Partially met</strong>" in html
    assert reverse("assurance:submission-detail", args=[partnership_a.slug, submission.pk]) in html


def _queries(framework) -> int:
    with CaptureQueriesContext(connection) as queries:
        heat = heat_map(framework)
        heat_map_svg(heat)
    return len(queries)


def test_the_heat_map_reads_a_fixed_number_of_queries(framework, police_return, council_return):
    submitted(police_return)
    small = _queries(framework)
    section = framework.sections.first()
    standard = section.standards.first()
    for n in range(5):
        Standard.objects.create(
            partnership=framework.partnership,
            section=section,
            number=f"1.{n + 3}",
            title=f"Extra standard {n}",
            scale=standard.scale,
            order=n + 3,
        )
    submitted(council_return, number=1)
    for n in range(4):
        assurance_return = invite(framework, f"Partner {n}")
        submitted(assurance_return, number=1)
        submitted(assurance_return, {"1.1": "partly"}, number=2)
    large = _queries(framework)
    assert large == small
    assert len(heat_map(framework).organisations) == 6


def test_the_overview_page_reads_a_fixed_number_of_queries(
    partnership_a, framework, police_return, viewer_a
):
    client = Client()
    client.force_login(viewer_a)
    url = reverse("assurance:framework-overview", args=[partnership_a.slug, framework.pk])
    submitted(police_return)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for n in range(4):
        submitted(invite(framework, f"Partner {n}"), {"1.2": "not_met"})
    assert count() == small

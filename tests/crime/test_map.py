"""The choropleth map by MSOA: its counts match the police.uk files counted independently
with the ONS lookup; the SVG has a titled path per MSOA and a legend; classes rise with the
counts; the table gives the same figures; an area outside London gets no map; the page and
the PDF show it; its query count does not grow with data."""

import collections
import csv
import datetime
import io
import pathlib
import xml.etree.ElementTree as ET

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

import saferboard.crime
from saferboard.crime import analysis
from saferboard.crime.maps import PALETTE, choropleth, quantile_classes
from saferboard.meetings.packs import html_to_pdf
from tests.crime.conftest import ASB, CITY_FOLDER, CITY_FORCE, city_files, run

SVG = "{http://www.w3.org/2000/svg}"
LOOKUP = pathlib.Path(saferboard.crime.__file__).parent / "data" / "geography"
FIRST, LAST = datetime.date(2020, 1, 1), datetime.date(2021, 12, 1)
MANCHESTER_LSOA = ("E01005062", "Manchester 018B")


def counts_by_msoa(*, months=None, crime_type=None) -> tuple[collections.Counter, int, int]:
    """MSOA code -> rows, the rows with no LSOA and all rows, read with the csv module."""
    with (LOOKUP / "lsoa-to-msoa-2011.csv").open(encoding="utf-8", newline="") as handle:
        msoa_of = {row["lsoa11cd"]: row["msoa11cd"] for row in csv.DictReader(handle)}
    counted, no_location, total = collections.Counter(), 0, 0
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if months and row["Month"] not in months:
                    continue
                if crime_type and row["Crime type"] != crime_type:
                    continue
                total += 1
                if row["LSOA code"]:
                    counted[msoa_of[row["LSOA code"]]] += 1
                else:
                    no_location += 1
    return counted, no_location, total


def force_map(**kwargs):
    options = {"first": FIRST, "last": LAST, "title": "Records by MSOA"} | kwargs
    return choropleth(scope=analysis.scope_for_force(CITY_FORCE), **options)


def svg_of(found) -> ET.Element:
    return ET.fromstring(str(found.svg))


def msoa_paths(svg: ET.Element) -> list[ET.Element]:
    return [path for path in svg.iter(f"{SVG}path") if path.get("class") == "sb-map-msoa"]


def test_counts_per_msoa_match_the_files_counted_with_csv(city_imported):
    expected, no_location, total = counts_by_msoa()

    found = force_map()

    assert {row.code: row.count for row in found.rows} == dict(expected)
    assert found.no_location == no_location > 0
    assert found.total == total == found.on_map + no_location
    assert found.outside == 0


def test_counts_for_one_crime_type_and_year_match_the_files(city_imported):
    year = {f"2021-{month:02d}" for month in range(1, 13)}
    expected, no_location, total = counts_by_msoa(months=year, crime_type=ASB)

    found = force_map(first=datetime.date(2021, 1, 1), crime_type=ASB)

    assert {row.code: row.count for row in found.rows} == dict(expected)
    assert (found.no_location, found.total) == (no_location, total)
    assert found.period_label == "January 2021 to December 2021"


def test_the_svg_has_a_titled_path_per_msoa_a_legend_and_its_neighbours(city_imported):
    found = force_map(map_id="city-map")
    svg = svg_of(found)

    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "Records by MSOA"
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    paths = msoa_paths(svg)
    assert len(paths) == len(found.rows)
    names = {row.code: (row.name, row.count) for row in found.rows}
    for path in paths:
        name, count = names[path.get("data-msoa")]
        assert path.find(f"{SVG}title").text == f"{name}: {count:,} record{'s' * (count != 1)}"
        assert path.get("fill-rule") == "evenodd"
        assert path.get("d").startswith("M")
    context = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "sb-map-context"]
    assert context, "neighbouring MSOAs are drawn for context"
    legend = [text.text for text in svg.iter(f"{SVG}text")]
    for map_class in found.classes:
        assert any(text.startswith(map_class.label) for text in legend)
    assert "No records in the area (shown for context)" in legend


def test_a_path_with_several_rings_draws_each(city_imported):
    """City of London 001 is one of the MSOAs the boundary file draws in two parts."""
    svg = svg_of(force_map())
    by_code = {path.get("data-msoa"): path.get("d") for path in msoa_paths(svg)}
    assert by_code["E02000001"].count("M") == 2  # City of London 001 and its island


def test_classes_rise_with_the_counts(city_imported):
    found = force_map()
    classes = found.classes

    assert 1 < len(classes) <= 5
    for lower, higher in zip(classes, classes[1:], strict=False):
        assert lower.low <= lower.high < higher.low <= higher.high
    assert sum(c.msoas for c in classes) == len(found.rows)
    counts = sorted(row.count for row in found.rows)
    assert (classes[0].low, classes[-1].high) == (counts[0], counts[-1])

    def luminance(colour: str) -> float:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    shades = [luminance(c.colour) for c in classes]
    assert shades == sorted(shades, reverse=True), "more records, darker blue"
    colour_rank = {c.colour: rank for rank, c in enumerate(classes)}
    drawn = sorted(
        (int(path.get("data-count")), colour_rank[path.get("fill")])
        for path in msoa_paths(svg_of(found))
    )
    assert [rank for _, rank in drawn] == sorted(rank for _, rank in drawn)


@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=200))
def test_quantile_classes_cover_every_count_in_order(counts):
    classes = quantile_classes(counts)

    assert len(classes) == min(5, len(set(counts)))
    assert (classes[0].low, classes[-1].high) == (min(counts), max(counts))
    for lower, higher in zip(classes, classes[1:], strict=False):
        assert lower.low <= lower.high < higher.low <= higher.high
        assert not [n for n in counts if lower.high < n < higher.low], "no count between"
        assert PALETTE.index(lower.colour) < PALETTE.index(higher.colour)
    assert [sum(c.holds(n) for c in classes) for n in counts] == [1] * len(counts)
    assert [c.msoas for c in classes] == [sum(map(c.holds, counts)) for c in classes]


def test_the_table_gives_the_maps_figures(city_imported):
    found = force_map()
    page = render_to_string("crime/_choropleth.html", {"map": found})
    table = page[page.index("<table") : page.index("</table>") + len("</table>")]
    body = ET.fromstring(table.replace("&nbsp;", " ")).find("tbody")

    shown = [
        (
            tr.get("data-msoa"),
            int(tr.findall("td")[0].text),
            float(tr.findall("td")[1].text.rstrip("%")),
        )
        for tr in body.findall("tr")
    ]

    assert shown == [(row.code, row.count, row.percent) for row in found.rows]
    assert [count for _, count, _ in shown] == sorted((c for _, c, _ in shown), reverse=True)
    assert shown[0][2] == round(shown[0][1] / found.total * 100, 1)
    assert f"{found.no_location} records with no location are not on the map" in page
    assert "Show the map's figures as a table" in page


def manchester_file(tmp_path) -> tuple[str, int]:
    """January's City file as if a Manchester force had recorded it all in one LSOA."""
    text = (CITY_FOLDER / "2020-01-city-of-london-street.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        row["Falls within"] = row["Reported by"] = "Greater Manchester Police"
        if row["LSOA code"]:
            row["LSOA code"], row["LSOA name"] = MANCHESTER_LSOA
        writer.writerow(row)
    path = tmp_path / "2020-01-greater-manchester-street.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path), sum(1 for row in rows if row["LSOA code"])


def test_no_map_for_an_area_outside_london(db, tmp_path):
    path, located = manchester_file(tmp_path)
    run("import", path, str(CITY_FOLDER / "2020-01-city-of-london-street.csv"))
    january = {"first": FIRST, "last": FIRST, "title": "Map"}

    manchester = analysis.scope_for_force("Greater Manchester Police")
    assert choropleth(scope=manchester, **january) is None
    page = render_to_string("crime/_choropleth.html", {"map": None})
    assert "No map:" in page and "cover London only" in page

    # Both forces: the City's records are mapped, Manchester's counted as outside London.
    both = choropleth(scope=analysis.Scope(label="Both"), **january)
    assert both.outside == located
    assert "outside London" in render_to_string("crime/_choropleth.html", {"map": both})


def test_no_map_where_the_area_has_no_located_records(city_imported):
    no_lsoas_with_records = analysis.Scope(
        label="Manchester 018B", forces=(CITY_FORCE,), lsoa_codes=(MANCHESTER_LSOA[0],)
    )
    assert choropleth(scope=no_lsoas_with_records, first=FIRST, last=LAST, title="Map") is None


def test_the_map_in_a_pdf_shows_its_legend_and_table(city_imported):
    found = force_map()
    body = render_to_string("crime/_choropleth.html", {"map": found})
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Map</title>'
        "<style>.govuk-details__summary { display: none; }</style></head>"
        f"<body>{body}</body></html>"
    )

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(html_to_pdf(html).write_pdf())).pages
    )

    assert found.classes[0].label in text
    assert "No records in the area" in text
    assert found.rows[0].name in text and found.rows[-1].name in text


def test_the_query_count_does_not_grow_with_data(db):
    files = city_files()
    run("import", *(str(p) for p in files[:6]))
    with CaptureQueriesContext(connection) as few:
        assert force_map() is not None
    run("import", *(str(p) for p in files[6:]))
    with CaptureQueriesContext(connection) as many:
        assert force_map() is not None
    assert len(few) == len(many) == 1

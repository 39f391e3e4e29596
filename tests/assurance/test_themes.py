"""Weak themes: a standard where at least two organisations rate themselves below met and
they are at least a third of those that rated it (not applicable left out); a section where
at least a third of its ratings are below met, from at least two organisations."""

from saferboard.assurance.overview import heat_map, weak_themes
from tests.assurance.overview_helpers import invite, submitted


def numbers(themes):
    return [theme.standard.number for theme in themes.standards]


def test_two_of_three_partners_below_met_make_a_theme(framework):
    submitted(invite(framework, "Police"), {"2.1": "partly"})
    submitted(invite(framework, "Council"), {"2.1": "not_met"})
    submitted(invite(framework, "Health"))

    themes = weak_themes(heat_map(framework))

    assert numbers(themes) == ["2.1"]
    [theme] = themes.standards
    assert [o.name for o in theme.organisations] == ["Council", "Police"]
    assert (len(theme.below_met), theme.rated) == (2, 3)


def test_one_partner_alone_is_not_a_theme(framework):
    submitted(invite(framework, "Police"), {"1.1": "not_met", "1.2": "not_met"})
    submitted(invite(framework, "Council"))
    themes = weak_themes(heat_map(framework))
    assert not themes
    assert numbers(themes) == []


def test_fewer_than_a_third_is_not_a_theme(framework):
    for n in range(7):
        submitted(invite(framework, f"Partner {n}"), {"1.1": "partly"} if n < 2 else {})
    assert numbers(weak_themes(heat_map(framework))) == []


def test_not_applicable_ratings_do_not_count(framework):
    submitted(invite(framework, "Police"), {"1.1": "partly"})
    submitted(invite(framework, "Council"), {"1.1": "partly"})
    for n in range(4):  # would dilute 2 of 6 below a third, but they do not count
        submitted(invite(framework, f"Small partner {n}"), {"1.1": "na"})
    [theme] = weak_themes(heat_map(framework)).standards
    assert (theme.standard.number, len(theme.below_met), theme.rated) == ("1.1", 2, 2)


def test_a_section_is_a_theme_when_its_ratings_are_weak_across_partners(framework):
    # Section 2: police weak on 2.1, council on 2.2: no standard is a theme, the section is.
    submitted(invite(framework, "Police"), {"2.1": "partly"})
    submitted(invite(framework, "Council"), {"2.2": "not_met"})
    themes = weak_themes(heat_map(framework))
    assert numbers(themes) == []
    [section] = themes.sections
    assert section.section.title == "Safer recruitment and training"
    assert (section.below_met, section.rated) == (2, 4)
    assert sorted(o.name for o in section.organisations) == ["Council", "Police"]


def test_only_the_latest_submission_counts(framework):
    police = invite(framework, "Police")
    submitted(police, {"1.1": "not_met"}, number=1)
    submitted(police, number=2)  # now met
    submitted(invite(framework, "Council"), {"1.1": "not_met"})
    assert numbers(weak_themes(heat_map(framework))) == []


def test_the_page_lists_the_themes(partnership_a, framework, viewer_a, client):
    from django.urls import reverse

    submitted(invite(framework, "Police"), {"2.1": "partly"})
    submitted(invite(framework, "Council"), {"2.1": "not_met"})
    client.force_login(viewer_a)
    html = client.get(
        reverse("assurance:framework-overview", args=[partnership_a.slug, framework.pk])
    ).content.decode()
    assert "Themes where many partners are weak" in html
    assert "2.1 Staff in contact with children have enhanced DBS checks" in html
    assert "Police: Partially met" in html and "Council: Not met" in html

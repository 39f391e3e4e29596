"""The demo's partner assurance: in each demo partnership a Section 11-style framework of 20+
standards in five sections, with returns from its partners: submitted (with reports and
actions), updated and submitted again (so the report compares), in progress, overdue; and a
challenge with the organisation's response. The demo contributor sees only its own return."""

import datetime

import pytest
from django.utils import timezone

from saferboard.actions.models import Action
from saferboard.assurance import selectors
from saferboard.assurance.models import Challenge, Framework, Standard, Submission
from saferboard.assurance.overview import framework_completion, heat_map, weak_themes
from saferboard.assurance.report import report_build
from saferboard.core.demo import demo_build
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role


@pytest.fixture
def demo(db):
    demo_build(meetings=False, performance=False, assurance=True)


def test_each_demo_partnership_has_a_framework_with_a_story_of_returns(demo):
    for slug in ("haringey", "city-of-london"):
        _framework_with_a_story_of_returns(Partnership.objects.get(slug=slug))
    second = Submission.objects.filter(
        number=2, assurance_return__partnership__slug="haringey"
    ).first()
    changes = {label: count for label, _, count in report_build(second).change_counts}
    assert changes.get("Improved", 0) >= 1  # the update's report compares with the first


def _framework_with_a_story_of_returns(partnership):
    framework = Framework.objects.get(partnership=partnership)
    assert Standard.objects.filter(section__framework=framework).count() >= 20
    assert framework.sections.count() == 5
    assert framework.variants.get().standards.count() == 8

    completion = framework_completion(framework=framework, today=timezone.localdate())
    states = {count.state: count.count for count in completion.counts}
    assert states["submitted"] >= 3
    assert states["in_progress"] >= 1
    assert states["overdue"] == 1
    assert any(row.submissions == 2 for row in completion.rows)

    submissions = Submission.objects.filter(assurance_return__framework=framework)
    assert all(submission.report_pdf for submission in submissions)
    assert Action.objects.filter(partnership=partnership, reference__startswith=framework.name)
    assert weak_themes(heat_map(framework)).standards  # supervision is weak across partners


def test_a_challenge_is_answered_and_the_contributor_sees_only_its_own_return(demo):
    challenge = Challenge.objects.get(partnership__slug="city-of-london")
    contributor = User.objects.get(username=f"city-of-london-{Role.CONTRIBUTOR}")
    assert challenge.response and challenge.responded_by == contributor
    organisation = challenge.rating.submission.assurance_return.organisation
    assert organisation.name == "British Transport Police"
    peer_review = Challenge.objects.get(partnership__slug="haringey")
    assert peer_review.kind == "peer_review"

    partnership = Partnership.objects.get(slug="haringey")
    contributor = User.objects.get(username=f"haringey-{Role.CONTRIBUTOR}")
    visible = selectors.return_list(
        partnership=partnership,
        user=contributor,
        roles=frozenset({Role.CONTRIBUTOR}),
        on=timezone.localdate(),
    )
    [own] = visible
    assert own.organisation.name == "National Probation Service"
    assert own.status == "in_progress"
    assert own.due_date > timezone.localdate() - datetime.timedelta(days=1)

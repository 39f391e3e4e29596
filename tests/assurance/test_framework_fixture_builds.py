"""The shared fixture builds a whole framework (other assurance tests rely on its shape)."""

from saferboard.assurance.models import Standard, SuggestedAction


def test_framework_has_four_standards_with_actions_below_met(framework):
    standards = Standard.objects.filter(section__framework=framework)
    assert standards.count() == 4
    assert SuggestedAction.objects.filter(standard__in=standards).count() == 8
    assert not SuggestedAction.objects.filter(level__meets_standard=True).exists()


def test_contributor_works_for_their_organisation(make_contributor, police, partnership_a):
    import datetime

    from saferboard.actions.selectors import user_organisation_ids

    user = make_contributor(police)
    assert user_organisation_ids(
        partnership=partnership_a, user=user, on=datetime.date(2025, 6, 1)
    ) == {police.pk}

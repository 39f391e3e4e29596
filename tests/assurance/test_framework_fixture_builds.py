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


def test_contributor_sees_only_own_organisations_returns(
    make_contributor, police, police_return, council_return, partnership_a
):
    import datetime

    from saferboard.assurance.selectors import return_list
    from saferboard.core.roles import Role

    user = make_contributor(police)
    returns = return_list(
        partnership=partnership_a,
        user=user,
        roles=frozenset({Role.CONTRIBUTOR}),
        on=datetime.date(2025, 6, 1),
    )
    assert list(returns) == [police_return]

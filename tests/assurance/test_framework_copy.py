"""A new version of a framework copies everything into a draft; the original stays."""

import datetime

from saferboard.assurance.frameworks import framework_copy, variant_add
from saferboard.assurance.models import FrameworkStatus, Standard, SuggestedAction


def test_copy_makes_a_draft_with_every_part(framework, manager_a):
    original = list(Standard.objects.filter(section__framework=framework))
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    variant_add(
        framework=framework, by=manager_a, name="Small organisations", standards=original[:2]
    )

    copy = framework_copy(
        framework=framework,
        version_label="2026",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
        by=manager_a,
    )

    assert copy.status == FrameworkStatus.DRAFT
    assert copy.copied_from == framework
    standards = list(Standard.objects.filter(section__framework=copy))
    assert [(s.number, s.title, s.evidence_required) for s in standards] == [
        (s.number, s.title, s.evidence_required) for s in original
    ]
    assert {s.scale.framework_id for s in standards} == {copy.pk}
    copied_actions = SuggestedAction.objects.filter(standard__in=standards)
    assert copied_actions.count() == 8
    assert {a.level.scale.framework_id for a in copied_actions} == {copy.pk}
    variant = copy.variants.get()
    assert sorted(s.number for s in variant.standards.all()) == ["1.1", "1.2"]
    assert {s.section.framework_id for s in variant.standards.all()} == {copy.pk}
    # The original keeps its own rows.
    assert Standard.objects.filter(section__framework=framework).count() == 4

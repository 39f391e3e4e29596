"""The framework and return pages run the same number of queries whatever the size of the
framework, the number of answers and evidence files, and the number of returns."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.assurance.models import (
    Answer,
    AssuranceReturn,
    Evidence,
    Section,
    Standard,
    SuggestedAction,
)
from tests.factories import OrganisationFactory


def grow(framework, police_return, *, extra: int, start: int = 0):
    """Add `extra` sections of three standards, answer every standard not yet answered with
    an evidence file, and invite `extra` more organisations."""
    partnership = framework.partnership
    scale = framework.scales.get()
    partly = scale.levels.get(code="partly")
    for n in range(start, start + extra):
        section = Section.objects.create(
            partnership=partnership, framework=framework, title=f"Extra {n}", order=10 + n
        )
        for m in range(3):
            standard = Standard.objects.create(
                partnership=partnership,
                section=section,
                number=f"{3 + n}.{m + 1}",
                title=f"Extra standard {n}.{m}",
                scale=scale,
                order=m,
            )
            SuggestedAction.objects.create(
                partnership=partnership, standard=standard, level=partly, text="Do it"
            )
    answered = police_return.answers.values("standard")
    for standard in Standard.objects.filter(section__framework=framework).exclude(pk__in=answered):
        answer = Answer.objects.create(
            partnership=partnership,
            assurance_return=police_return,
            standard=standard,
            level=partly,
            comment="Some",
        )
        Evidence.objects.create(
            partnership=partnership,
            answer=answer,
            title=f"Evidence {standard.number}",
            file="assurance/evidence/x.pdf",
            original_name="x.pdf",
        )
    for _ in range(extra):
        AssuranceReturn.objects.create(
            partnership=partnership,
            framework=framework,
            organisation=OrganisationFactory(partnership=partnership),
            due_date=datetime.date(2025, 9, 30),
        )


def page_queries(client, framework, police_return) -> dict[str, int]:
    slug = framework.partnership.slug
    section = framework.sections.first()
    pages = {
        "framework-detail": reverse(
            "assurance:framework-detail", kwargs={"partnership": slug, "pk": framework.pk}
        ),
        "return-list": reverse("assurance:return-list", kwargs={"partnership": slug}),
        "return-detail": reverse(
            "assurance:return-detail", kwargs={"partnership": slug, "pk": police_return.pk}
        ),
        "return-answer": reverse(
            "assurance:return-answer", kwargs={"partnership": slug, "pk": police_return.pk}
        )
        + f"?section={section.pk}",
        "return-check": reverse(
            "assurance:return-check", kwargs={"partnership": slug, "pk": police_return.pk}
        ),
    }
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow(framework, police_return, manager_a):
    client = Client()
    client.force_login(manager_a)
    client.get(reverse("assurance:return-list", kwargs={"partnership": framework.partnership.slug}))
    grow(framework, police_return, extra=1)
    small = page_queries(client, framework, police_return)
    grow(framework, police_return, extra=4, start=1)
    large = page_queries(client, framework, police_return)
    assert Standard.objects.filter(section__framework=framework).count() >= 19
    assert large == small

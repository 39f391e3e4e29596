"""The submission's page takes the same number of queries however many standards, actions
and challenges it shows."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.assurance.challenges import challenge_add
from saferboard.assurance.submissions import submission_make
from tests.assurance.submission_helpers import answer_all, framework_grow, grown_ratings

ON = datetime.date(2025, 9, 1)


def _page_queries(client, submission) -> int:
    url = reverse(
        "assurance:submission-detail",
        kwargs={"partnership": submission.partnership.slug, "pk": submission.pk},
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_page_does_not_grow_with_the_report(
    framework, police_return, make_contributor, police, manager_a
):
    writer = make_contributor(police)
    client = Client()
    client.force_login(writer)

    answer_all(police_return, by=writer, ratings={"1.1": "partly", "1.2": "partly"})
    submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer, ratings={"1.2": "not_met"})  # 1.1 now met
    second = submission_make(assurance_return=police_return, by=writer, on=ON)
    challenge_add(rating=second.ratings.first(), kind="challenge", note="Why?", by=manager_a)
    _page_queries(client, second)  # the first request of a session does its own bookkeeping
    small = _page_queries(client, second)

    framework_grow(framework, 10)
    police_return.submissions.all().delete()
    answer_all(police_return, by=writer, ratings=grown_ratings(10, "partly") | {"1.2": "partly"})
    submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer, ratings=grown_ratings(10, "not_met"))
    second = submission_make(assurance_return=police_return, by=writer, on=ON)
    for rating in second.ratings.all()[:5]:
        challenge_add(rating=rating, kind="peer_review", note="Seen.", by=manager_a)
    large = _page_queries(client, second)

    assert large == small

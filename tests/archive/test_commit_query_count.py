"""The commit's queries grow by the same fixed number for each item, resolution and
person, however long the document: nothing is re-read per record already written."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferboard.archive.commit import import_commit
from saferboard.archive.models import ImportFile
from saferboard.meetings.models import AgendaItem
from tests.factories import BodyFactory


def document(size: int, date: str) -> dict:
    return {
        "schema": "saferboard.import/1",
        "meetings": [
            {
                "body": "Board",
                "role": "minutes",
                "date": date,
                "start_time": "10:00",
                "present": [{"name": f"Guest {n}"} for n in range(size)],
                "items": [
                    {
                        "number": str(n + 1),
                        "title": f"Update {n + 1}",
                        "minutes_text": "Discussed.",
                        "resolutions": [f"That report {n + 1} be noted."],
                    }
                    for n in range(size)
                ],
            }
        ],
        "action_log": [],
    }


def queries_to_commit(body, by, size: int, date: str) -> int:
    import_file = ImportFile.objects.create(
        partnership=body.partnership,
        body=body,
        original_name=f"{size}.pdf",
        sha256=f"{size:064d}",
        size=1,
        found=document(size, date),
        uploaded_by=by,
    )
    with CaptureQueriesContext(connection) as queries:
        import_commit(import_file=import_file, people={}, by=by, version=1)
    return len(queries.captured_queries)


def test_each_item_costs_the_same_fixed_number_of_queries(partnership_a, manager_a):
    body = BodyFactory(partnership=partnership_a)
    small = queries_to_commit(body, manager_a, 4, "2019-01-10")
    medium = queries_to_commit(body, manager_a, 8, "2019-02-10")
    large = queries_to_commit(body, manager_a, 16, "2019-03-10")

    assert AgendaItem.objects.count() == 4 + 8 + 16
    per_row = (medium - small) / 4
    assert large - medium == 8 * per_row
    # An item, its resolution and a person in attendance: about ten queries for each
    # record written (full_clean's checks, the insert, the history row).
    assert per_row <= 36

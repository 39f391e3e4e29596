"""A file read by `saferboard import-folder` has no uploader; it is committed all the same."""

from saferboard.archive.commit import import_commit
from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.meetings.models import Meeting
from tests.factories import BodyFactory


def test_a_file_with_no_uploader_can_be_committed(partnership_a, clerk_a):
    body = BodyFactory(partnership=partnership_a)
    import_file = ImportFile.objects.create(
        partnership=partnership_a,
        body=body,
        original_name="2019-03-14-minutes.txt",
        sha256="4" * 64,
        size=1,
        found={
            "schema": "saferboard.import/1",
            "meetings": [
                {
                    "role": "minutes",
                    "date": "2019-03-14",
                    "start_time": "10:00",
                    "items": [{"number": "1", "title": "Apologies"}],
                }
            ],
            "action_log": [],
        },
        uploaded_by=None,
    )

    import_commit(import_file=import_file, people={}, by=clerk_a, version=1)

    import_file.refresh_from_db()
    assert (import_file.status, import_file.committed_by) == (ImportStatus.COMMITTED, clerk_a)
    assert Meeting.objects.get(bodies=body).items.get().title == "Apologies"

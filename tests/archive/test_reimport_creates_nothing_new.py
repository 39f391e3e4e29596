"""Importing the same file twice, or the same minutes again in another file, creates no
duplicates: records are found again by their natural keys and listed as reused."""

import datetime

from saferboard.actions.models import Action
from saferboard.archive.commit import import_commit
from saferboard.archive.models import ImportedRecord, ImportFile
from saferboard.meetings.models import AgendaItem, Attendance, InAttendance, Meeting, Resolution
from tests.archive.conftest import PACK_2012
from tests.archive.test_commit_seed_pack_2012 import import_file_of
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory

MODELS = (Meeting, AgendaItem, Resolution, Attendance, InAttendance, Action)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def commit(import_file: ImportFile, by) -> dict:
    import_file.refresh_from_db()
    return import_commit(import_file=import_file, people={}, by=by, version=import_file.version)


def test_committing_the_same_file_twice_creates_nothing_new(partnership_a, manager_a):
    csp = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    import_file = import_file_of(PACK_2012, body=csp, by=manager_a)
    first = commit(import_file, manager_a)
    before = counts()

    second = commit(import_file, manager_a)

    assert counts() == before
    assert second["created"] == {}
    assert second["reused"]["meetings.meeting"] == 2
    assert second["reused"]["meetings.agendaitem"] == first["created"]["meetings.agendaitem"]
    assert second["reused"]["meetings.resolution"] == first["created"]["meetings.resolution"]
    assert second["reused"]["actions.action"] == first["created"]["actions.action"]
    # Each record is listed once for the file, as created by the first commit.
    assert ImportedRecord.objects.filter(import_file=import_file, created=False).count() == 0


def test_the_same_minutes_in_another_file_reuse_the_meeting(partnership_a, manager_a):
    csp = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    pack = import_file_of(PACK_2012, body=csp, by=manager_a)
    commit(pack, manager_a)
    june = next(m for m in pack.found["meetings"] if m["date"] == "2012-06-26")
    reprinted = {
        **june,
        "items": [
            *june["items"],
            {"number": "HSP35", "title": "Late item", "minutes_text": "Heard late."},
        ],
    }
    later_pack = ImportFile.objects.create(
        partnership=partnership_a,
        body=csp,
        original_name="next-pack.pdf",
        sha256="1" * 64,
        size=1,
        found={"schema": "saferboard.import/1", "meetings": [reprinted], "action_log": []},
        uploaded_by=manager_a,
    )
    before = counts()

    report = commit(later_pack, manager_a)

    assert report["created"] == {"meetings.agendaitem": 1}
    assert report["reused"]["meetings.meeting"] == 1
    assert counts() == {**before, "AgendaItem": before["AgendaItem"] + 1}
    late = AgendaItem.objects.get(minute_number="HSP35")
    assert late.meeting.date == datetime.date(2012, 6, 26)
    assert ImportedRecord.objects.get(object_id=late.pk, kind="meetings.agendaitem").created


def test_a_meeting_already_in_saferboard_is_reused_and_its_minutes_filled_in(
    partnership_a, manager_a
):
    csp = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    meeting = MeetingFactory(
        partnership=partnership_a,
        bodies=[csp],
        date=datetime.date(2012, 6, 26),
        start_time=datetime.time(18, 30),
        end_time=None,
    )
    terrorism = AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, title="Terrorism update", minute_text=""
    )

    report = commit(import_file_of(PACK_2012, body=csp, by=manager_a), manager_a)

    assert Meeting.objects.filter(date=datetime.date(2012, 6, 26)).get() == meeting
    meeting.refresh_from_db()
    assert meeting.start_time == datetime.time(18, 30)
    terrorism.refresh_from_db()
    assert terrorism.minute_text.startswith("Sandra Looby, Borough Commander, advised")
    assert meeting.items.filter(title__iexact="terrorism update").count() == 1
    assert report["reused"]["meetings.meeting"] == 1
    assert report["updated"]["meetings.agendaitem"] == 1


def test_the_agenda_and_minutes_of_one_meeting_in_one_file_make_one_meeting(
    partnership_a, manager_a
):
    csp = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    agenda = {
        "role": "agenda",
        "date": "2019-03-14",
        "start_time": "14:00",
        "items": [{"number": "1", "title": "Apologies"}, {"number": "2", "title": "Knife crime"}],
    }
    minutes = {
        "role": "minutes",
        "date": "2019-03-14",
        "start_time": None,
        "items": [
            {"number": "12", "title": "KNIFE CRIME", "minutes_text": "The board heard the plan."}
        ],
    }
    import_file = ImportFile.objects.create(
        partnership=partnership_a,
        body=csp,
        original_name="pack.pdf",
        sha256="5" * 64,
        size=1,
        found={"schema": "saferboard.import/1", "meetings": [agenda, minutes], "action_log": []},
        uploaded_by=manager_a,
    )

    commit(import_file, manager_a)

    meeting = Meeting.objects.get()
    assert meeting.status == "draft_minutes"
    assert meeting.start_time == datetime.time(14, 0)
    assert [(i.number, i.title, i.minute_text) for i in meeting.items.all()] == [
        (1, "Apologies", ""),
        (2, "Knife crime", "The board heard the plan."),
    ]

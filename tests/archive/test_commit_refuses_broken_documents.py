"""A document the commit cannot make records from, a stale page or a person from another
partnership is refused with a message naming what and where, and nothing is written."""

import pytest

from saferboard.archive.commit import import_commit
from saferboard.archive.models import ImportedRecord, ImportFile, ImportStatus
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings.models import AgendaItem, Meeting
from tests.factories import BodyFactory, PersonFactory

GOOD_MEETING = {
    "body": "Community Safety Partnership",
    "role": "agenda",
    "date": "2018-07-25",
    "start_time": "14:00",
    "venue": "Civic Centre",
    "items": [{"number": "1", "title": "Apologies"}],
}


@pytest.fixture
def body(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Community Safety Partnership")


def import_file_with(body, meetings, by, **fields) -> ImportFile:
    return ImportFile.objects.create(
        partnership=body.partnership,
        body=body,
        original_name="pack.pdf",
        sha256="2" * 64,
        size=1,
        found={"schema": "saferboard.import/1", "meetings": meetings, "action_log": []},
        uploaded_by=by,
        **fields,
    )


def assert_nothing_written(import_file: ImportFile, version: int) -> None:
    assert Meeting.objects.count() == 0
    assert AgendaItem.objects.count() == 0
    assert ImportedRecord.objects.count() == 0
    import_file.refresh_from_db()
    assert import_file.status == ImportStatus.READ
    assert import_file.version == version


def test_a_meeting_without_a_date_is_named_and_nothing_is_written(body, manager_a):
    undated = {**GOOD_MEETING, "role": "minutes", "date": None}
    import_file = import_file_with(body, [GOOD_MEETING, undated], manager_a)

    with pytest.raises(BusinessRuleError, match=r"^Meeting 2 \(minutes\) has no date"):
        import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert_nothing_written(import_file, 1)


def test_an_item_without_a_title_is_named(body, manager_a):
    untitled = {**GOOD_MEETING, "items": [{"number": "1", "title": "Apologies"}, {"number": "2"}]}
    import_file = import_file_with(body, [untitled], manager_a)

    with pytest.raises(BusinessRuleError) as refused:
        import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert str(refused.value) == "Meeting 1 (agenda of 25 July 2018), item 2 has no title."
    assert_nothing_written(import_file, 1)


def test_a_stale_page_is_refused(body, manager_a):
    import_file = import_file_with(body, [GOOD_MEETING], manager_a)
    import_file.reviewed = {**import_file.found, "meetings": []}
    import_file.version = 2
    import_file.save()

    with pytest.raises(StaleEditError):
        import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert_nothing_written(import_file, 2)


def test_a_person_of_another_partnership_is_refused(body, manager_a, partnership_b):
    stranger = PersonFactory(partnership=partnership_b, given_name="Ann", family_name="Other")
    meeting = {**GOOD_MEETING, "present": [{"name": "Ann Other"}]}
    import_file = import_file_with(body, [meeting], manager_a)

    with pytest.raises(BusinessRuleError, match="“Ann Other” is not in this partnership"):
        import_commit(
            import_file=import_file, people={"Ann Other": stranger.pk}, by=manager_a, version=1
        )

    assert_nothing_written(import_file, 1)


def test_a_file_that_could_not_be_read_has_nothing_to_commit(body, manager_a):
    import_file = import_file_with(
        body, [], manager_a, status=ImportStatus.FAILED, error="Not a PDF."
    )

    with pytest.raises(BusinessRuleError, match="pack.pdf could not be read"):
        import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert Meeting.objects.count() == 0


def test_the_clerks_corrections_are_what_is_committed(body, manager_a):
    import_file = import_file_with(body, [GOOD_MEETING], manager_a)
    corrected = {**GOOD_MEETING, "items": [{"number": "1", "title": "Apologies for absence"}]}
    import_file.reviewed = {**import_file.found, "meetings": [corrected]}
    import_file.save()

    import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert AgendaItem.objects.get().title == "Apologies for absence"
    assert import_file.status == ImportStatus.COMMITTED
    assert import_file.committed_by == manager_a


def test_a_list_of_people_that_is_not_entries_is_named(body, manager_a):
    meeting = {**GOOD_MEETING, "present": ["Ann Other"]}
    import_file = import_file_with(body, [meeting], manager_a)

    with pytest.raises(BusinessRuleError) as refused:
        import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert str(refused.value) == (
        "Meeting 1 (agenda of 25 July 2018): present must be a list of entries."
    )
    assert_nothing_written(import_file, 1)


def test_a_meeting_left_out_is_not_committed(body, manager_a):
    left_out = {**GOOD_MEETING, "date": "2018-09-19", "include": False}
    import_file = import_file_with(body, [GOOD_MEETING, left_out], manager_a)

    import_commit(import_file=import_file, people={}, by=manager_a, version=1)

    assert [str(m.date) for m in Meeting.objects.all()] == ["2018-07-25"]

"""Correcting what was found: the clerk's changes are kept in `reviewed` beside the
untouched `found`; a stale copy is refused; a broken document is refused naming where."""

import copy

import pytest
from django.urls import reverse

from saferboard.archive.forms import ItemCorrectForm, MeetingCorrectForm
from saferboard.archive.models import ImportFile
from saferboard.archive.review import review_save
from saferboard.core.errors import BusinessRuleError, StaleEditError
from tests.archive.conftest import PACK_2018
from tests.archive.uploads import csp_board, upload


@pytest.fixture
def import_file(client, partnership_a, clerk_a) -> ImportFile:
    client.force_login(clerk_a)
    upload(client, partnership_a, csp_board(partnership_a), PACK_2018)
    return ImportFile.objects.get()


def form_data(import_file: ImportFile, number: int) -> dict:
    """The correction form of meeting `number` as the page fills it in."""
    meeting = import_file.document["meetings"][number - 1]
    data = {"version": import_file.version}
    for name, value in MeetingCorrectForm.initial_for(meeting).items():
        if name == "date":
            if value:
                year, month, day = value.split("-")
                data |= {"date_day": day, "date_month": month, "date_year": year}
        elif name == "include":
            data["include"] = "on"
        else:
            data[name] = value or ""
    items = meeting["items"]
    data |= {
        "items-TOTAL_FORMS": len(items) + 1,
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, item in enumerate(items):
        for name, value in ItemCorrectForm.initial_for(item).items():
            data[f"items-{index}-{name}"] = value or ""
    return data


def correct_url(partnership, import_file, number: int) -> str:
    url = reverse("archive:correct", args=[partnership.slug, import_file.pk])
    return f"{url}?meeting={number}"


def test_correcting_an_item_title_keeps_what_was_found(client, partnership_a, import_file):
    found = copy.deepcopy(import_file.found)
    data = form_data(import_file, 2)
    data["items-3-title"] = "Apologies for absence"
    data["start_time"] = "14.30"

    response = client.post(correct_url(partnership_a, import_file, 2), data)

    assert response.status_code == 302
    import_file.refresh_from_db()
    assert import_file.found == found
    meeting = import_file.reviewed["meetings"][1]
    assert meeting["items"][3]["title"] == "Apologies for absence"
    assert meeting["start_time"] == "14:30"
    # Everything else stays as found, including what the form does not show.
    assert meeting["items"][4] == found["meetings"][1]["items"][4]
    assert meeting["items"][3]["pages"] == found["meetings"][1]["items"][3]["pages"]
    assert meeting["present"] == found["meetings"][1]["present"]
    assert import_file.reviewed["meetings"][0] == found["meetings"][0]
    review = client.get(response.url).content.decode()
    assert "Apologies for absence" in review
    assert "Corrected, waiting for import" in review


def test_actions_resolutions_and_people_are_edited_one_a_line(client, partnership_a, import_file):
    data = form_data(import_file, 2)
    data["items-0-resolutions"] = "That the report be noted.\n\nThat the plan be agreed."
    data["items-0-actions"] = "Circulate the plan | CK / Head of Community Safety | 31/08/2018"
    data["apologies"] = "Jon Abbey | Gill Gibson\nSarah Hart"
    data["present"] = "Cllr Claire Kober | Chair | Haringey Council"

    client.post(correct_url(partnership_a, import_file, 2), data)

    import_file.refresh_from_db()
    meeting = import_file.reviewed["meetings"][1]
    assert meeting["items"][0]["resolutions"] == [
        "That the report be noted.",
        "That the plan be agreed.",
    ]
    assert meeting["items"][0]["actions"] == [
        {
            "text": "Circulate the plan",
            "owners": ["CK", "Head of Community Safety"],
            "due": "2018-08-31",
        }
    ]
    assert meeting["apologies"] == [
        {"name": "Jon Abbey", "substitute": "Gill Gibson"},
        {"name": "Sarah Hart", "substitute": None},
    ]
    assert meeting["present"] == [
        {"name": "Cllr Claire Kober", "role": "Chair", "organisation": "Haringey Council"}
    ]


def test_items_can_be_left_out_and_added(client, partnership_a, import_file):
    before = import_file.found["meetings"][1]["items"]
    data = form_data(import_file, 2)
    data["items-0-leave_out"] = "on"
    extra = len(before)
    data[f"items-{extra}-number"] = "99"
    data[f"items-{extra}-title"] = "Any other business"

    client.post(correct_url(partnership_a, import_file, 2), data)

    import_file.refresh_from_db()
    items = import_file.reviewed["meetings"][1]["items"]
    assert [i["title"] for i in items] == [i["title"] for i in before[1:]] + ["Any other business"]
    assert items[-1]["number"] == "99"
    assert items[-1]["resolutions"] == []


def test_a_meeting_can_be_left_out(client, partnership_a, import_file):
    data = form_data(import_file, 1)
    del data["include"]

    client.post(correct_url(partnership_a, import_file, 1), data)

    import_file.refresh_from_db()
    assert [m["role"] for m in import_file.reviewed["meetings"]] == ["minutes"]
    assert len(import_file.found["meetings"]) == 2


def test_a_stale_copy_is_refused_and_nothing_is_saved(client, partnership_a, import_file):
    stale = form_data(import_file, 2)
    fresh = form_data(import_file, 2)
    fresh["venue"] = "Civic Centre"
    client.post(correct_url(partnership_a, import_file, 2), fresh)
    stale["venue"] = "Marcus Garvey Library"

    response = client.post(correct_url(partnership_a, import_file, 2), stale)

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    import_file.refresh_from_db()
    assert import_file.reviewed["meetings"][1]["venue"] == "Civic Centre"


def test_wrong_entries_are_named_and_nothing_is_saved(client, partnership_a, import_file):
    data = form_data(import_file, 2)
    data["start_time"] = "teatime"
    data["items-1-actions"] = "Send the report | CK | next Tuesday"
    data["items-2-title"] = ""

    response = client.post(correct_url(partnership_a, import_file, 2), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the start time as a 24-hour time, like 14:00" in page
    assert "the due date “next Tuesday” is not a date" in page
    assert "Item 3: Enter the title" in page
    import_file.refresh_from_db()
    assert import_file.reviewed is None


def test_review_save_refuses_a_document_that_does_not_fit_naming_where(import_file, clerk_a):
    document = copy.deepcopy(import_file.found)
    document["meetings"][1]["date"] = "2018-02-30"
    with pytest.raises(BusinessRuleError, match=r"Meeting 2 \(minutes\): the date"):
        review_save(
            import_file=import_file, document=document, by=clerk_a, version=import_file.version
        )
    document = copy.deepcopy(import_file.found)
    document["meetings"][1]["items"][2]["title"] = "  "
    with pytest.raises(BusinessRuleError, match="26 February 2018.*item 14's title"):
        review_save(
            import_file=import_file, document=document, by=clerk_a, version=import_file.version
        )
    import_file.refresh_from_db()
    assert import_file.reviewed is None


def test_review_save_is_version_checked(import_file, clerk_a):
    document = copy.deepcopy(import_file.found)
    version = import_file.version
    review_save(import_file=import_file, document=document, by=clerk_a, version=version)
    with pytest.raises(StaleEditError):
        review_save(import_file=import_file, document=document, by=clerk_a, version=version)


def test_starting_again_throws_the_corrections_away(client, partnership_a, import_file):
    data = form_data(import_file, 2)
    data["venue"] = "Somewhere else"
    client.post(correct_url(partnership_a, import_file, 2), data)
    import_file.refresh_from_db()
    review = reverse("archive:review", args=[partnership_a.slug, import_file.pk])

    client.post(review, {"version": import_file.version})

    import_file.refresh_from_db()
    assert import_file.reviewed is None
    assert "Somewhere else" not in client.get(review).content.decode()


def test_an_imported_file_cannot_be_corrected(client, partnership_a, import_file, clerk_a):
    ImportFile.objects.filter(pk=import_file.pk).update(status="committed")
    import_file.refresh_from_db()
    with pytest.raises(BusinessRuleError, match="is imported: there is nothing to correct"):
        review_save(
            import_file=import_file,
            document=import_file.found,
            by=clerk_a,
            version=import_file.version,
        )

    page = client.get(correct_url(partnership_a, import_file, 1)).content.decode()

    assert "This file has been imported; it can no longer be corrected." in page
    assert "Save corrections" not in page

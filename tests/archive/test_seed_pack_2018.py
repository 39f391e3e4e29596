"""The 2018 Haringey pack: the July agenda and the February minutes of the meeting in common,
checked against what a person reads in the file (expectations written by hand)."""

from tests.archive.conftest import item, meeting


def test_agenda_heading_gives_body_date_time_and_venue(pack_2018):
    agenda = meeting(pack_2018, role="agenda", date="2018-07-25")

    assert agenda["body"] == "Community Safety Partnership"
    assert agenda["start_time"] == "14:00"
    assert agenda["venue"] == "Civic Centre, High Road, Wood Green, N22 8LE"


def test_agenda_items_have_titles_and_page_ranges(pack_2018):
    agenda = meeting(pack_2018, role="agenda", date="2018-07-25")

    assert [i["number"] for i in agenda["items"]] == [str(n) for n in range(1, 18)]
    assert item(agenda, "3")["title"] == "CSP TERMS OF REFERENCE AND MEMBERSHIP"
    assert item(agenda, "3")["pages"] == [1, 10]
    assert item(agenda, "9")["title"].lower() == "community safety strategy developments"
    assert item(agenda, "9")["pages"] == [19, 22]
    assert item(agenda, "13")["pages"] == [53, 92]
    assert item(agenda, "8")["pages"] is None
    assert all(i["status"] is None for i in agenda["items"])


def test_future_meeting_without_a_year_takes_the_agendas_year(pack_2018):
    agenda = meeting(pack_2018, role="agenda", date="2018-07-25")

    assert agenda["future_meetings"] == [{"date": "2018-09-19", "time": "14:00"}]
    assert any("2018" in warning for warning in pack_2018["warnings"])


def test_minutes_of_the_meeting_in_common(pack_2018):
    minutes = meeting(pack_2018, role="minutes", date="2018-02-26")

    assert minutes["body"] == "Health and Wellbeing Board"
    assert minutes["start_time"] == "14:00"
    assert minutes["chair"] == "Councillor Claire Kober"
    assert [i["number"] for i in minutes["items"]] == [str(n) for n in range(12, 25)]
    assert item(minutes, "20")["title"] == "PHARMACEUTICAL NEEDS ASSESSMENT (PNA)"
    assert all(i["status"] == "taken" for i in minutes["items"])


def test_present_list_with_the_chair(pack_2018):
    minutes = meeting(pack_2018, role="minutes", date="2018-02-26")
    present = {person["name"]: person for person in minutes["present"]}

    assert present["Cllr Claire Kober"]["role"] == "Chair"
    assert present["Sharon Grant"]["organisation"] == "Healthwatch Haringey"
    assert "Tim Miller" in present
    assert len(minutes["present"]) == 18


def test_apologies_with_the_officer_who_attended_instead(pack_2018):
    minutes = meeting(pack_2018, role="minutes", date="2018-02-26")
    apologies = {entry["name"]: entry["substitute"] for entry in minutes["apologies"]}

    assert len(apologies) == 8
    assert apologies["Geraldine Gavin"] is None
    assert apologies["Shelly Shenker"] is None
    assert apologies["Borough Commander Helen Millichap"] == (
        "Des Fahy Detective Chief Superintendent"
    )


def test_numbered_resolutions_are_one_string_each(pack_2018):
    minutes = meeting(pack_2018, role="minutes", date="2018-02-26")
    pna = item(minutes, "20")["resolutions"]

    assert len(pna) == 3
    assert pna[0].startswith("To note progress made to date")
    assert pna[2].startswith("To delegate to the Director of Public Health")
    assert item(minutes, "21")["resolutions"] == ["To note the report."]
    assert item(minutes, "15")["resolutions"] == []

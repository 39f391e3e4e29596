"""Membership lists printed with an agenda become `members`: "Members:" lines, "Councillors:"
comma lists, a block of one member per line, a table of name | organisation | role, and the
glued table cells of the seed packs' PDF conversions. Supporting officers are left out."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from tests.archive.conftest import meeting


def parse(text: str) -> dict:
    return parse_pack(read_pack(name="agenda.txt", data=text.encode()), source="agenda.txt")


def only_meeting(text: str) -> dict:
    (found,) = parse(text)["meetings"]
    return found


HEADING = "AGENDA\nSafer Northtown Partnership\nThursday 6 June 2019 at 2pm, Town Hall\n\n"


def test_inline_members_list_with_the_chair():
    agenda = only_meeting(
        HEADING + "Members: Cllr Jane Smith (Chair), Cllr Ravi Patel, Dr Amy Lee and Tom Hill\n\n"
        "1. Apologies\n2. Knife crime\n"
    )

    assert agenda["members"] == [
        {"name": "Cllr Jane Smith", "role": "Chair", "organisation": None},
        {"name": "Cllr Ravi Patel", "role": None, "organisation": None},
        {"name": "Dr Amy Lee", "role": None, "organisation": None},
        {"name": "Tom Hill", "role": None, "organisation": None},
    ]
    assert [i["number"] for i in agenda["items"]] == ["1", "2"]


def test_councillors_by_surname_only():
    agenda = only_meeting(
        HEADING + "Councillors: Ahmed (Chair), Brown (Vice-Chair), Clarke and O'Neill\n\n"
        "1. Apologies\n"
    )

    assert [(m["name"], m["role"]) for m in agenda["members"]] == [
        ("Ahmed", "Chair"),
        ("Brown", "Vice-Chair"),
        ("Clarke", None),
        ("O'Neill", None),
    ]


def test_a_block_of_one_member_per_line_with_role_and_organisation():
    agenda = only_meeting(
        HEADING + "Membership:\n"
        "Cllr Jane Smith (Chair)\n"
        "Superintendent Alan Jones, Borough Commander, Northshire Police\n"
        "Mary O'Neill – Head of Community Safety, Northtown Council\n"
        "\n1. Apologies\n2. Knife crime\n"
    )

    assert agenda["members"] == [
        {"name": "Cllr Jane Smith", "role": "Chair", "organisation": None},
        {
            "name": "Superintendent Alan Jones",
            "role": "Borough Commander",
            "organisation": "Northshire Police",
        },
        {
            "name": "Mary O'Neill",
            "role": "Head of Community Safety",
            "organisation": "Northtown Council",
        },
    ]


def test_a_table_of_name_organisation_and_role_after_the_items():
    agenda = only_meeting(
        HEADING + "1. Apologies\n2. Knife crime\n\nJo Bloggs\nDemocratic Services Officer\n"
        "Tel: 01234 567890\n\nMembership List 2019/20\n"
        "Name\tOrganisation\tRole\n"
        "Jane Smith\tNorthtown Council\tChair\n"
        "Alan Jones\tNorthshire Police\tVice-Chair\n"
        "Vacant\tProbation Service\t\n"
        "Supporting officers\tChris King, Community Safety Officer\t\n"
        "\nThe Partnership's terms of reference follow.\n"
    )

    assert agenda["members"] == [
        {"name": "Jane Smith", "role": "Chair", "organisation": "Northtown Council"},
        {"name": "Alan Jones", "role": "Vice-Chair", "organisation": "Northshire Police"},
    ]
    assert [i["number"] for i in agenda["items"]] == ["1", "2"]


def test_members_see_attached_list_is_not_a_member():
    agenda = only_meeting(HEADING + "Members: see attached list\n\n1. Apologies\n")

    assert agenda["members"] == []


def test_prose_about_membership_is_not_a_list():
    agenda = only_meeting(
        HEADING + "1. Apologies\n\nMembership\n\nThe membership of the CSP will:\n"
        "- reflect statutory duties\n"
    )

    assert agenda["members"] == []


def test_glued_membership_table_of_the_2012_pack(pack_2012):
    agenda = meeting(pack_2012, role="agenda", date="2012-10-18")
    members = {m["name"]: m for m in agenda["members"]}

    assert members["Cllr Richard Watson"]["role"] == "Chair"
    assert members["Sandra Looby"] == {
        "name": "Sandra Looby",
        "role": "Vice-Chair",
        "organisation": "Haringey Metropolitan Police (Statutory Partner)",
    }
    assert members["Stephen Carroll"]["role"] == "Bench Legal Manager"
    assert "Cllr Martin Newton" in members
    assert "Pamela Pemberton" in members  # "Chief Executive (TBA) Pamela Pemberton (Deputy)"
    assert "Claire Kowalska" not in [m["name"] for m in agenda["members"][-2:]]
    assert "Maria Fletcher" not in members  # a supporting officer, not a member
    assert len(agenda["members"]) == 19
    minutes = meeting(pack_2012, role="minutes", date="2012-06-26")
    assert minutes["members"] == []


def test_glued_membership_cell_of_the_2018_pack(pack_2018):
    agenda = meeting(pack_2018, role="agenda", date="2018-07-25")
    members = {m["name"]: m for m in agenda["members"]}

    assert members["Cllr Mark Blake"]["role"] == "Co-chair"
    assert members["Helen Millichap"]["organisation"] == "Haringey Metropolitan Police"
    assert members["Zina Etheridge"] == {
        "name": "Zina Etheridge",
        "role": "Chief Executive",
        "organisation": "Haringey Council",
    }
    assert "Dr. Jeanelle de Gruchy" in members
    # "… Waltham Forest Douglas Charlton Assistant Chief Officer, …": no comma after the name
    assert members["Douglas Charlton"]["role"] == "Assistant Chief Officer"
    assert members["Andrew Blight"]["organisation"].endswith("Redbridge and Waltham Forest")
    assert "Tony Hartney" in members
    assert "Nigel Brookes" not in members  # a supporting advisor
    assert any("Supporting advisors" in warning for warning in pack_2018["warnings"])

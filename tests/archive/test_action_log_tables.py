"""An outstanding-actions table: one row per action, owners split, status read from words,
the header repeated on the next page skipped and a row broken across the page joined."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack

HEADER = ("No.", "Date raised", "Item", "Action", "Owner", "Status", "Update")
ROWS = [
    HEADER,
    (
        "1",
        "7 November 2019",
        "Item 6 Partnership Data Review",
        "Share the hotspot maps with ward councillors",
        "Community Safety Manager / Head of Corporate Strategy and Performance",
        "Ongoing",
        "Maps drafted; sharing agreed",
    ),
    ("2", "7 November 2019", "Item 8 ASB", "Review the CCTV contract", "CK/EM", "Complete", ""),
    ("Page 2 of 3",),
    HEADER,
    ("", "", "", "and report the savings", "", "", "Savings of 5% reported"),
    (
        "3",
        "12 March 2020",
        "Item 4 Knife crime",
        "Bring the youth survey results",
        "Police and Council",
        "Carried forward",
        "To the June meeting",
    ),
    ("1", "7 November 2019", "Item 6", "Share the hotspot maps", "CSM", "Ongoing", ""),
]
TRACKER = "Safer Westbury Partnership: outstanding actions\n\n" + "\n".join(
    "\t".join(row) for row in ROWS
)


def test_tracker_rows_are_read_once_each():
    document = parse_pack(read_pack(name="tracker.txt", data=TRACKER.encode()), source="t")
    log = document["action_log"]

    assert [row["number"] for row in log] == ["1", "2", "3"]
    assert log[0] == {
        "number": "1",
        "raised": "2019-11-07",
        "reference": "Item 6 Partnership Data Review",
        "action": "Share the hotspot maps with ward councillors",
        "owners": ["Community Safety Manager", "Head of Corporate Strategy and Performance"],
        "status": "ongoing",
        "update": "Maps drafted; sharing agreed",
    }
    assert log[1]["action"] == "Review the CCTV contract and report the savings"
    assert log[1]["owners"] == ["CK", "EM"]
    assert log[1]["status"] == "complete"
    assert log[1]["update"] == "Savings of 5% reported"
    assert log[2]["owners"] == ["Police", "Council"]
    assert log[2]["status"] == "carried_forward"
    assert any("action 1 appears twice" in warning for warning in document["warnings"])


def test_a_minutes_table_is_not_an_action_log():
    text = "MINUTE NO.\tSUBJECT/DECISION\tACTION BY\nHSP16.\tAPOLOGIES\t\n"

    document = parse_pack(read_pack(name="m.txt", data=text.encode()), source="m")

    assert document["action_log"] == []


def test_other_trackers_columns_and_a_deadline_that_is_not_the_date_raised():
    text = "\n".join(
        [
            "Action ref\tDate of meeting\tAction agreed\tResponsible\tDue date\tRAG status",
            "CSP-7\t3 May 2022\tRefresh the ASB policy\tHead of ASB\t30 June 2022\tAmber",
            "CSP-8\t3 May 2022\tBrief ward members\tPolice / Council\t1 July 2022\tClosed",
        ]
    )

    log = parse_pack(read_pack(name="t.txt", data=text.encode()), source="t")["action_log"]

    assert log == [
        {
            "number": "CSP-7",
            "raised": "2022-05-03",
            "reference": None,
            "action": "Refresh the ASB policy",
            "owners": ["Head of ASB"],
            "status": "ongoing",
            "update": None,
        },
        {
            "number": "CSP-8",
            "raised": "2022-05-03",
            "reference": None,
            "action": "Brief ward members",
            "owners": ["Police", "Council"],
            "status": "complete",
            "update": None,
        },
    ]

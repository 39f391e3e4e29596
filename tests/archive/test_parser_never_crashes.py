"""Property: whatever text a reader hands over, the parser returns the schema and never crashes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saferboard.archive.parser import SCHEMA, parse_pack

MEETING_KEYS = {
    "body",
    "role",
    "date",
    "start_time",
    "venue",
    "chair",
    "members",
    "present",
    "in_attendance",
    "apologies",
    "declarations",
    "items",
    "future_meetings",
}
ITEM_KEYS = {
    "number",
    "title",
    "decision_type",
    "pages",
    "presenter",
    "status",
    "minutes_text",
    "resolutions",
    "actions",
    "documents",
}
# Lines that look like the real thing, so that the property explores the parser's branches.
PACK_LINES = st.sampled_from(
    [
        "NOTICE OF MEETING",
        "AGENDA",
        "Minutes of the Safer Town Partnership held on 3 May 2019 at 2pm",
        "MINUTES OF THE BOARD TUESDAY, 26 JUNE 2012",
        "Present: A (Chair), B and C",
        "PRESENT:",
        "In attendance:",
        "Apologies were received from X (Y substituted) and Z",
        "1. APOLOGIES",
        "4a. Knife crime (Pages 1 - 9)",
        "HSP16.\tAPOLOGIES\t",
        "MINUTE NO.\tSUBJECT\tACTION BY",
        "\tRESOLVED: that it be noted\tCK/EM",
        "RESOLVED",
        "(i) that the plan be approved;",
        "NOTED the report. More text.",
        "Action: CK",
        "[action: CK/EM] something",
        "DATES OF FUTURE MEETINGS",
        "19th of September 2pm",
        "29 February",
        "CHAIR: Someone",
        "Signed by Chair",
        "Membership:",
        "Members: Cllr A (Chair), Cllr B and C D",
        "Councillors: Ahmed (Chair), Brown",
        "Community Safety Partnership - Membership List 2018/19",
        "Name\tOrganisation\tRole",
        "Statutory partners\tCllr A B, Chair Zina E, Chief Executive, Council Tom F, Lead,",
        "Supporting officers\tJo G, Clerk",
        "Public Document Pack",
        "Date: Thursday, 12 January 2023",
        "Time: 10.00 am",
        "Venue: Room 1. View directions",
        "1 Apologies for absence",
        "3 Minutes of the previous meeting   1 - 6",
        "(Pages 1 - 6)",
        "45/23 Minutes",
        "B. Main items",
        "IV. Prevent",
        "Minutes:",
        "Appendix A",
        "Agenda Item 4",
        "Jo Bloggs",
        "Democratic Services Manager",
        "Apologies: Cllr X (substitute: Cllr Y), Z",
        "Ravensby Police: Insp Dave Hill, PC Amy Lowe",
        "ACTION: JB to circulate the final strategy by 1 March",
        "The Board RESOLVED that the plan be approved.",
        "DECISION: To adopt the strategy.",
        "\ttowns.\tManager",
        "\t\tManager",
        "Minute No.\tSubject\tDiscussion\tACTION BY",
        "| Ref | Action | Lead | RAG |",
        "| 1 | Do it | CK | Amber |",
        "No.\tAction\tOwner\tStatus",
        "\t\tand the rest\t\tOngoing",
        "Minutes of the meeting held on 3 May 2019",
        "held at County Hall on Monday 3 June 2019 at 14:00",
        "",
    ]
)
LINES = st.lists(st.one_of(PACK_LINES, st.text(max_size=80)), max_size=40)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(lines=LINES)
def test_parser_returns_the_schema_for_any_lines(lines):
    document = parse_pack(lines, source="fuzz.txt")

    assert document["schema"] == SCHEMA
    assert set(document) == {"schema", "source", "meetings", "action_log", "warnings"}
    assert all(isinstance(warning, str) for warning in document["warnings"])
    for meeting in document["meetings"]:
        assert set(meeting) == MEETING_KEYS
        assert meeting["role"] in {"agenda", "minutes", "agenda_and_minutes"}
        for item in meeting["items"]:
            assert set(item) == ITEM_KEYS
            assert item["title"]
            for action in item["actions"]:
                assert set(action) == {"text", "owners", "due"}


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=2000))
def test_parser_accepts_arbitrary_text(text):
    document = parse_pack(text.splitlines(), source="fuzz.txt")

    assert isinstance(document["meetings"], list)
    assert document["source"] == "fuzz.txt"

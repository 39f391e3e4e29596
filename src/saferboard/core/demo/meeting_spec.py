"""The demo's year of meetings: what each agenda held, what its papers said, what was resolved.

Item titles, running order and resolution wording follow the Haringey packs of
2012 and 2018 and the City of London's 2021 pack; the people are the demo's
invented ones. Papers are generated from `paper` text when the demo is built.
"""

import datetime
from dataclasses import dataclass, field

from saferboard.meetings.models import DecisionType, ResolutionKind

D = datetime.date
T = datetime.time
DECISION = DecisionType.FOR_DECISION
INFORMATION = DecisionType.FOR_INFORMATION
DISCUSSION = DecisionType.FOR_DISCUSSION
ORAL = DecisionType.ORAL_UPDATE
NOTED, AGREED, APPROVED = ResolutionKind.NOTED, ResolutionKind.AGREED, ResolutionKind.APPROVED
RECEIVED, DELEGATED = ResolutionKind.RECEIVED, ResolutionKind.DELEGATED


@dataclass(frozen=True)
class DemoItem:
    title: str
    decision_type: str
    presenter: str = ""
    lead_officer: str = ""
    minutes_allowed: int | None = None
    purpose: str = ""
    # Paper: pages of generated report (0 for none); more than one paper as extra titles.
    pages: int = 0
    appendices: tuple[tuple[str, int], ...] = ()
    exempt_paragraph: int | None = None
    sensitive: bool = False
    section: str = "Main business"
    # What happened at the meeting.
    minute: str = ""
    resolutions: tuple[tuple[str, str, str], ...] = ()  # (kind, text, delegated to)
    deferred: bool = False
    declarations: tuple[tuple[str, str, str], ...] = ()  # (person key, type, nature)


@dataclass(frozen=True)
class DemoMeeting:
    bodies: tuple[str, ...]
    date: datetime.date
    start: datetime.time
    end: datetime.time
    venue: str
    items: tuple[DemoItem, ...]
    # Person keys: who sent apologies (with an optional substitute's name), who was absent.
    apologies: dict[str, str] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    in_attendance: tuple[tuple[str, str, str], ...] = ()  # (name, organisation, role)
    held: bool = True
    late_reason: str = ""


@dataclass(frozen=True)
class DemoProgramme:
    slug: str
    clerk: str  # person key
    chair: str  # person key
    webcast: str
    meetings: tuple[DemoMeeting, ...]
    forward_plan: tuple[tuple[str, str, str], ...] = ()  # (body key, title, presenter)


_CIVIC = "Civic Centre, High Road, Wood Green, London N22 8LE"

_HARINGEY_MEETINGS = (
    DemoMeeting(
        bodies=("csp",),
        date=D(2018, 7, 25),
        start=T(14, 0),
        end=T(16, 0),
        venue=_CIVIC,
        apologies={"dcs": "", "lfb": "Station Manager Kate Rowe", "chief_exec": ""},
        absent=("gla",),
        in_attendance=(("Ian Kershaw", "Haringey Council", "Community Safety Officer"),),
        items=(
            DemoItem(
                "CSP terms of reference and membership",
                DECISION,
                "Head of Community Safety and Enforcement",
                "Sandra Whitmore",
                5,
                "To agree the refreshed terms of reference and the membership for 2018/19.",
                pages=6,
                minute="Sandra Whitmore introduced the refreshed terms of reference. The "
                "co-chairing arrangement between the Cabinet Member and the Borough Commander "
                "would continue, and the board would meet four times a year.",
                resolutions=(
                    (AGREED, "That the terms of reference for 2018/19 be agreed.", ""),
                    (NOTED, "That the membership list for 2018/19 be noted.", ""),
                ),
            ),
            DemoItem(
                "Introduction of new chairs and priorities",
                ORAL,
                "Co-chairs",
                minutes_allowed=10,
                minute="The co-chairs set out their priorities for the year: serious youth "
                "violence, violence against women and girls, and the exploitation of vulnerable "
                "adults and children.",
                resolutions=((NOTED, "That the priorities be noted.", ""),),
            ),
            DemoItem(
                "Community Safety Strategy developments",
                DISCUSSION,
                "Community Safety Strategic Manager",
                "Anita Grewal",
                10,
                "To comment on the emerging Community Safety Strategy 2019-23.",
                pages=4,
                minute="Anita Grewal outlined the consultation timetable. Members asked that "
                "the strategy say how success would be measured and that the outcomes be "
                "shared with the Health and Wellbeing Board.",
                resolutions=((NOTED, "That the progress on the strategy be noted.", ""),),
            ),
            DemoItem(
                "Serious Youth Violence Strategy developments",
                DISCUSSION,
                "Director of Children's Services",
                "Gareth Lyle",
                10,
                "To comment on the draft Young People at Risk Strategy.",
                pages=16,
                appendices=(("Appendix A: consultation findings", 4),),
                minute="Gareth Lyle presented the draft strategy. The board discussed the role "
                "of schools and the voluntary sector.",
                resolutions=(
                    (NOTED, "That the draft strategy be noted.", ""),
                    (
                        DELEGATED,
                        "That the final strategy be approved for consultation.",
                        "Director of Children's Services, in consultation with the co-chairs",
                    ),
                ),
                declarations=(
                    (
                        "brt",
                        "personal",
                        "The Bridge Renewal Trust receives grant funding named in the strategy.",
                    ),
                ),
            ),
            DemoItem(
                "Strategic assessment 2018",
                DISCUSSION,
                "Community Safety Analyst",
                "Leon Fairbairn",
                20,
                "To consider the findings of the 2018 strategic assessment.",
                pages=14,
                minute="Leon Fairbairn presented the strategic assessment. Violence with "
                "injury and robbery had risen; burglary had fallen for the third year.",
                resolutions=((NOTED, "That the strategic assessment be noted.", ""),),
            ),
            DemoItem(
                "Information sharing protocol",
                DECISION,
                "Head of Community Safety and Enforcement",
                "Sandra Whitmore",
                5,
                "To approve the refreshed crime and disorder information sharing protocol.",
                pages=12,
                section="Information items",
                minute="The refreshed protocol reflected the General Data Protection "
                "Regulation. Partners were asked to sign and return it.",
                resolutions=(
                    (APPROVED, "That the information sharing protocol be approved.", ""),
                    (AGREED, "That each partner nominate a single point of contact.", ""),
                ),
            ),
            DemoItem(
                "MOPAC co-commissioning",
                INFORMATION,
                "Partnership Manager, MOPAC",
                "Ben Ashworth",
                5,
                pages=3,
                section="Information items",
                deferred=True,
                minute="The item was deferred to the next meeting as the MOPAC report had not "
                "been finalised.",
            ),
        ),
    ),
    DemoMeeting(
        bodies=("csp",),
        date=D(2018, 9, 19),
        start=T(14, 0),
        end=T(16, 0),
        venue=_CIVIC,
        apologies={"cllr_children": "", "beh": ""},
        absent=("gla", "snb"),
        late_reason="The performance data for August was published by the police two days "
        "after the deadline.",
        items=(
            DemoItem(
                "Performance report: quarter 1 2018/19",
                DISCUSSION,
                "Head of Community Safety and Enforcement",
                "Sandra Whitmore",
                20,
                "To review performance against the partnership's indicators.",
                pages=8,
                minute="Members noted that knife crime with injury among under-25s remained "
                "above the London average. The police reported additional patrols in Wood Green "
                "and Tottenham.",
                resolutions=(
                    (NOTED, "That the performance report be noted.", ""),
                    (
                        AGREED,
                        "That an exception report on youth violence come to the next meeting.",
                        "",
                    ),
                ),
            ),
            DemoItem(
                "Domestic homicide review: action plan",
                DECISION,
                "VAWG Strategic Lead",
                "Ruth Gallagher",
                15,
                "To agree the action plan arising from a domestic homicide review.",
                pages=6,
                exempt_paragraph=2,
                minute="The board considered the review's recommendations and the action plan.",
                resolutions=((AGREED, "That the action plan be agreed.", ""),),
            ),
            DemoItem(
                "Prevent delivery update",
                INFORMATION,
                "Prevent Coordinator",
                "Yasmin Haddad",
                10,
                pages=4,
                sensitive=True,
                minute="Yasmin Haddad reported on referrals and training delivered.",
                resolutions=((NOTED, "That the update be noted.", ""),),
            ),
        ),
    ),
    DemoMeeting(
        bodies=("csp", "hwb"),
        date=D(2018, 12, 10),
        start=T(18, 30),
        end=T(20, 30),
        venue="Civic Centre, Committee Room 1, High Road, Wood Green, London N22 8LE",
        apologies={"crc": "", "lfb": ""},
        absent=("gla",),
        items=(
            DemoItem(
                "Young people in Haringey: safety, resilience and wellbeing",
                DISCUSSION,
                "Director of Public Health and Director of Children's Services",
                "Dr Priya Raman",
                40,
                "For the Health and Wellbeing Board and the Community Safety Partnership, meeting "
                "in common, to consider a shared approach to young people's safety and wellbeing.",
                pages=18,
                appendices=(("Appendix 1: outcomes framework", 3),),
                minute="The boards agreed that youth violence should be treated as a public "
                "health issue and that a joint outcomes framework be developed.",
                resolutions=(
                    (AGREED, "That the five outcomes for young people be agreed.", ""),
                    (
                        AGREED,
                        "That a joint action plan come back to both boards in March 2019.",
                        "",
                    ),
                ),
            ),
            DemoItem(
                "MOPAC co-commissioning",
                INFORMATION,
                "Partnership Manager, MOPAC",
                "Ben Ashworth",
                10,
                pages=3,
                minute="Ben Ashworth explained the London Crime Prevention Fund allocation for "
                "2019-21.",
                resolutions=((NOTED, "That the co-commissioning arrangements be noted.", ""),),
            ),
        ),
    ),
    DemoMeeting(
        bodies=("csp",),
        date=D(2019, 3, 13),
        start=T(14, 0),
        end=T(16, 0),
        venue=_CIVIC,
        apologies={"dph": "", "nps": ""},
        absent=("gla", "brt"),
        items=(
            DemoItem(
                "Community Safety Strategy 2019-23",
                DECISION,
                "Head of Community Safety and Enforcement",
                "Sandra Whitmore",
                20,
                "To agree the Community Safety Strategy 2019-23 for Cabinet.",
                pages=22,
                minute="The strategy had been revised after consultation.",
                resolutions=(
                    (AGREED, "That the strategy be recommended to Cabinet for adoption.", ""),
                ),
            ),
            DemoItem(
                "Knife crime action plan",
                DECISION,
                "Superintendent, Partnerships",
                "Supt Graham Ellery",
                15,
                pages=7,
                minute="The action plan had been prepared for MOPAC.",
                resolutions=((APPROVED, "That the knife crime action plan be approved.", ""),),
            ),
        ),
    ),
)

_GUILDHALL = "Guildhall, Committee Room 3, London EC2V 7HH"

# The City's POCA grant decisions of February 2021 (core/demo/funding.py links its bids'
# decisions and the extension to these, in this order).
POCA_GRANTS_ITEM = "Proceeds of Crime Act grants: applications for decision"
POCA_GRANTS_RESOLUTIONS = (
    (
        APPROVED,
        "That the youth boxing diversion project be funded for 12 months, subject to the "
        "conditions set out in the report.",
        "",
    ),
    (
        AGREED,
        "That the bid for festive street dressing be declined: it is outside the "
        "partnership's objectives, not crime prevention.",
        "",
    ),
    (
        AGREED,
        "That the bid for CCTV at the Aldgate estate be referred to the City Corporation's "
        "CCTV capital programme.",
        "",
    ),
    (
        APPROVED,
        "That the DA/VAWG support worker post be extended to 31 March 2023, its start having "
        "been delayed by procurement.",
        "",
    ),
)

_CITY_MEETINGS = (
    DemoMeeting(
        bodies=("scp",),
        date=D(2021, 2, 8),
        start=T(11, 0),
        end=T(12, 30),
        venue="Virtual meeting (Microsoft Teams)",
        apologies={"btp": "", "tfl": ""},
        items=(
            DemoItem(
                "Safer City Partnership strategic plan 2019-22: progress",
                DISCUSSION,
                "Community Safety Manager",
                "Valerie Lindqvist",
                15,
                "To review progress against the partnership's five priorities.",
                pages=6,
                minute="Members noted the effect of the pandemic on footfall and on crime in the "
                "Square Mile.",
                resolutions=((NOTED, "That the progress report be noted.", ""),),
            ),
            DemoItem(
                "Violence against women and girls",
                DECISION,
                "Consultant in Public Health",
                "Dr Meera Shah",
                15,
                pages=5,
                minute="The partnership discussed the night-time economy's return.",
                resolutions=((AGREED, "That a VAWG action plan be developed.", ""),),
            ),
            DemoItem(
                POCA_GRANTS_ITEM,
                DECISION,
                "Community Safety Manager",
                "Valerie Lindqvist",
                15,
                "To decide the POCA grant bids recommended by the assessment panel.",
                pages=4,
                minute="Members considered the panel's scores for each full application and "
                "an extension of the DA/VAWG support worker post delayed by procurement.",
                resolutions=POCA_GRANTS_RESOLUTIONS,
            ),
        ),
    ),
    DemoMeeting(
        bodies=("scp",),
        date=D(2021, 5, 24),
        start=T(11, 0),
        end=T(12, 30),
        venue=_GUILDHALL,
        apologies={"las": ""},
        items=(
            DemoItem(
                "Performance dashboard: 2020/21",
                DISCUSSION,
                "Community Safety Analyst",
                "Tobias Reid",
                15,
                pages=5,
                minute="Theft and fraud remained the City's largest crime types.",
                resolutions=((NOTED, "That the dashboard be noted.", ""),),
            ),
            DemoItem(
                "Serious and Organised Crime Board: update",
                INFORMATION,
                "Commander of Operations",
                "Cdr Alistair Gow",
                10,
                pages=3,
                sensitive=True,
                minute="The Commander reported on operations against county lines.",
                resolutions=((NOTED, "That the update be noted.", ""),),
            ),
        ),
    ),
    DemoMeeting(
        bodies=("scp",),
        date=D(2021, 9, 13),
        start=T(11, 0),
        end=T(12, 30),
        venue=_GUILDHALL,
        apologies={"ccg": ""},
        items=(
            DemoItem(
                "Night-time economy and licensing",
                DISCUSSION,
                "Community Safety Manager",
                "Valerie Lindqvist",
                20,
                pages=4,
                minute="The Local Licensing Partnership reported on the reopening of premises.",
                resolutions=((NOTED, "That the report be noted.", ""),),
            ),
        ),
    ),
    DemoMeeting(
        bodies=("scp",),
        date=D(2022, 1, 24),
        start=T(11, 0),
        end=T(12, 30),
        venue=_GUILDHALL,
        apologies={},
        items=(
            DemoItem(
                "Strategic assessment 2021",
                DISCUSSION,
                "Community Safety Analyst",
                "Tobias Reid",
                20,
                pages=10,
                minute="The assessment recommended keeping the five priorities.",
                resolutions=((NOTED, "That the strategic assessment be noted.", ""),),
            ),
        ),
    ),
)

PROGRAMMES = (
    DemoProgramme(
        slug="haringey",
        clerk="secretariat",
        chair="cllr",
        webcast="https://www.haringey.gov.uk/local-democracy/webcasts",
        meetings=_HARINGEY_MEETINGS,
        forward_plan=(
            (
                "csp",
                "Youth Independent Advisory Group developments",
                "Director of Children's Services",
            ),
            ("csp", "Hate crime action plan", "Community Safety Strategic Manager"),
        ),
    ),
    DemoProgramme(
        slug="city-of-london",
        clerk="clerk",
        chair="chair",
        webcast="",
        meetings=_CITY_MEETINGS,
        forward_plan=(("scp", "Anti-social behaviour policy review", "Community Safety Manager"),),
    ),
)

# Sentences the generated papers are written from, a paragraph at a time.
PAPER_PARAGRAPHS = (
    "This report sets out the position at the end of the quarter and the partnership's response. "
    "It draws on police recorded crime, the council's anti-social behaviour case system and the "
    "returns of partner agencies.",
    "Recorded offences rose by four per cent on the same period last year, driven by violence "
    "without injury and theft from the person. Burglary continued to fall, reflecting the "
    "targeted work in the east of the borough.",
    "The partnership's priorities remain: reducing serious youth violence; tackling violence "
    "against women and girls; protecting vulnerable adults and children from exploitation; and "
    "reducing re-offending through integrated offender management.",
    "Partners have agreed to share information under the crime and disorder information sharing "
    "protocol, so that the analysis in this report combines data that no single agency holds.",
    "Residents told the consultation that they feel least safe after dark in town centres and on "
    "public transport. Young people asked for more safe places to go and more trusted adults.",
    "Officers recommend that the board note the findings, agree the actions in section six, and "
    "ask the Performance Monitoring Group to track delivery between meetings.",
    "There are no direct financial implications arising from this report. Activity will be met "
    "from existing budgets, including the London Crime Prevention Fund allocation for the year.",
    "An equalities impact assessment has been carried out. Young black men are over-represented "
    "among both victims and perpetrators of serious violence, and the plan responds to this.",
)

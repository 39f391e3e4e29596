"""The demo's performance framework and delivery plan, built through the real services.

For each demo partnership: a Community Safety Strategy with its priorities (Haringey's
2018 outcomes, the City's five SCP outcomes), 16 or more indicators under them (counts,
percentages, rates per 1,000 and minutes; lower and higher is better; absolute and % change
targets; mostly agreed, one under development, one in abeyance), two years of quarterly
returns sent through `returns.return_submit` by the analyst or, for the indicators their
organisation leads, the contributor (with commentary, a couple of "no information"
returns and one colour set by hand), comparators (London average, rank of 32 boroughs),
and a two-year delivery plan with 25 or more numbered key actions and dated updates.

The periods are the last eight complete quarters before the day the demo is built, so the
dashboard, the returns page and the exception report show current figures; the figures
themselves are fixed, so the demo reads the same whenever it is built.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create
from saferboard.performance import periods
from saferboard.performance.models import (
    Frequency,
    Indicator,
    Lifecycle,
    Polarity,
    Rag,
    TargetKind,
    Unit,
)
from saferboard.performance.returns import return_submit
from saferboard.performance.services import (
    comparator_add,
    indicator_create,
    indicator_value_override,
)
from saferboard.plans.models import (
    DeliveryPlan,
    KeyActionStatus,
    PlanStatus,
    PlanType,
    Priority,
    StatusKey,
    Strategy,
    StrategyStatus,
)
from saferboard.plans.services import (
    key_action_add_update,
    key_action_create,
    plan_create,
    plan_report_record,
)
from saferboard.registry.models import Body, BodyKind, Organisation, Person

QUARTERS = 8
# A gentle seasonal pattern, Q1 to Q4 (summer violence up, winter burglary up): keeps the
# series from being straight lines without any randomness.
SEASON = {1: Decimal("0.04"), 2: Decimal("0.02"), 3: Decimal("-0.03"), 4: Decimal("-0.01")}
LOWER, HIGHER = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER
ABSOLUTE, CHANGE, NO_TARGET = TargetKind.ABSOLUTE, TargetKind.PERCENT_CHANGE, TargetKind.NONE


@dataclass(frozen=True)
class DemoIndicator:
    priority: str  # the priority's number
    code: str
    name: str
    unit: str
    polarity: str
    target_kind: str
    target: str | None
    tolerance: str
    baseline: str | None
    lead: str  # organisation key
    first: str  # the value eight quarters ago
    last: str  # the latest quarter's value: chosen to give the colour the demo wants
    definition: str = ""
    data_source: str = ""
    lead_person: str = ""  # person key
    lifecycle: str = Lifecycle.AGREED
    commentary: str = ""  # on the latest return
    gaps: dict[int, str] = field(default_factory=dict)  # quarter index -> no-information reason
    denominator: int | None = None  # small numbers: the count behind a percentage
    comparators: tuple[tuple[str, str], ...] = ()  # (name, value, or "rank N" of 32)
    override: tuple[str, str] = ()  # (colour, reason) set by hand on the latest value


@dataclass(frozen=True)
class DemoKeyAction:
    number: str
    title: str
    leads: tuple[str, ...]
    co_operating: tuple[str, ...] = ()
    deadline_months: int | None = None  # months after the plan starts
    timescale: str = ""
    delivery: str = ""
    # (quarters ago, status, note, mitigation), oldest first; the last sets the status.
    updates: tuple[tuple[int, str, str, str], ...] = ()


@dataclass(frozen=True)
class DemoPerformance:
    slug: str
    strategy: str
    strategy_description: str
    priorities: tuple[tuple[str, str], ...]
    indicators: tuple[DemoIndicator, ...]
    plan: str
    status_key: str
    key_actions: tuple[DemoKeyAction, ...]


def _u(quarters_ago: int, status: str, note: str, mitigation: str = ""):
    return (quarters_ago, status, note, mitigation)


# --- Haringey: the Community Safety Strategy's outcomes, the 2012 KPI table's measures ---

_H = "haringey"
OFF, RISK, ON, DONE = (
    KeyActionStatus.OFF_TRACK,
    KeyActionStatus.AT_RISK,
    KeyActionStatus.ON_TRACK,
    KeyActionStatus.COMPLETE,
)
NOT_STARTED, HOLD, PROGRESSING = (
    KeyActionStatus.NOT_STARTED,
    KeyActionStatus.ON_HOLD,
    KeyActionStatus.PROGRESSING,
)

HARINGEY_PERFORMANCE = DemoPerformance(
    slug=_H,
    strategy="Community Safety Strategy",
    strategy_description="The partnership's outcomes, refreshed from the strategic "
    "assessment; beneath the Borough Plan.",
    priorities=(
        ("1", "Reduce high-harm crime and serious violence"),
        ("2", "Tackle violence against women and girls"),
        ("3", "Protect young people from exploitation and harm"),
        ("4", "Build confidence: anti-social behaviour and repeat victims"),
        ("5", "Reduce reoffending"),
    ),
    indicators=(
        DemoIndicator(
            "1",
            "KPI 1",
            "Violence with injury",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-5",
            "2",
            "1040",
            "mps",
            "1096",
            "1118",
            definition="Police-recorded violence with injury offences in the borough "
            "(MPS CRIS), counted by the quarter the offence was recorded in.",
            data_source="MPS CRIS",
            lead_person="supt",
            commentary="Up on the summer: two incidents at the Tottenham Hale retail "
            "park account for 31 offences. Patrol plans extended into October.",
            comparators=(("Rank of 32 London boroughs", "rank 24"),),
        ),
        DemoIndicator(
            "1",
            "KPI 2",
            "Knife crime with injury",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "30",
            "3",
            "38",
            "mps",
            "41",
            "32",
            definition="Offences where a knife or sharp instrument was used to injure. "
            "Split from all knife crime as the 2012 board asked.",
            data_source="MPS CRIS",
            commentary="Down for the third quarter running; weapon sweeps continue.",
        ),
        DemoIndicator(
            "1",
            "KPI 3",
            "Serious youth violence: victims aged 1 to 19",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-10",
            "3",
            "95",
            "mps",
            "104",
            "81",
            data_source="MPS CRIS",
            commentary="Lowest quarter for four years.",
        ),
        DemoIndicator(
            "1",
            "KPI 4",
            "Residential burglary",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-8",
            "2",
            "700",
            "mps",
            "745",
            "712",
            definition="Burglary of a dwelling, including attempts.",
            data_source="MPS CRIS",
            commentary="Short of the 8% reduction: a series in Muswell Hill is under "
            "investigation; a suspect was charged in October.",
            comparators=(("Rank of 32 London boroughs", "rank 19"),),
        ),
        DemoIndicator(
            "2",
            "VAWG 1",
            "Repeat victims of domestic abuse referred to MARAC",
            Unit.PERCENT,
            LOWER,
            ABSOLUTE,
            "28",
            "3",
            None,
            "lbh",
            "33.5",
            "30.4",
            definition="Cases heard at MARAC in the quarter that had been heard in the "
            "previous 12 months, as a percentage of all cases heard.",
            data_source="MARAC co-ordinator",
            lead_person="vawg",
            commentary="Within tolerance; the IDVA service has two vacancies.",
            comparators=(("London average", "27.2"),),
        ),
        DemoIndicator(
            "2",
            "VAWG 2",
            "Domestic abuse sanctioned detections",
            Unit.PERCENT,
            HIGHER,
            NO_TARGET,
            None,
            "0",
            None,
            "mps",
            "0",
            "0",
            definition="Held in abeyance until reliable data collection and targets are "
            "agreed with the CPS (attrition and abstraction).",
            lifecycle=Lifecycle.IN_ABEYANCE,
        ),
        DemoIndicator(
            "2",
            "VAWG 3",
            "Domestic abuse incidents reported to the police",
            Unit.COUNT,
            LOWER,
            NO_TARGET,
            None,
            "0",
            None,
            "mps",
            "1010",
            "1064",
            definition="Monitored only: more reporting can mean more confidence to report.",
            data_source="MPS CRIS",
        ),
        DemoIndicator(
            "3",
            "KPI 111",
            "First-time entrants to the youth justice system, aged 10 to 17",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "25",
            "3",
            "31",
            "lbh",
            "33",
            "27",
            data_source="Youth Offending Service (Childview)",
            commentary="Triage at the point of arrest diverted 11 young people this quarter.",
        ),
        DemoIndicator(
            "3",
            "NI 43",
            "Use of custody: young people sentenced to custody",
            Unit.RATE_PER_1000,
            LOWER,
            ABSOLUTE,
            "0.5",
            "0.1",
            None,
            "lbh",
            "0.74",
            "0.71",
            definition="Custodial sentences per 1,000 young people aged 10 to 17 (mid-year "
            "population estimate).",
            data_source="Youth Offending Service",
            commentary="Still above the London average; three of the five sentences "
            "followed one incident.",
            comparators=(("London average", "0.42"),),
        ),
        DemoIndicator(
            "4",
            "ASB 1",
            "Calls to the police about anti-social behaviour",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-10",
            "3",
            "2300",
            "mps",
            "2390",
            "2051",
            data_source="MPS CAD",
            commentary="Down 10.8% on the baseline; fewer calls about street drinking "
            "since the PSPO.",
        ),
        DemoIndicator(
            "4",
            "ASB 2",
            "Repeat callers: calling more than twice in 24 weeks",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "621",
            "20",
            "690",
            "lbh",
            "668",
            "633",
            definition="People calling about anti-social behaviour more than twice in a "
            "24-week window, as a measure of vulnerability. Baseline 690, target 621.",
            data_source="MPS CAD and council ASB case system",
            commentary="Case reviews of the 40 most frequent callers are under way.",
            gaps={
                2: "The council's ASB case system was replaced; calls could not be "
                "matched to callers for the quarter."
            },
        ),
        DemoIndicator(
            "4",
            "FIRE 1",
            "Average attendance time of the first fire engine",
            Unit.MINUTES,
            LOWER,
            ABSOLUTE,
            "6",
            "0.5",
            None,
            "lfb",
            "5.4",
            "5.62",
            definition="Mean time from the call to the first appliance arriving, over the "
            "quarter, against the London target of 6 minutes.",
            data_source="LFB incident management system",
            lead_person="lfb",
            comparators=(("London average", "5.3"),),
            override=(
                Rag.AMBER,
                "Tottenham station is closed for refurbishment; times rely on cover from "
                "Edmonton and will rise in winter.",
            ),
        ),
        DemoIndicator(
            "5",
            "NI19",
            "Proven reoffending rate, adults",
            Unit.PERCENT,
            LOWER,
            ABSOLUTE,
            "38.6",
            "1.5",
            None,
            "nps",
            "41.8",
            "42.5",
            definition="Adults in the probation cohort who reoffend within 12 months "
            "(binary rate), from the Ministry of Justice's quarterly release.",
            data_source="Ministry of Justice proven reoffending statistics",
            lead_person="nps",
            commentary="Worse again; the IOM cohort is being refreshed to focus on "
            "acquisitive offenders released from short sentences.",
            gaps={5: "The Ministry of Justice delayed its quarterly release."},
        ),
        DemoIndicator(
            "5",
            "RO 2",
            "Offenders into sustained employment",
            Unit.COUNT,
            HIGHER,
            ABSOLUTE,
            "23",
            "3",
            "17",
            "nps",
            "16",
            "21",
            definition="People on the probation caseload, unemployed at the start, in work "
            "of at least 16 hours a week for at least 4 weeks.",
            data_source="Probation case management (nDelius)",
            lead_person="nps",
            commentary="21 into work; two employers joined the ban-the-box pledge.",
        ),
        DemoIndicator(
            "5",
            "DRUG 1",
            "Successful drug treatment completions",
            Unit.PERCENT,
            HIGHER,
            ABSOLUTE,
            "22",
            "2",
            "19",
            "lbh",
            "18.75",
            "22.5",
            definition="Successful completions not re-presenting within 6 months, as a "
            "percentage of everyone in treatment.",
            data_source="National Drug Treatment Monitoring System",
            denominator=80,
            commentary="Small numbers: 18 of 80. Above target for the first time.",
        ),
        DemoIndicator(
            "5",
            "DRUG 2",
            "Further serious acquisitive crime by CJIT clients within 12 months",
            Unit.PERCENT,
            LOWER,
            NO_TARGET,
            None,
            "0",
            None,
            "lbh",
            "0",
            "0",
            definition="Residents arrested and charged for serious acquisitive crime who "
            "test positive and are re-arrested for it within 12 months. Baseline being "
            "developed with the police.",
            lifecycle=Lifecycle.UNDER_DEVELOPMENT,
        ),
    ),
    plan="Community Safety Delivery Plan",
    status_key=StatusKey.RAG,
    key_actions=(
        DemoKeyAction(
            "1.1",
            "Target patrols at the ten violence hotspots from the strategic assessment",
            ("mps",),
            ("lbh",),
            6,
            updates=(
                _u(5, ON, "Hotspot patrols running in Wood Green and Tottenham."),
                _u(2, DONE, "All ten hotspots patrolled; evaluation reported to the PMG."),
            ),
        ),
        DemoKeyAction(
            "1.2",
            "Run weapon sweeps with the council's parks team every month",
            ("mps",),
            ("lbh",),
            timescale="ongoing",
            updates=(_u(3, ON, "Monthly sweeps in eight parks; 14 weapons recovered."),),
        ),
        DemoKeyAction(
            "1.3",
            "Commission a hospital-based youth violence intervention at North Middlesex",
            ("lbh",),
            ("ccg",),
            12,
            updates=(
                _u(4, ON, "Tender issued."),
                _u(
                    1,
                    OFF,
                    "Preferred provider withdrew; the tender must be rerun.",
                    "Interim cover from the Redthread team at the Whittington until the "
                    "new contract starts.",
                ),
            ),
        ),
        DemoKeyAction(
            "1.4",
            "Share ward-level violence figures with every PMG meeting",
            ("lbh",),
            ("mps",),
            timescale="quarterly",
            updates=(_u(1, ON, "Quarter's figures circulated with the PMG papers."),),
        ),
        DemoKeyAction(
            "1.5",
            "Publish a burglary prevention campaign for Muswell Hill and Highgate",
            ("mps",),
            ("hfh",),
            9,
            updates=(
                _u(4, ON, "Campaign drafted with the residents' associations."),
                _u(
                    1,
                    RISK,
                    "Printing delayed by the council's procurement freeze.",
                    "Digital campaign launched first; leaflets follow in the new year.",
                ),
            ),
        ),
        DemoKeyAction(
            "1.6",
            "Install target-hardening kits for repeat burglary victims",
            ("lbh",),
            ("mps", "vs"),
            18,
            updates=(
                _u(3, ON, "62 homes fitted."),
                _u(0, DONE, "All 120 homes on the list fitted."),
            ),
        ),
        DemoKeyAction(
            "2.1",
            "Recommission the independent domestic violence advocate service",
            ("lbh",),
            ("ccg", "vs"),
            12,
            updates=(
                _u(4, ON, "Needs assessment complete."),
                _u(
                    1,
                    RISK,
                    "Two advocate posts vacant; caseloads above SafeLives guidance.",
                    "Agency advocates cover the MARAC while posts are recruited.",
                ),
            ),
        ),
        DemoKeyAction(
            "2.2",
            "Deliver bystander training to night-time economy staff",
            ("lbh",),
            ("mps",),
            6,
            updates=(
                _u(5, ON, "Training booked with 14 venues."),
                _u(3, DONE, "188 staff trained across 21 venues."),
            ),
        ),
        DemoKeyAction(
            "2.3",
            "Agree domestic abuse indicators and targets with the CPS",
            ("lbh",),
            ("mps", "cps"),
            9,
            updates=(
                _u(
                    2,
                    OFF,
                    "No agreement yet on attrition measures; the indicator stays in abeyance.",
                    "Raised with the CPS area lead; a workshop is set for next month.",
                ),
            ),
        ),
        DemoKeyAction(
            "2.4",
            "Complete the domestic homicide review action plan",
            ("lbh",),
            ("mps", "ccg", "beh"),
            15,
            updates=(
                _u(4, ON, "Eight of twelve actions complete."),
                _u(1, ON, "Eleven of twelve complete; GP training scheduled."),
            ),
        ),
        DemoKeyAction(
            "2.5",
            "Train GP practices to identify and refer domestic abuse (IRIS)",
            ("ccg",),
            ("lbh",),
            21,
            updates=(_u(2, ON, "20 of 39 practices trained."),),
        ),
        DemoKeyAction(
            "3.1",
            "Extend youth triage at the point of arrest to weekends",
            ("lbh",),
            ("mps",),
            6,
            updates=(
                _u(5, ON, "Weekend rota agreed."),
                _u(4, DONE, "Weekend triage running since September."),
            ),
        ),
        DemoKeyAction(
            "3.2",
            "Run the contextual safeguarding pilot in three secondary schools",
            ("lbh",),
            ("mps", "brt"),
            12,
            updates=(_u(2, ON, "Pilot running in all three schools."),),
        ),
        DemoKeyAction(
            "3.3",
            "Offer Prevent awareness training to every school's safeguarding lead",
            ("lbh",),
            ("mps",),
            9,
            updates=(
                _u(4, ON, "Primary schools trained."),
                _u(3, DONE, "All 78 schools' safeguarding leads trained."),
            ),
        ),
        DemoKeyAction(
            "3.4",
            "Map county lines exploitation with the Youth Offending Service",
            ("mps",),
            ("lbh",),
            12,
            updates=(
                _u(
                    1,
                    RISK,
                    "Mapping delayed: the analyst post was vacant for four months.",
                    "Borrowing MOPAC analytical time; first draft due next quarter.",
                ),
            ),
        ),
        DemoKeyAction(
            "3.5",
            "Reduce custodial remands through bail support packages",
            ("lbh",),
            ("nps",),
            18,
            updates=(
                _u(
                    0,
                    OFF,
                    "Custody rate still above target; only two bail packages offered.",
                    "Weekly remand review with the courts from next month.",
                ),
            ),
        ),
        DemoKeyAction(
            "4.1",
            "Introduce a public spaces protection order for street drinking",
            ("lbh",),
            ("mps",),
            6,
            updates=(
                _u(5, ON, "Consultation closed: 71% support."),
                _u(4, DONE, "Order in force from 1 October."),
            ),
        ),
        DemoKeyAction(
            "4.2",
            "Review the 40 most frequent anti-social behaviour callers case by case",
            ("lbh",),
            ("mps", "hfh"),
            12,
            updates=(_u(1, ON, "28 reviews done; 9 referred to adult social care."),),
        ),
        DemoKeyAction(
            "4.3",
            "Hold ward panels in every ward twice a year",
            ("mps",),
            ("snb",),
            timescale="ongoing",
            updates=(_u(1, ON, "All 21 wards held their autumn panel."),),
        ),
        DemoKeyAction(
            "4.4",
            "Survey residents' confidence in the police and council",
            ("lbh",),
            ("mps", "snb"),
            15,
            updates=(
                _u(
                    1,
                    RISK,
                    "Survey contract not yet signed.",
                    "Using MOPAC's public attitude survey for the borough meanwhile.",
                ),
            ),
        ),
        DemoKeyAction(
            "4.5",
            "Cut arson and deliberate fires on estates with Homes for Haringey",
            ("lfb",),
            ("hfh",),
            12,
            updates=(
                _u(3, ON, "Bin store audit complete on 12 estates."),
                _u(1, DONE, "Locks fitted; deliberate fires down 40%."),
            ),
        ),
        DemoKeyAction(
            "5.1",
            "Refresh the integrated offender management cohort",
            ("nps", "mps"),
            ("crc",),
            6,
            updates=(_u(1, ON, "Cohort refreshed; 64 people, 22 new."),),
        ),
        DemoKeyAction(
            "5.2",
            "Find employers for people leaving prison (ban the box)",
            ("nps",),
            ("lbh",),
            12,
            updates=(
                _u(3, ON, "Six employers signed up."),
                _u(0, ON, "Eleven employers; 21 people into work this quarter."),
            ),
        ),
        DemoKeyAction(
            "5.3",
            "Retender the drug intervention service",
            ("lbh",),
            ("ccg", "mps"),
            12,
            updates=(
                _u(4, ON, "Specification agreed."),
                _u(2, DONE, "New provider started on 1 April."),
            ),
        ),
        DemoKeyAction(
            "5.4",
            "Agree the CJIT reoffending measure and its baseline",
            ("lbh",),
            ("mps",),
            9,
            updates=(
                _u(
                    1,
                    RISK,
                    "Police data extract not yet agreed under the sharing protocol.",
                    "Information governance leads to meet this month.",
                ),
            ),
        ),
        DemoKeyAction(
            "5.5",
            "Offer housing advice to everyone released to Haringey",
            ("hfh",),
            ("nps", "crc"),
            timescale="ongoing",
            updates=(_u(2, ON, "Advice surgery at Pentonville every fortnight."),),
        ),
    ),
)


# --- The City: the Safer City Partnership's five outcomes ------------------------------

CITY_PERFORMANCE = DemoPerformance(
    slug="city-of-london",
    strategy="Safer City Partnership Strategic Plan",
    strategy_description="Five outcomes for the Square Mile; countering terrorism comes from "
    "the City Policing Plan. An annual implementation plan sits beneath it.",
    priorities=(
        ("1", "Vulnerable people and communities are safeguarded"),
        ("2", "People are safe and feel safe from violence"),
        ("3", "People are protected from theft, fraud and acquisitive crime"),
        ("4", "Anti-social behaviour is tackled and responded to effectively"),
        ("5", "People are safe in the night-time economy"),
    ),
    indicators=(
        DemoIndicator(
            "1",
            "SCP 1.1",
            "Domestic abuse cases heard at MARAC",
            Unit.COUNT,
            LOWER,
            NO_TARGET,
            None,
            "0",
            None,
            "col",
            "6",
            "8",
            definition="Monitored only. Small numbers: the City hears a handful of cases a "
            "quarter.",
            data_source="MARAC co-ordinator",
        ),
        DemoIndicator(
            "1",
            "SCP 1.2",
            "Repeat victims of domestic abuse",
            Unit.PERCENT,
            LOWER,
            ABSOLUTE,
            "25",
            "3",
            None,
            "col",
            "33.3",
            "25",
            data_source="MARAC co-ordinator",
            denominator=8,
            commentary="2 of 8 cases: too few to read a trend into.",
            comparators=(("London average", "27.2"),),
        ),
        DemoIndicator(
            "1",
            "SCP 1.3",
            "Rough sleepers helped into accommodation",
            Unit.COUNT,
            HIGHER,
            ABSOLUTE,
            "20",
            "3",
            None,
            "col",
            "14",
            "15",
            data_source="CHAIN",
            commentary="Winter shelter opened late; 15 placed against 20.",
        ),
        DemoIndicator(
            "1",
            "SCP 1.4",
            "Vulnerable people identified through the Community MARAC",
            Unit.COUNT,
            HIGHER,
            NO_TARGET,
            None,
            "0",
            None,
            "col",
            "0",
            "0",
            definition="Baseline to be set once the Community MARAC has run a year.",
            lifecycle=Lifecycle.UNDER_DEVELOPMENT,
        ),
        DemoIndicator(
            "2",
            "SCP 2.1",
            "Violence with injury",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-5",
            "2",
            "110",
            "colp",
            "118",
            "121",
            data_source="CoLP crime system",
            commentary="Up: most offences are around licensed premises late at night.",
        ),
        DemoIndicator(
            "2",
            "SCP 2.2",
            "Possession of weapons offences",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "12",
            "2",
            None,
            "colp",
            "14",
            "11",
            data_source="CoLP crime system",
        ),
        DemoIndicator(
            "2",
            "SCP 2.3",
            "Hate crimes reported",
            Unit.COUNT,
            LOWER,
            NO_TARGET,
            None,
            "0",
            None,
            "colp",
            "0",
            "0",
            definition="In abeyance: under-reporting means a fall may not be good news; a "
            "reporting measure is being agreed.",
            lifecycle=Lifecycle.IN_ABEYANCE,
        ),
        DemoIndicator(
            "3",
            "SCP 3.1",
            "Theft from the person",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-8",
            "2",
            "420",
            "colp",
            "452",
            "398",
            data_source="CoLP crime system",
            commentary="Phone snatches down after the Cheapside operation.",
        ),
        DemoIndicator(
            "3",
            "SCP 3.2",
            "Cycle theft",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "150",
            "10",
            None,
            "colp",
            "171",
            "158",
            data_source="CoLP crime system",
            commentary="Within tolerance; secure parking at Moorgate opens next quarter.",
        ),
        DemoIndicator(
            "3",
            "SCP 3.3",
            "Crimes on the rail and Underground network in the City",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "90",
            "8",
            None,
            "btp",
            "96",
            "104",
            data_source="BTP crime system",
            lead_person="btp",
            commentary="Theft of phones at Bank and Liverpool Street drove the rise.",
        ),
        DemoIndicator(
            "3",
            "SCP 3.4",
            "Fraud reported by City businesses",
            Unit.COUNT,
            LOWER,
            NO_TARGET,
            None,
            "0",
            None,
            "colp",
            "310",
            "284",
            data_source="Action Fraud",
            gaps={4: "Action Fraud's new system produced no extract for the quarter."},
        ),
        DemoIndicator(
            "4",
            "SCP 4.1",
            "Anti-social behaviour reports",
            Unit.COUNT,
            LOWER,
            CHANGE,
            "-10",
            "3",
            "520",
            "colp",
            "548",
            "461",
            data_source="CoLP and Corporation reports",
        ),
        DemoIndicator(
            "4",
            "SCP 4.2",
            "Noise complaints resolved",
            Unit.PERCENT,
            HIGHER,
            ABSOLUTE,
            "90",
            "5",
            None,
            "col",
            "86",
            "88.2",
            data_source="Pollution team case system",
            comparators=(("London average", "84"),),
        ),
        DemoIndicator(
            "4",
            "SCP 4.3",
            "Out-of-hours noise complaints answered within 60 minutes",
            Unit.PERCENT,
            HIGHER,
            ABSOLUTE,
            "85",
            "5",
            None,
            "col",
            "81",
            "76.5",
            data_source="Pollution team case system",
            commentary="Two officers on long-term sick leave; the out-of-hours rota is thin.",
            gaps={1: "Recording system replaced in August."},
        ),
        DemoIndicator(
            "5",
            "SCP 5.1",
            "Violence in the night-time economy (Thursday to Saturday, 10pm to 4am)",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "40",
            "4",
            None,
            "colp",
            "47",
            "43",
            data_source="CoLP crime system",
        ),
        DemoIndicator(
            "5",
            "SCP 5.2",
            "Average attendance time of the first fire engine",
            Unit.MINUTES,
            LOWER,
            ABSOLUTE,
            "6",
            "0.5",
            None,
            "lfb",
            "5.1",
            "5.05",
            data_source="LFB incident management system",
            lead_person="lfb",
            comparators=(("London average", "5.3"),),
        ),
        DemoIndicator(
            "5",
            "SCP 5.3",
            "Licensed premises rated red under the risk scheme",
            Unit.COUNT,
            LOWER,
            ABSOLUTE,
            "3",
            "1",
            None,
            "col",
            "5",
            "2",
            definition="Premises rated red over the rolling six months of the licensing "
            "risk scheme.",
            data_source="Licensing team",
        ),
    ),
    plan="Safer City Partnership Implementation Plan",
    status_key=StatusKey.PROGRESS,
    key_actions=(
        DemoKeyAction(
            "1.1",
            "Open a winter night shelter for rough sleepers",
            ("col",),
            ("colp",),
            9,
            updates=(
                _u(5, PROGRESSING, "Site found at Middlesex Street."),
                _u(
                    1,
                    HOLD,
                    "Opening delayed by fire safety works.",
                    "Spot-purchased beds in Tower Hamlets until it opens.",
                ),
            ),
        ),
        DemoKeyAction(
            "1.2",
            "Set up the City Community MARAC and its referral form",
            ("col",),
            ("colp", "ccg"),
            6,
            updates=(_u(4, DONE, "First panel held; referral form live."),),
        ),
        DemoKeyAction(
            "1.3",
            "Train Corporation front-line staff in safeguarding adults",
            ("col",),
            timescale="ongoing",
            updates=(_u(1, PROGRESSING, "312 staff trained."),),
        ),
        DemoKeyAction(
            "1.4",
            "Run a hoarding and self-neglect protocol with the fire brigade",
            ("col",),
            ("lfb",),
            12,
            updates=(_u(3, PROGRESSING, "Protocol drafted."), _u(1, DONE, "Protocol in use.")),
        ),
        DemoKeyAction(
            "1.5",
            "Commission a domestic abuse service for City workers",
            ("col",),
            ("vs",),
            18,
            updates=(),
        ),
        DemoKeyAction(
            "2.1",
            "Deploy the violence reduction patrol plan on Thursday to Saturday nights",
            ("colp",),
            ("col",),
            6,
            updates=(_u(4, PROGRESSING, "Patrols running."), _u(2, DONE, "Evaluation done.")),
        ),
        DemoKeyAction(
            "2.2",
            "Knife arch operations at the main stations",
            ("colp",),
            ("btp",),
            timescale="quarterly",
            updates=(_u(1, PROGRESSING, "Operations at Liverpool Street and Bank."),),
        ),
        DemoKeyAction(
            "2.3",
            "Agree a hate crime reporting measure with third-party reporting centres",
            ("colp",),
            ("col",),
            12,
            updates=(
                _u(
                    1,
                    HOLD,
                    "Waiting for the national third-party reporting review.",
                    "Reporting centres' counts collected by hand meanwhile.",
                ),
            ),
        ),
        DemoKeyAction(
            "2.4",
            "Counter-terrorism awareness sessions for City businesses (ACT)",
            ("colp",),
            ("colcpa", "cba"),
            timescale="ongoing",
            updates=(_u(2, PROGRESSING, "41 sessions, 1,260 staff."),),
        ),
        DemoKeyAction(
            "2.5",
            "Review CCTV coverage of the night-time economy hotspots",
            ("col",),
            ("colp",),
            15,
            updates=(),
        ),
        DemoKeyAction(
            "3.1",
            "Phone snatch operation around Cheapside",
            ("colp",),
            ("cba",),
            6,
            updates=(_u(3, PROGRESSING, "Operation running."), _u(1, DONE, "Snatches down.")),
        ),
        DemoKeyAction(
            "3.2",
            "Open secure cycle parking at Moorgate",
            ("col",),
            ("tfl",),
            12,
            updates=(
                _u(
                    1,
                    HOLD,
                    "Planning consent delayed.",
                    "Temporary stands with CCTV at Finsbury Circus.",
                ),
            ),
        ),
        DemoKeyAction(
            "3.3",
            "Fraud prevention campaign with the business associations",
            ("colp",),
            ("colcpa", "cba"),
            9,
            updates=(_u(2, PROGRESSING, "Campaign materials with businesses."),),
        ),
        DemoKeyAction(
            "3.4",
            "Joint operation against theft on the Underground with BTP",
            ("btp",),
            ("colp", "tfl"),
            12,
            updates=(_u(1, PROGRESSING, "Plain-clothes patrols at Bank."),),
        ),
        DemoKeyAction(
            "3.5",
            "Publish a guide to protecting offices from burglary",
            ("colcpa",),
            ("colp",),
            18,
            updates=(),
        ),
        DemoKeyAction(
            "4.1",
            "Publish the anti-social behaviour policy and case review procedure",
            ("col",),
            ("colp",),
            6,
            updates=(_u(5, DONE, "Published; case review leaflets distributed."),),
        ),
        DemoKeyAction(
            "4.2",
            "Recruit to the out-of-hours noise team",
            ("col",),
            timescale="Sept–Dec",
            updates=(
                _u(
                    1,
                    HOLD,
                    "Recruitment paused by the Corporation's vacancy freeze.",
                    "Overtime cover on Friday and Saturday nights.",
                ),
            ),
        ),
        DemoKeyAction(
            "4.3",
            "Begging and rough sleeping outreach with the police",
            ("col",),
            ("colp",),
            timescale="ongoing",
            updates=(_u(2, PROGRESSING, "Joint outreach twice a week."),),
        ),
        DemoKeyAction(
            "4.4",
            "Residents' survey on anti-social behaviour",
            ("col",),
            (),
            21,
            updates=(),
        ),
        DemoKeyAction(
            "4.5",
            "Construction noise: agree quiet hours with developers",
            ("col",),
            ("cba",),
            12,
            updates=(_u(3, PROGRESSING, "Eight developers signed up."), _u(0, DONE, "All 14.")),
        ),
        DemoKeyAction(
            "5.1",
            "Extend the licensing risk scheme to late-night refreshment houses",
            ("col",),
            ("colp",),
            12,
            updates=(_u(2, PROGRESSING, "Consultation with licensees."),),
        ),
        DemoKeyAction(
            "5.2",
            "Welfare and vulnerability training for door staff (WAVE)",
            ("colp",),
            ("col",),
            9,
            updates=(_u(4, PROGRESSING, "Course running."), _u(2, DONE, "240 staff trained.")),
        ),
        DemoKeyAction(
            "5.3",
            "Safe haven at Liverpool Street on Friday and Saturday nights",
            ("col",),
            ("las", "btp"),
            15,
            updates=(
                _u(
                    1,
                    HOLD,
                    "Ambulance service funding not confirmed.",
                    "Street pastors cover the station meanwhile.",
                ),
            ),
        ),
        DemoKeyAction(
            "5.4",
            "Spend the late-night levy: agree the police and Corporation shares",
            ("col",),
            ("colp",),
            6,
            updates=(_u(4, DONE, "70% police, 30% Corporation, agreed."),),
        ),
        DemoKeyAction(
            "5.5",
            "Review the night-time economy's public toilets and lighting",
            ("col",),
            (),
            24,
            updates=(),
        ),
        DemoKeyAction(
            "5.6",
            "Best Bar None accreditation for City venues",
            ("col",),
            ("colp", "cba"),
            18,
            updates=(_u(1, PROGRESSING, "19 venues accredited."),),
        ),
    ),
)

DEMO_PERFORMANCE = {spec.slug: spec for spec in (HARINGEY_PERFORMANCE, CITY_PERFORMANCE)}


# --- building -----------------------------------------------------------------------------


def demo_quarters(today: datetime.date) -> list[periods.Period]:
    """The last eight complete quarters before `today`, oldest first."""
    quarter = periods.previous(periods.quarter_of(today))
    found = [quarter]
    while len(found) < QUARTERS:
        found.insert(0, periods.previous(found[0]))
    return found


def _places(unit: str) -> Decimal:
    if unit == Unit.COUNT:
        return Decimal(1)
    if unit in (Unit.RATE_PER_1000, Unit.MINUTES):
        return Decimal("0.01")
    return Decimal("0.1")


def demo_series(spec: DemoIndicator, quarters: list[periods.Period]) -> list[Decimal]:
    """Eight values from `first` to `last`, with the seasonal pattern in between."""
    first, last = Decimal(spec.first), Decimal(spec.last)
    values = []
    for index, quarter in enumerate(quarters):
        if index == len(quarters) - 1:
            values.append(last)
            continue
        line = first + (last - first) * index / (len(quarters) - 1)
        number = int(quarter.label[1])
        value = line * (1 + SEASON[number] if index else 1)
        values.append(value.quantize(_places(spec.unit), rounding=ROUND_HALF_UP))
    return values


def _comparator(value: str) -> dict:
    if value.startswith("rank "):
        return {"rank": int(value.removeprefix("rank ")), "rank_of": 32}
    return {"value": Decimal(value)}


def demo_performance_build(
    *,
    spec: PartnershipSpec,
    partnership: Partnership,
    people: dict[str, Person],
    today: datetime.date | None = None,
) -> tuple[int, int]:
    """Build the partnership's strategy, indicators, returns and delivery plan; returns the
    number of indicators and of key actions. Call once, on a freshly built partnership."""
    demo = DEMO_PERFORMANCE.get(spec.slug)
    if demo is None:
        return 0, 0
    today = today or datetime.date.today()
    quarters = demo_quarters(today)
    organisations = _organisations(spec=spec, partnership=partnership)
    users = {
        role: User.objects.get(username=f"{spec.slug}-{role}")
        for role in (Role.MANAGER, Role.ANALYST, Role.CONTRIBUTOR)
    }
    board = Body.objects.filter(partnership=partnership, kind=BodyKind.BOARD).first()
    strategy = record_create(
        model=Strategy,
        partnership=partnership,
        by=users[Role.MANAGER],
        name=demo.strategy,
        period_start=periods.financial_year_of(quarters[0].start).start,
        period_end=_strategy_end(today),
        owner_body=board,
        is_statutory=True,
        status=StrategyStatus.ENDORSED,
        description=demo.strategy_description,
    )
    priorities = {
        number: record_create(
            model=Priority,
            partnership=partnership,
            by=users[Role.MANAGER],
            strategy=strategy,
            number=number,
            title=title,
            position=position,
        )
        for position, (number, title) in enumerate(demo.priorities)
    }
    for position, each in enumerate(demo.indicators):
        _indicator_build(
            spec=each,
            partnership=partnership,
            priority=priorities[each.priority],
            position=position,
            organisations=organisations,
            people=people,
            users=users,
            quarters=quarters,
            today=today,
        )
    key_actions = _plan_build(
        demo=demo,
        partnership=partnership,
        strategy=strategy,
        priorities=priorities,
        board=board,
        organisations=organisations,
        manager=users[Role.MANAGER],
        today=today,
    )
    return len(demo.indicators), key_actions


def _strategy_end(today: datetime.date) -> datetime.date:
    """A four-year strategy: two more financial years after this one."""
    end = periods.financial_year_of(today).end
    return end.replace(year=end.year + 2)


def _organisations(*, spec: PartnershipSpec, partnership: Partnership) -> dict[str, Organisation]:
    by_name = {org.name: org for org in Organisation.objects.filter(partnership=partnership)}
    return {org.key: by_name[org.name] for org in spec.organisations if org.name in by_name}


def _indicator_build(
    *,
    spec: DemoIndicator,
    partnership: Partnership,
    priority: Priority,
    position: int,
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    users: dict[str, User],
    quarters: list[periods.Period],
    today: datetime.date,
) -> Indicator:
    baseline_year = periods.financial_year_of(quarters[0].start - datetime.timedelta(days=1))
    agreed = spec.lifecycle == Lifecycle.AGREED
    indicator = indicator_create(
        partnership=partnership,
        by=users[Role.MANAGER],
        priority=priority,
        code=spec.code,
        name=spec.name,
        definition=spec.definition,
        unit=spec.unit,
        polarity=spec.polarity,
        target_kind=spec.target_kind,
        target_value=Decimal(spec.target) if spec.target is not None else None,
        amber_tolerance=Decimal(spec.tolerance),
        baseline_label=f"{baseline_year.label} quarterly average" if spec.baseline else "",
        baseline_start=baseline_year.start if spec.baseline else None,
        baseline_end=baseline_year.end if spec.baseline else None,
        baseline_value=Decimal(spec.baseline) if spec.baseline else None,
        frequency=Frequency.QUARTERLY,
        lead_organisation=organisations[spec.lead],
        lead_person=people.get(spec.lead_person),
        data_source=spec.data_source,
        lifecycle=spec.lifecycle,
        lifecycle_since=quarters[0].start if agreed else quarters[-2].start,
        baseline_due_by=periods.following(quarters[-1]).end
        if spec.lifecycle == Lifecycle.UNDER_DEVELOPMENT
        else None,
        position=position,
    )
    if not agreed:
        return indicator
    # The lead's organisation's contributor sends its own returns; the analyst the rest.
    contributor = users[Role.CONTRIBUTOR]
    sender = (
        contributor
        if contributor.people.filter(memberships__organisation=organisations[spec.lead]).exists()
        else users[Role.ANALYST]
    )
    latest = None
    for index, (quarter, value) in enumerate(
        zip(quarters, demo_series(spec, quarters), strict=True)
    ):
        reason = spec.gaps.get(index, "")
        numerator = denominator = None
        if spec.denominator and not reason:
            denominator = Decimal(spec.denominator)
            numerator = (value * denominator / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            value = (numerator / denominator * 100).quantize(Decimal("0.001"))
        latest = return_submit(
            indicator=indicator,
            period=quarter,
            value=None if reason else value,
            numerator=numerator,
            denominator=denominator,
            commentary=spec.commentary if index == len(quarters) - 1 else "",
            no_information_reason=reason,
            by=sender,
            today=today,
        )
    for name, figure in spec.comparators:
        for quarter in quarters[-4:]:
            comparator_add(
                indicator=indicator,
                by=users[Role.ANALYST],
                name=name,
                period_start=quarter.start,
                period_end=quarter.end,
                **_comparator(figure),
            )
    if spec.override:
        colour, reason = spec.override
        indicator_value_override(
            indicator_value=latest,
            by=users[Role.MANAGER],
            rag=colour,
            reason=reason,
            expected_version=latest.version,
        )
    return indicator


def _months_after(day: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    first_of_next = datetime.date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def _plan_build(
    *,
    demo: DemoPerformance,
    partnership: Partnership,
    strategy: Strategy,
    priorities: dict[str, Priority],
    board: Body | None,
    organisations: dict[str, Organisation],
    manager: User,
    today: datetime.date,
) -> int:
    """A two-year delivery plan from the start of the previous financial year, its key
    actions and their updates (dated at the ends of past quarters), reported to the board
    at the end of the quarter before last."""
    this_year = periods.financial_year_of(today)
    start = this_year.start.replace(year=this_year.start.year - 1)
    plan: DeliveryPlan = plan_create(
        partnership=partnership,
        by=manager,
        name=f"{demo.plan} {periods.financial_year_label(start.year)} to "
        f"{periods.financial_year_label(start.year + 1)}",
        strategy=strategy,
        plan_type=PlanType.CSP_DELIVERY,
        period_start=start,
        period_end=this_year.end,
        owner_body=board,
        is_statutory=True,
        status=PlanStatus.ENDORSED,
        status_key=demo.status_key,
    )
    # Quarter ends since the plan started, newest first: updates say "n quarters ago".
    quarter_ends = [q.end for q in reversed(periods.periods_between("quarterly", start, today))]
    quarter_ends = [end for end in quarter_ends if end < today]
    for each in demo.key_actions:
        key_action = key_action_create(
            plan=plan,
            by=manager,
            number=each.number,
            title=each.title,
            priority=priorities[each.number.split(".")[0]],
            lead_organisations=[organisations[key] for key in each.leads],
            co_operating_organisations=[organisations[key] for key in each.co_operating],
            deadline=_months_after(start, each.deadline_months) if each.deadline_months else None,
            timescale=each.timescale,
            delivery=each.delivery,
        )
        for quarters_ago, status, note, mitigation in each.updates:
            key_action_add_update(
                key_action=key_action,
                by=manager,
                expected_version=None,
                on=quarter_ends[min(quarters_ago, len(quarter_ends) - 1)],
                note=note,
                status=status,
                mitigation=mitigation,
            )
    if len(quarter_ends) > 2:
        plan_report_record(
            plan=plan,
            by=manager,
            reported_on=quarter_ends[2],
            reported_to=board.name if board else "",
        )
    return len(demo.key_actions)

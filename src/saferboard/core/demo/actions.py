"""The demo's action log: actions raised in the demo meetings' minutes, and owners' updates.

Built through actions.services as each meeting is minuted: `DemoActions.raise_at` raises
that meeting's actions (owners of every kind: people, posts, organisations and bodies;
due dates and "by the next meeting"), and `DemoActions.updates_before` adds the owners'
dated updates that came before the next meeting, so each meeting's papers see the log as
it stood. Some actions end complete or obsolete with closing notes, some carried forward,
and a few stay open past their due dates. Dates are fixed, so the demo is the same each time.
"""

import datetime
from dataclasses import dataclass

from saferboard.actions.models import Action, ActionStatus
from saferboard.actions.services import action_add_update, action_create
from saferboard.core.demo.spec import PartnershipSpec
from saferboard.meetings.models import Meeting
from saferboard.registry.models import Body, Organisation, Person, Post

D = datetime.date
IN_PROGRESS, COMPLETE = ActionStatus.IN_PROGRESS, ActionStatus.COMPLETE
OBSOLETE, CARRIED_FORWARD = ActionStatus.OBSOLETE, ActionStatus.CARRIED_FORWARD


@dataclass(frozen=True)
class Owner:
    kind: str  # person, post, organisation or body
    key: str  # the demo key (for a post: its organisation's key)
    title: str = ""  # a post's title


def person(key: str) -> Owner:
    return Owner("person", key)


def post(org: str, title: str) -> Owner:
    return Owner("post", org, title)


def organisation(key: str) -> Owner:
    return Owner("organisation", key)


def body(key: str) -> Owner:
    return Owner("body", key)


@dataclass(frozen=True)
class DemoAction:
    meeting: datetime.date
    item: str  # the title of the minute it was raised in
    text: str
    owners: tuple[Owner, ...]
    due: datetime.date | None = None  # None: "by the next meeting"
    resolution: str = ""  # the start of the resolution it carries out, if any
    updates: tuple[tuple[datetime.date, str, str], ...] = ()  # (date, status, note)


_STRATEGY = "Community Safety Strategy developments"
_SYV = "Serious Youth Violence Strategy developments"
_PERFORMANCE = "Performance report: quarter 1 2018/19"
_YOUNG_PEOPLE = "Young people in Haringey: safety, resilience and wellbeing"
_MOPAC = "MOPAC co-commissioning"
_STRATEGY_2019 = "Community Safety Strategy 2019-23"
_KNIFE = "Knife crime action plan"

HARINGEY_ACTIONS = (
    # 25 July 2018
    DemoAction(
        D(2018, 7, 25),
        "CSP terms of reference and membership",
        "Publish the agreed terms of reference and membership list on the council's website.",
        (person("secretariat"),),
        D(2018, 8, 10),
        updates=((D(2018, 8, 8), COMPLETE, "Published on 8 August; the link went to members."),),
    ),
    DemoAction(
        D(2018, 7, 25),
        _STRATEGY,
        "Say in the draft strategy how success will be measured, and share the consultation "
        "outcomes with the Health and Wellbeing Board.",
        (person("csm"),),
        updates=(
            (
                D(2018, 9, 12),
                IN_PROGRESS,
                "Measures drafted with the analyst; the outcomes go "
                "to the Health and Wellbeing Board in December.",
            ),
            (
                D(2018, 12, 10),
                COMPLETE,
                "Presented to the boards meeting in common on 10 December.",
            ),
        ),
    ),
    DemoAction(
        D(2018, 7, 25),
        _SYV,
        "Circulate the consultation findings to schools and voluntary sector partners.",
        (person("dcs"),),
        D(2018, 9, 14),
        updates=(
            (
                D(2018, 9, 14),
                CARRIED_FORWARD,
                "Held back until the final strategy is approved; carried forward to December.",
            ),
            (D(2019, 1, 15), COMPLETE, "Circulated with the final strategy in January."),
        ),
    ),
    DemoAction(
        D(2018, 7, 25),
        "Strategic assessment 2018",
        "Provide ward-level figures for violence with injury to each Performance Monitoring "
        "Group meeting.",
        (body("pmg"),),
        D(2018, 10, 31),
        updates=(
            (
                D(2018, 10, 29),
                IN_PROGRESS,
                "Quarter 1 figures circulated; quarter 2 awaits the police extract.",
            ),
        ),
    ),
    DemoAction(
        D(2018, 7, 25),
        "Information sharing protocol",
        "Sign and return the information sharing protocol and nominate a single point of contact.",
        (organisation("nps"), organisation("crc"), organisation("ccg")),
        D(2018, 8, 31),
        resolution="That each partner nominate",
        updates=(
            (
                D(2018, 9, 5),
                IN_PROGRESS,
                "Signed copies received from the CCG; probation's are "
                "awaiting sign-off by their legal team.",
            ),
        ),
    ),
    # 19 September 2018
    DemoAction(
        D(2018, 9, 19),
        _PERFORMANCE,
        "Bring an exception report on youth violence to the next meeting.",
        (post("mps", "Borough Commander"),),
        resolution="That an exception report",
        updates=(
            (
                D(2018, 12, 3),
                CARRIED_FORWARD,
                "Moved to March so that quarter 2 figures can be included.",
            ),
            (D(2019, 3, 6), IN_PROGRESS, "Report drafted; February's figures awaited."),
        ),
    ),
    DemoAction(
        D(2018, 9, 19),
        _PERFORMANCE,
        "Share the Wood Green and Tottenham patrol plans with ward councillors.",
        (person("supt"),),
        D(2018, 10, 5),
        updates=((D(2018, 10, 4), COMPLETE, "Shared at the ward panels on 2 and 4 October."),),
    ),
    DemoAction(
        D(2018, 9, 19),
        "Domestic homicide review: action plan",
        "Send the agreed action plan to the Home Office quality assurance panel.",
        (person("vawg"),),
        D(2018, 10, 19),
        updates=((D(2018, 10, 17), COMPLETE, "Sent on 17 October; receipt acknowledged."),),
    ),
    DemoAction(
        D(2018, 9, 19),
        "Prevent delivery update",
        "Offer Prevent awareness training to every secondary school's safeguarding lead.",
        (post("lbh", "Prevent Coordinator"),),
        D(2019, 3, 31),
        updates=(
            (D(2018, 11, 20), IN_PROGRESS, "Eleven of the fourteen schools trained."),
            (D(2019, 3, 29), COMPLETE, "All fourteen secondary schools trained."),
        ),
    ),
    # 10 December 2018, in common with the Health and Wellbeing Board
    DemoAction(
        D(2018, 12, 10),
        _YOUNG_PEOPLE,
        "Bring the joint action plan for young people back to both boards.",
        (person("dph"), person("dcs")),
        D(2019, 3, 13),
        resolution="That a joint action plan",
        updates=(
            (
                D(2019, 3, 6),
                CARRIED_FORWARD,
                "The Health and Wellbeing Board's meeting moved; "
                "the plan goes to both boards in June.",
            ),
        ),
    ),
    DemoAction(
        D(2018, 12, 10),
        _YOUNG_PEOPLE,
        "Map the youth provision open after 6pm in each ward.",
        (organisation("brt"),),
        D(2019, 2, 28),
        updates=((D(2019, 2, 26), COMPLETE, "Map published on the council's youth offer page."),),
    ),
    DemoAction(
        D(2018, 12, 10),
        _MOPAC,
        "Confirm the London Crime Prevention Fund allocation for 2019/20 to the board.",
        (person("mopac"),),
        updates=((D(2019, 3, 1), COMPLETE, "Confirmed by MOPAC's letter of 28 February."),),
    ),
    DemoAction(
        D(2018, 12, 10),
        _MOPAC,
        "Circulate the bidding timetable for the co-commissioning fund.",
        (person("hcs"),),
        D(2019, 1, 31),
        updates=(
            (
                D(2019, 1, 21),
                OBSOLETE,
                "MOPAC withdrew the bidding round, so there is no timetable to circulate.",
            ),
        ),
    ),
    # 13 March 2019
    DemoAction(
        D(2019, 3, 13),
        _STRATEGY_2019,
        "Take the strategy to Cabinet for adoption.",
        (person("hcs"),),
        D(2019, 4, 16),
        resolution="That the strategy be recommended",
        updates=((D(2019, 4, 16), COMPLETE, "Adopted by Cabinet on 16 April 2019."),),
    ),
    DemoAction(
        D(2019, 3, 13),
        _STRATEGY_2019,
        "Publish an easy-read version of the strategy.",
        (person("csm"),),
    ),
    DemoAction(
        D(2019, 3, 13),
        _KNIFE,
        "Report progress on the knife crime action plan to each Performance Monitoring Group.",
        (post("mps", "Superintendent, Partnerships"),),
        updates=((D(2019, 5, 2), IN_PROGRESS, "First quarterly report made to the group."),),
    ),
    DemoAction(
        D(2019, 3, 13),
        _KNIFE,
        "Agree weapons sweeps of parks with the council's parks service.",
        (organisation("mps"),),
        D(2019, 5, 31),
    ),
    DemoAction(
        D(2019, 3, 13),
        _KNIFE,
        "Include knife crime awareness in the supervision of young adults on probation.",
        (organisation("nps"),),
        D(2019, 6, 30),
        updates=(
            (D(2019, 6, 20), IN_PROGRESS, "Sessions planned for every young adult caseload."),
        ),
    ),
)

_PLAN = "Safer City Partnership strategic plan 2019-22: progress"
_VAWG = "Violence against women and girls"
_DASHBOARD = "Performance dashboard: 2020/21"
_NIGHT = "Night-time economy and licensing"
_ASSESSMENT = "Strategic assessment 2021"

CITY_ACTIONS = (
    # 8 February 2021
    DemoAction(
        D(2021, 2, 8),
        _PLAN,
        "Refresh the footfall and crime figures for the reopening of the City.",
        (person("analyst"),),
        updates=((D(2021, 5, 17), COMPLETE, "In the May performance dashboard."),),
    ),
    DemoAction(
        D(2021, 2, 8),
        _VAWG,
        "Draft a violence against women and girls action plan covering the night-time economy.",
        (person("ph"), person("csm")),
        D(2021, 6, 30),
        resolution="That a VAWG action plan",
        updates=(
            (
                D(2021, 5, 20),
                IN_PROGRESS,
                "Workshop held with licensees and the police; the draft is being written.",
            ),
            (D(2021, 9, 6), COMPLETE, "Plan agreed by the officers' group on 6 September."),
        ),
    ),
    DemoAction(
        D(2021, 2, 8),
        _VAWG,
        "Offer Ask for Angela training to every licensed premises.",
        (organisation("colp"),),
        D(2021, 7, 31),
        updates=(
            (
                D(2021, 7, 26),
                CARRIED_FORWARD,
                "Premises reopened later than planned; training moved to the autumn.",
            ),
            (D(2021, 11, 30), COMPLETE, "Training given at 120 premises."),
        ),
    ),
    # 24 May 2021
    DemoAction(
        D(2021, 5, 24),
        _DASHBOARD,
        "Add fraud reported by City residents and workers to the dashboard.",
        (person("analyst"),),
        D(2021, 8, 31),
        updates=(
            (
                D(2021, 9, 1),
                IN_PROGRESS,
                "A data sharing agreement with the National Fraud Intelligence Bureau is in draft.",
            ),
        ),
    ),
    DemoAction(
        D(2021, 5, 24),
        _DASHBOARD,
        "Share British Transport Police figures for City stations each quarter.",
        (organisation("btp"),),
        D(2021, 7, 15),
        updates=(
            (
                D(2021, 7, 12),
                IN_PROGRESS,
                "The first quarter's figures shared; a standing data request is being set up.",
            ),
        ),
    ),
    DemoAction(
        D(2021, 5, 24),
        "Serious and Organised Crime Board: update",
        "Brief the partnership on county lines activity at the next meeting.",
        (body("soc"),),
        updates=((D(2021, 9, 13), COMPLETE, "Briefing given at the September meeting."),),
    ),
    # 13 September 2021
    DemoAction(
        D(2021, 9, 13),
        _NIGHT,
        "Report the number of premises reviews and closures to the next meeting.",
        (post("col", "Director of Markets and Consumer Protection"),),
        updates=((D(2022, 1, 17), COMPLETE, "In the January licensing update."),),
    ),
    DemoAction(
        D(2021, 9, 13),
        _NIGHT,
        "Agree a programme of joint licensing visits for the festive period.",
        (body("llp"),),
        D(2021, 11, 30),
        updates=(
            (D(2021, 11, 25), COMPLETE, "Programme agreed; joint visits run through December."),
        ),
    ),
    DemoAction(
        D(2021, 9, 13),
        _NIGHT,
        "Consider the options for a late-night levy.",
        (organisation("col"),),
        D(2021, 12, 31),
        updates=(
            (
                D(2021, 12, 20),
                OBSOLETE,
                "Government guidance on the levy is under review; to "
                "be raised again when it is published.",
            ),
        ),
    ),
    # 24 January 2022
    DemoAction(
        D(2022, 1, 24),
        _ASSESSMENT,
        "Draft the partnership's priorities for 2022-25 from the assessment.",
        (person("csm"),),
    ),
    DemoAction(
        D(2022, 1, 24),
        _ASSESSMENT,
        "Circulate the strategic assessment to partners' boards.",
        (person("clerk"),),
        D(2022, 2, 11),
        updates=((D(2022, 2, 4), COMPLETE, "Circulated to every partner on 4 February."),),
    ),
    DemoAction(
        D(2022, 1, 24),
        _ASSESSMENT,
        "Set up a task-and-finish group on theft from the person.",
        (post("colp", "Superintendent, Communities and Partnerships"),),
        D(2022, 3, 31),
    ),
)

ACTIONS = {"haringey": HARINGEY_ACTIONS, "city-of-london": CITY_ACTIONS}


class DemoActions:
    """Raises a partnership's demo actions meeting by meeting, and adds their updates."""

    def __init__(
        self, *, spec: PartnershipSpec, people: dict[str, Person], bodies: dict[str, Body]
    ):
        self.plans = ACTIONS.get(spec.slug, ())
        self.people = people
        self.bodies = bodies
        self.partnership = next(iter(people.values())).partnership
        names = {org.key: org.name for org in spec.organisations}
        by_name = {o.name: o for o in Organisation.objects.filter(partnership=self.partnership)}
        self.organisations = {key: by_name[name] for key, name in names.items()}
        self.pending: list[tuple[datetime.date, int, Action, str, str]] = []

    def owner(self, owner: Owner):
        if owner.kind == "person":
            return self.people[owner.key]
        if owner.kind == "post":
            return Post.objects.get(organisation=self.organisations[owner.key], title=owner.title)
        if owner.kind == "organisation":
            return self.organisations[owner.key]
        return self.bodies[owner.key]

    def raise_at(self, *, meeting: Meeting) -> int:
        """Raise the actions minuted at `meeting`; their updates wait for `updates_before`."""
        raised = 0
        for plan in self.plans:
            if plan.meeting != meeting.date:
                continue
            item = meeting.items.get(title=plan.item)
            resolution = (
                item.resolutions.filter(text__startswith=plan.resolution).first()
                if plan.resolution
                else None
            )
            action = action_create(
                partnership=self.partnership,
                by=None,
                text=plan.text,
                owners=[self.owner(owner) for owner in plan.owners],
                agenda_item=item,
                resolution=resolution,
                due_date=plan.due,
                by_next_meeting=plan.due is None,
            )
            for on, status, note in plan.updates:
                self.pending.append((on, len(self.pending), action, status, note))
            raised += 1
        return raised

    def updates_before(self, day: datetime.date | None) -> None:
        """Add the owners' updates dated before `day` (all that are left when None)."""
        self.pending.sort(key=lambda entry: entry[:2])
        while self.pending and (day is None or self.pending[0][0] < day):
            on, _, action, status, note = self.pending.pop(0)
            action.refresh_from_db()
            action_add_update(
                action=action, by=None, expected_version=None, on=on, note=note, status=status
            )

"""The demo's grant fund: the City of London's Proceeds of Crime Act (POCA) grants for
2020/21, built through the funding services a funding officer's clicks call.

The fund has the City's rules (docs/domain.md, funding): the eligibility evidence as
requirements, the "not funded" list as exclusions, the Safer City Partnership's five
outcomes and countering terrorism as priority areas, the key themes, and the eight criteria
with weights. £110,000 is available to award in December 2020, when the worked example is
decided: a two-year DA/VAWG support worker post (£71,800, the first year's £35,700 released,
the second year's after a successful nine-month review), later extended because procurement
delayed its start. Bids follow in every stage: an approval with conditions, a rejection
("not crime prevention") and a redirection decided at the partnership's February 2021
meeting (its agenda item and resolutions, when the demo has meetings), a full application
scored by the panel, one stuck at presentation by a failed eligibility requirement, and the
British Transport Police's expression of interest and draft, which the City's contributor
login (Supt Mark Devlin) drafts and sees under "My bids". Applicants other than the
registry's partner agencies are invented.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from saferboard.core.demo.meeting_spec import POCA_GRANTS_ITEM
from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.funding import assessment, bids, decisions, funds, ledger, monitoring
from saferboard.funding.models import (
    Applicant,
    Bid,
    CheckResult,
    FundPeriod,
    FundSource,
    LegalForm,
    MilestoneStatus,
    Outcome,
    Recommendation,
    ReportKind,
    RuleKind,
    Stage,
    VariationKind,
)
from saferboard.meetings.models import AgendaItem, Resolution
from saferboard.registry.models import Body, Organisation

CITY_SLUG = "city-of-london"
D = datetime.date

PRIORITY_AREAS = [
    "Vulnerable people and communities are safeguarded",
    "People are safe and feel safe from violence",
    "People are protected from theft, fraud and acquisitive crime",
    "Anti-social behaviour is tackled and responded to effectively",
    "People are safe in the night-time economy",
    "Countering terrorism",
]
KEY_THEMES = [
    "Youth and knife crime",
    "Safeguarding the vulnerable",
    "Community cohesion",
    "Respect",
    "Exploitation and modern slavery",
    "Radicalisation",
    "Hate crime",
    "Causes of anti-social behaviour",
    "Violence and domestic abuse",
    "Victim and perpetrator work",
    "Youth inclusion",
]
REQUIREMENTS = [
    ("An equality policy", "A copy, adopted by the committee or board."),
    ("A governing document with a dissolution clause", "Constitution, articles or trust deed."),
    (
        "A management committee or board of at least three unrelated members or directors",
        "Names and addresses of the committee; no two from one household.",
    ),
    ("Safeguarding procedures, where the project works with children or vulnerable adults", ""),
    ("A bank account needing two unrelated signatories", "A recent statement and the mandate."),
    ("The latest accounts (newly formed organisations are exempt)", ""),
]
EXCLUSIONS = [
    "Consultancy or feasibility work",
    "Core costs alone",
    "Profit-making bodies",
    "General appeals",
    "Grant-making bodies",
    "Individuals",
    "Loans or paying off debt",
    "Bodies that are not local, unless the money is ring-fenced for the City",
    "Overseas travel",
    "Political activity",
    "Funding beyond 12 months (no recurring funding)",
    "Retrospective costs",
    "Statutory services",
]
CRITERIA = [
    ("Fit with the Safer City Partnership's priorities", 2),
    ("Fit with the key themes", 1),
    ("Evidenced need", 2),
    ("Benefit to the City", 1),
    ("Cost-effective, with every item eligible", 1),
    ("Improves safety", 2),
    ("Lasting impact", 1),
    ("Monitoring metrics", 1),
]


@dataclass(frozen=True)
class DemoApplicant:
    key: str
    name: str
    legal_form: str
    charity_number: str = ""
    company_number: str = ""
    organisation: str = ""  # a registry organisation's key, for partner agencies
    contact_name: str = ""


APPLICANTS = (
    DemoApplicant(
        "nour",
        "Nour Women's Support Network",
        LegalForm.CHARITY,
        charity_number="1187342",
        contact_name="Samira Haddad",
    ),
    DemoApplicant(
        "boxing",
        "Square Mile Youth Boxing CIC",
        LegalForm.CIC,
        company_number="12654318",
        contact_name="Dean Whitlock",
    ),
    DemoApplicant(
        "cba", "Cheapside Business Alliance", LegalForm.PARTNER_AGENCY, organisation="cba"
    ),
    DemoApplicant(
        "aldgate",
        "Aldgate Residents' Safety Forum",
        LegalForm.COMMUNITY_GROUP,
        contact_name="Patrick Oyelaran",
    ),
    DemoApplicant(
        "unseen",
        "Hidden Hands City Project",
        LegalForm.CIO,
        charity_number="1179025",
        contact_name="Ruth Adebayo",
    ),
    DemoApplicant(
        "pastors",
        "City Street Pastors",
        LegalForm.COMMUNITY_GROUP,
        contact_name="Grace Mensah",
    ),
    DemoApplicant("btp", "British Transport Police", LegalForm.PARTNER_AGENCY, organisation="btp"),
)


def _bid_text(need: str, means: str, evaluation: str) -> dict:
    return {"need": need, "means": means, "evaluation_plan": evaluation}


class _FundingDemo:
    """Builds the fund and its year of bids, remembering who does what."""

    def __init__(self, *, spec: PartnershipSpec, partnership: Partnership):
        self.partnership = partnership
        self.officer = User.objects.get(username=f"{spec.slug}-{Role.MANAGER}")
        self.contributor = User.objects.get(username=f"{spec.slug}-{Role.CONTRIBUTOR}")
        self.assessors = [
            self.officer,
            User.objects.get(username=f"{spec.slug}-{Role.ANALYST}"),
            User.objects.get(username=f"{spec.slug}-{Role.MEMBER}"),
        ]
        scp = next(body.name for body in spec.bodies if body.key == "scp")
        self.body = Body.objects.get(partnership=partnership, name=scp)
        self.organisations = {
            org.key: Organisation.objects.get(partnership=partnership, name=org.name)
            for org in spec.organisations
        }

    # --- the fund and its money -------------------------------------------------------

    def fund(self):
        fund = funds.fund_create(
            partnership=self.partnership,
            by=self.officer,
            name="POCA grants 2020/21",
            reference_prefix="POCA",
            source=FundSource.POCA,
            description="Part of the City's Proceeds of Crime Act 2002 recoveries, recycled into "
            "crime prevention. Open to not-for-profit bodies, community groups, charities and "
            "CICs working on the City's safety and offering a free, confidential service "
            "whether or not a crime was reported. Contact the City of London Crime Prevention "
            "Association and the police before bidding.",
            period=FundPeriod.FINANCIAL_YEAR,
            financial_year=2020,
            minimum_award=Decimal("1000"),
            maximum_award=Decimal("50000"),
            standard_term_months=12,
            match_funding_expectation="Match funding is urged but not required. POCA income "
            "is volatile, so a post needs an exit or mainstreaming plan.",
            priority_areas=PRIORITY_AREAS,
            key_themes=KEY_THEMES,
            deciding_body=self.body,
        )
        for wording, guidance in REQUIREMENTS:
            funds.rule_add(
                fund=fund,
                by=self.officer,
                kind=RuleKind.REQUIREMENT,
                wording=wording,
                guidance=guidance,
            )
        for wording in EXCLUSIONS:
            funds.rule_add(fund=fund, by=self.officer, kind=RuleKind.EXCLUSION, wording=wording)
        for title, weight in CRITERIA:
            funds.criterion_add(fund=fund, by=self.officer, title=title, weight=weight)
        fund = funds.assessors_set(fund=fund, by=self.officer, users=self.assessors)
        ledger.income_add(
            fund=fund,
            amount="85000",
            on=D(2020, 4, 1),
            by=self.officer,
            note="POCA recoveries brought into 2020/21",
        )
        ledger.income_add(
            fund=fund,
            amount="25000",
            on=D(2020, 11, 2),
            by=self.officer,
            note="POCA recoveries, second quarter",
        )
        self.fund_ = fund
        return fund

    # --- applicants and bids ----------------------------------------------------------

    def applicants(self) -> dict[str, Applicant]:
        made = {}
        for each in APPLICANTS:
            made[each.key] = bids.applicant_create(
                partnership=self.partnership,
                by=self.officer,
                users=[self.contributor] if each.key == "btp" else [],
                on=D(2020, 9, 1),
                name=each.name,
                legal_form=each.legal_form,
                charity_number=each.charity_number,
                company_number=each.company_number,
                organisation=self.organisations.get(each.organisation),
                contact_name=each.contact_name,
                contact_email=(
                    f"{each.contact_name.split()[0].lower()}@{each.key}.example.org"
                    if each.contact_name
                    else ""
                ),
            )
        return made

    def bid(self, applicant: Applicant, *, on: datetime.date, by: User | None = None, **fields):
        return bids.bid_create(
            fund=self.fund_, applicant=applicant, by=by or self.officer, on=on, **fields
        )

    def submit(self, bid: Bid, *, on: datetime.date, by: User | None = None, why: str = ""):
        return bids.bid_submit(bid=bid, by=by or self.officer, on=on, term_justification=why)

    def move(self, bid: Bid, *, to: str, on: datetime.date, note: str = "") -> Bid:
        return bids.bid_move(bid=bid, to_stage=to, by=self.officer, on=on, note=note)

    def check(self, bid: Bid, *, on: datetime.date, not_met: dict[int, str] | None = None):
        """Answer every rule: met (or not applicable for safeguarding where it is so), except
        the rules given in `not_met` by their place in the requirements list."""
        not_met = not_met or {}
        answers = {}
        requirements = list(self.fund_.rules.filter(kind=RuleKind.REQUIREMENT).order_by("position"))
        for place, rule in enumerate(requirements):
            if place in not_met:
                answers[rule.pk] = (CheckResult.NOT_MET, not_met[place])
            else:
                answers[rule.pk] = (CheckResult.MET, "")
        for rule in self.fund_.rules.filter(kind=RuleKind.EXCLUSION):
            answers[rule.pk] = (CheckResult.MET, "")
        bids.eligibility_record(bid=bid, answers=answers, by=self.officer, on=on)

    def assess(self, bid: Bid, *, on: datetime.date, marks: dict[User, tuple], conflicts=None):
        """`marks`: assessor -> (eight scores out of 5, recommendation, comments)."""
        criteria = list(self.fund_.criteria.order_by("position"))
        for assessor, (scores, recommendation, comments) in marks.items():
            assessment.assessment_record(
                bid=bid,
                assessor=assessor,
                on=on,
                conflict_of_interest=False,
                scores={c: (s, "") for c, s in zip(criteria, scores, strict=True)},
                recommendation=recommendation,
                comments=comments,
            )
        for assessor, details in (conflicts or {}).items():
            assessment.assessment_record(
                bid=bid,
                assessor=assessor,
                on=on,
                conflict_of_interest=True,
                conflict_details=details,
            )

    def to_full_application(self, bid: Bid, *, submitted: datetime.date, why: str = "") -> Bid:
        bid = self.submit(bid, on=submitted, why=why)
        bid = self.move(
            bid, to=Stage.PRESENTATION, on=submitted + datetime.timedelta(days=14), note="Invited"
        )
        self.check(bid, on=submitted + datetime.timedelta(days=24))
        return self.move(
            bid,
            to=Stage.FULL_APPLICATION,
            on=submitted + datetime.timedelta(days=28),
            note="Presentation to the panel; full application invited.",
        )


def _meeting_links() -> tuple[AgendaItem | None, list[Resolution]]:
    item = (
        AgendaItem.objects.filter(meeting__partnership__slug=CITY_SLUG, title=POCA_GRANTS_ITEM)
        .select_related("meeting")
        .first()
    )
    resolutions = list(item.resolutions.order_by("position", "pk")) if item else []
    return item, resolutions


def demo_funding_build(*, spec: PartnershipSpec, partnership: Partnership) -> str:
    """The City's POCA fund and its year of bids; a phrase for the demo's report ("" for
    another partnership). Call once, on a freshly built partnership, after its meetings."""
    if spec.slug != CITY_SLUG:
        return ""
    demo = _FundingDemo(spec=spec, partnership=partnership)
    fund = demo.fund()
    applicants = demo.applicants()
    panel_officer, analyst, chair = demo.assessors
    item, resolutions = _meeting_links()
    at_meeting = dict(zip(("boxing", "cba", "aldgate", "extension"), resolutions, strict=False))
    feb = D(2021, 2, 8)

    # The worked example: the DA/VAWG support worker, decided in December 2020.
    post = demo.bid(
        applicants["nour"],
        on=D(2020, 9, 14),
        project_title="DA/VAWG support worker for women facing language barriers",
        summary="A support worker who speaks Arabic, Kurdish and Farsi, helping women in the "
        "City's communities who face language barriers to report domestic abuse and reach "
        "support.",
        amount_requested=Decimal("35700"),
        term_months=12,
        proposed_start=D(2021, 1, 4),
        priority_areas=[PRIORITY_AREAS[0], PRIORITY_AREAS[1]],
        key_themes=["Violence and domestic abuse", "Safeguarding the vulnerable"],
        match_funding_amount=Decimal("4000"),
        match_funding_source="The network's own interpreting budget",
        **_bid_text(
            "Women whose first language is not English are under-represented among the City's "
            "domestic abuse referrals to MARAC, though outreach finds the abuse.",
            "A full-time support worker takes referrals from the police, the City's social "
            "workers and community groups, and runs drop-in sessions in three languages.",
            "Referrals, women supported and risk reduced at closure, reported quarterly; an "
            "end-of-grant evaluation with the women's own words.",
        ),
    )
    post = demo.submit(post, on=D(2020, 9, 28))
    post = demo.move(post, to=Stage.PRESENTATION, on=D(2020, 10, 12), note="Invited to present.")
    demo.check(post, on=D(2020, 11, 2))
    post = demo.move(
        post,
        to=Stage.FULL_APPLICATION,
        on=D(2020, 11, 9),
        note="The police cautioned against funding posts; the director framed it as innovation "
        "funding for two years with an exit plan.",
    )
    post = bids.bid_update(
        bid=post,
        by=demo.officer,
        expected_version=post.version,
        on=D(2020, 11, 9),
        amount_requested=Decimal("71800"),
        term_months=24,
    )
    demo.assess(
        post,
        on=D(2020, 11, 30),
        marks={
            panel_officer: (
                (5, 5, 4, 4, 4, 4, 3, 4),
                Recommendation.FUND,
                "Innovative and needed.",
            ),
            analyst: (
                (4, 5, 4, 4, 3, 4, 3, 4),
                Recommendation.FUND_WITH_CONDITIONS,
                "Fund, with a review at nine months.",
            ),
        },
    )
    start = D(2021, 1, 4)
    review = decisions.default_review_on(start)
    decision = decisions.decision_record(
        bid=post,
        outcome=Outcome.APPROVED,
        decided_on=D(2020, 12, 10),
        by=demo.officer,
        award_total=Decimal("71800"),
        starts_on=start,
        review_on=review,
        tranches=[
            (Decimal("35700"), start, "Year one"),
            (Decimal("36100"), review, "After a successful nine-month review"),
        ],
        release_first_now=True,
    )
    award = decision.award
    milestones = [
        monitoring.milestone_add(
            award=award,
            title="Support worker recruited and in post",
            due_on=D(2021, 3, 31),
            by=demo.officer,
        ),
        monitoring.milestone_add(
            award=award,
            title="Women supported",
            target="40 women",
            due_on=D(2021, 9, 30),
            by=demo.officer,
        ),
        monitoring.milestone_add(
            award=award,
            title="Outreach sessions with community groups",
            target="12 sessions",
            due_on=D(2021, 12, 31),
            by=demo.officer,
        ),
    ]
    monitoring.milestone_record(
        milestone=milestones[0],
        status=MilestoneStatus.MET,
        achieved="In post from 1 March 2021",
        by=demo.officer,
        expected_version=None,
    )
    extension = monitoring.variation_request(
        award=award,
        kind=VariationKind.EXTENSION,
        description="Procurement of the interpreting service delayed recruitment, so the post "
        "started in March rather than January: extend the grant by three months to keep two "
        "full years of delivery.",
        new_ends_on=D(2023, 3, 31),
        on=D(2021, 1, 25),
        by=demo.officer,
    )
    monitoring.variation_decide(
        variation=extension,
        approve=True,
        note="Approved by the Safer City Partnership.",
        resolution=at_meeting.get("extension"),
        on=feb,
        by=demo.officer,
        expected_version=None,
    )
    first_report = award.reports.filter(kind=ReportKind.PROGRESS).order_by("due_on").first()
    monitoring.report_submit(
        report=first_report,
        narrative="The support worker started on 1 March after the delayed procurement. "
        "Drop-in sessions began in three community centres; the police and the City's "
        "social workers now refer directly.",
        outputs="11 women supported; 4 referrals to MARAC; 3 outreach sessions.",
        spend_to_date=Decimal("9850.00"),
        on=D(2021, 4, 12),
        by=demo.officer,
        expected_version=None,
    )

    # Decided at the February 2021 meeting: approved with conditions, rejected, redirected.
    boxing = demo.bid(
        applicants["boxing"],
        on=D(2020, 11, 16),
        project_title="Boxing for diversion: evening sessions for young people at risk",
        amount_requested=Decimal("18500"),
        term_months=12,
        proposed_start=D(2021, 3, 1),
        priority_areas=[PRIORITY_AREAS[1]],
        key_themes=["Youth and knife crime", "Youth inclusion"],
        **_bid_text(
            "Young people from the City's estates are drawn into knife carrying at the borders "
            "with Tower Hamlets and Hackney.",
            "Three evening sessions a week with mentoring from coaches trained in conflict "
            "resolution; referrals from the police and the youth offending service.",
            "Attendance, referrals, and police contacts of those attending, six months before "
            "and after.",
        ),
    )
    boxing = demo.to_full_application(boxing, submitted=D(2020, 12, 1))
    demo.assess(
        boxing,
        on=D(2021, 1, 18),
        marks={
            analyst: (
                (4, 5, 3, 3, 4, 4, 3, 3),
                Recommendation.FUND_WITH_CONDITIONS,
                "Fund once the safeguarding policy covers coaches' DBS checks.",
            ),
            chair: ((4, 4, 3, 3, 4, 4, 3, 3), Recommendation.FUND_WITH_CONDITIONS, ""),
        },
    )
    boxing_start = D(2021, 3, 1)
    decisions.decision_record(
        bid=boxing,
        outcome=Outcome.APPROVED_WITH_CONDITIONS,
        decided_on=feb,
        by=demo.officer,
        item=item,
        resolution=at_meeting.get("boxing"),
        conditions="The safeguarding policy is updated and every coach has an enhanced DBS "
        "check before the grant starts; attendance figures go to the partnership each quarter.",
        award_total=Decimal("18500"),
        starts_on=boxing_start,
        review_on=decisions.default_review_on(boxing_start),
        tranches=[
            (Decimal("9250"), boxing_start, ""),
            (Decimal("9250"), D(2021, 9, 1), "On receipt of the first two quarterly reports"),
        ],
        release_first_now=True,
    )

    dressing = demo.bid(
        applicants["cba"],
        on=D(2020, 11, 20),
        project_title="Festive lighting and street dressing for Cheapside",
        amount_requested=Decimal("12000"),
        term_months=3,
        priority_areas=[PRIORITY_AREAS[4]],
        key_themes=["Respect"],
        **_bid_text(
            "Footfall in Cheapside fell by two thirds during the pandemic.",
            "Lights and dressing on the street through December and January.",
            "Footfall counts from the Alliance's sensors.",
        ),
    )
    dressing = demo.to_full_application(dressing, submitted=D(2020, 12, 4))
    demo.assess(
        dressing,
        on=D(2021, 1, 18),
        marks={
            analyst: ((1, 1, 1, 2, 2, 0, 1, 1), Recommendation.DO_NOT_FUND, "Not crime prevention.")
        },
    )
    decisions.decision_record(
        bid=dressing,
        outcome=Outcome.REJECTED,
        decided_on=feb,
        by=demo.officer,
        item=item,
        resolution=at_meeting.get("cba"),
        reason="Outside the partnership's objectives: not crime prevention.",
    )

    cctv = demo.bid(
        applicants["aldgate"],
        on=D(2020, 12, 1),
        project_title="CCTV at the Aldgate estate's car park entrances",
        amount_requested=Decimal("27500"),
        term_months=12,
        priority_areas=[PRIORITY_AREAS[3]],
        key_themes=["Causes of anti-social behaviour"],
        **_bid_text(
            "Residents report drug dealing and vehicle crime at the car park entrances.",
            "Four cameras linked to the City's control room.",
            "Incidents reported before and after, from the police and the estate office.",
        ),
    )
    cctv = demo.to_full_application(cctv, submitted=D(2020, 12, 14))
    decisions.decision_record(
        bid=cctv,
        outcome=Outcome.REDIRECTED,
        decided_on=feb,
        by=demo.officer,
        item=item,
        resolution=at_meeting.get("aldgate"),
        redirected_to="The City Corporation's CCTV capital programme",
    )

    # Still in progress: a full application scored by the panel, one held at presentation by
    # a failed requirement, and the British Transport Police's expression of interest and draft.
    slavery = demo.bid(
        applicants["unseen"],
        on=D(2021, 2, 1),
        project_title="Spotting modern slavery: training for hotel and hospitality staff",
        amount_requested=Decimal("24000"),
        term_months=12,
        priority_areas=[PRIORITY_AREAS[0]],
        key_themes=["Exploitation and modern slavery"],
        **_bid_text(
            "Hotels reopening after the lockdowns employ many new agency staff who have not "
            "been trained to spot trafficking and exploitation.",
            "Forty half-day sessions for front-of-house and housekeeping staff, with the "
            "police's modern slavery team.",
            "Staff trained, referrals to the National Referral Mechanism, and a survey six "
            "months on.",
        ),
    )
    slavery = demo.to_full_application(slavery, submitted=D(2021, 2, 15))
    demo.assess(
        slavery,
        on=D(2021, 3, 22),
        marks={
            analyst: (
                (5, 5, 4, 4, 4, 4, 4, 5),
                Recommendation.FUND,
                "Strong, with clear measures.",
            ),
            panel_officer: ((4, 5, 4, 4, 3, 4, 4, 4), Recommendation.FUND, ""),
        },
        conflicts={chair: "I am a trustee of the applicant charity."},
    )

    pastors = demo.bid(
        applicants["pastors"],
        on=D(2021, 2, 22),
        project_title="Safer nights: welfare volunteers in the night-time economy",
        amount_requested=Decimal("8500"),
        term_months=12,
        priority_areas=[PRIORITY_AREAS[4]],
        key_themes=["Safeguarding the vulnerable"],
        **_bid_text(
            "Vulnerable people leave the City's bars late at night with no one to help them home.",
            "Trained volunteers on the streets on Thursday to Saturday nights, with radios "
            "linked to the police and the licensed premises.",
            "People helped, ambulance call-outs avoided, and feedback from the premises.",
        ),
    )
    pastors = demo.submit(pastors, on=D(2021, 3, 1))
    pastors = demo.move(pastors, to=Stage.PRESENTATION, on=D(2021, 3, 15), note="Invited")
    demo.check(
        pastors,
        on=D(2021, 3, 29),
        not_met={4: "The group's account needs one signature, and its signatories are married."},
    )

    stations = demo.bid(
        applicants["btp"],
        on=D(2021, 3, 8),
        by=demo.contributor,
        project_title="Safer stations: county lines outreach at City stations",
        amount_requested=Decimal("15000"),
        term_months=12,
        priority_areas=[PRIORITY_AREAS[0]],
        key_themes=["Exploitation and modern slavery", "Youth and knife crime"],
        **_bid_text(
            "Children travelling alone through Liverpool Street and Moorgate are exploited "
            "to carry drugs on county lines.",
            "Joint patrols with youth workers at the stations at the times the lines run.",
            "Children engaged, safeguarding referrals and line arrests, quarter by quarter.",
        ),
    )
    demo.submit(stations, on=D(2021, 3, 22), by=demo.contributor)
    demo.bid(
        applicants["btp"],
        on=D(2021, 3, 29),
        by=demo.contributor,
        project_title="Cycle marking days at City stations",
        amount_requested=Decimal("3500"),
        term_months=6,
        priority_areas=[PRIORITY_AREAS[2]],
        key_themes=[],
        need="Cycle theft from the stations' racks rose again as commuters returned.",
    )

    shown = Bid.objects.filter(fund=fund).count()
    available = ledger.pounds(ledger.fund_balance(fund).available)
    return f"a POCA fund with {shown} bids and {available} left to award"

"""Demo partner assurance (docs/assurance.md, "Demo"): a Section 11-style safeguarding
self-assessment of 22 standards in five sections, written for the demo, with a shorter
variant for small organisations; returns from the partnership's partners, some submitted,
some updated and submitted again (so the report compares), some in progress, one overdue;
and a challenge with the organisation's response.

Everything goes through the real services (frameworks, returns, submission_make,
challenges), so the submissions carry their PDF reports and raise real actions. Dates are
relative to the day the demo is built, so "overdue" and "due soon" stay true.
The demo contributor login of each partnership works for one invited organisation
(Haringey: the National Probation Service, in progress; the City: British Transport Police,
submitted and challenged), so signing in as it shows a partner's own view.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from saferboard.assurance import challenges, frameworks, returns
from saferboard.assurance.models import (
    AssuranceReturn,
    ChallengeKind,
    Framework,
    RatingLevel,
    SubmittedRating,
)
from saferboard.assurance.submissions import submission_make
from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.registry.models import Body, Organisation

DAY = datetime.timedelta(days=1)

# section title, introduction, standards: (number, title, guidance, evidence required, action)
SECTIONS = [
    (
        "Leadership and accountability",
        "How the organisation's leaders own safeguarding children and make it everyone's job.",
        [
            (
                "1.1",
                "A named senior leader is accountable for safeguarding children",
                "Name the leader at board or executive level and show how they report on it.",
                True,
                "Name a senior leader accountable for safeguarding and record it in the "
                "scheme of delegation",
            ),
            (
                "1.2",
                "Safeguarding is part of the organisation's strategy and business plan",
                "Point to where the plan sets out safeguarding aims and how they are measured.",
                False,
                "Write safeguarding aims into the next business plan",
            ),
            (
                "1.3",
                "The board receives a safeguarding report at least once a year",
                "Give the date of the last report and the decisions it led to.",
                True,
                "Schedule an annual safeguarding report to the board",
            ),
            (
                "1.4",
                "Commissioned and contracted services must meet the same standards",
                "Show the clause used in contracts and how compliance is checked.",
                False,
                "Add safeguarding standards to contract terms and check them at review",
            ),
            (
                "1.5",
                "Lessons from serious case and practice reviews are acted on",
                "List recent reviews that touched the organisation and what changed after them.",
                False,
                "Keep a log of review recommendations and report progress on them",
            ),
        ],
    ),
    (
        "Policies and procedures",
        "What staff are told to do, and whether it is up to date and easy to find.",
        [
            (
                "2.1",
                "A safeguarding children policy is in place and reviewed every year",
                "Give the policy's review date and who approved it.",
                True,
                "Review and re-approve the safeguarding children policy",
            ),
            (
                "2.2",
                "Staff know how to raise a concern about a child, day or night",
                "Show how the referral route and out-of-hours contacts are publicised.",
                False,
                "Publish the referral route and out-of-hours numbers where staff work",
            ),
            (
                "2.3",
                "There is a procedure for allegations against people who work with children",
                "Show the procedure and how the designated officer is contacted.",
                True,
                "Adopt an allegations procedure that names the designated officer route",
            ),
            (
                "2.4",
                "Whistleblowing arrangements cover safeguarding concerns",
                "Show how staff can raise a concern outside their line management.",
                False,
                "Extend the whistleblowing policy to safeguarding concerns",
            ),
        ],
    ),
    (
        "Safer recruitment and workforce",
        "Keeping people who may harm children out of the workforce.",
        [
            (
                "3.1",
                "Recruitment follows safer recruitment practice",
                "Show that interview panels include someone trained in safer recruitment.",
                True,
                "Train at least one member of each interview panel in safer recruitment",
            ),
            (
                "3.2",
                "Roles working with children have enhanced DBS checks before starting",
                "Give the share of such roles with a check in place before the start date.",
                True,
                "Check that every role working with children has an enhanced DBS check",
            ),
            (
                "3.3",
                "DBS checks are renewed or the update service is used",
                "Explain how often checks are renewed and how the update service is used.",
                False,
                "Set a renewal cycle for DBS checks or sign staff up to the update service",
            ),
            (
                "3.4",
                "References are taken up and gaps in employment history explained",
                "Show a sample of files with references and explained gaps.",
                False,
                "Audit a sample of recruitment files for references and employment gaps",
            ),
            (
                "3.5",
                "Volunteers and agency staff are vetted to the same standard",
                "Show how agencies confirm their checks and how volunteers are vetted.",
                False,
                "Bring volunteer and agency vetting up to the standard for employees",
            ),
        ],
    ),
    (
        "Training and supervision",
        "Whether staff have the knowledge for their role and support to use it.",
        [
            (
                "4.1",
                "All staff complete safeguarding training suited to their role",
                "Give completion rates by level of training.",
                True,
                "Raise safeguarding training completion to at least 90 per cent",
            ),
            (
                "4.2",
                "Staff working with children have regular safeguarding supervision",
                "Explain how often supervision happens and how it is recorded.",
                False,
                "Introduce recorded safeguarding supervision for staff working with children",
            ),
            (
                "4.3",
                "Training covers exploitation, county lines and online harm",
                "Show the course content covering these risks.",
                False,
                "Add exploitation, county lines and online harm to safeguarding training",
            ),
            (
                "4.4",
                "Leads attend multi-agency safeguarding training",
                "List the multi-agency courses your leads attended this year.",
                False,
                "Book safeguarding leads onto the partnership's multi-agency training",
            ),
        ],
    ),
    (
        "Working together and the child's voice",
        "Sharing information with partners, and hearing from children themselves.",
        [
            (
                "5.1",
                "Information is shared with partners promptly when a child may be at risk",
                "Show the information-sharing agreement and a recent example.",
                False,
                "Sign the partnership's information-sharing agreement and brief staff on it",
            ),
            (
                "5.2",
                "The organisation takes part in multi-agency meetings and reviews",
                "Give attendance at MASH, strategy meetings and case conferences.",
                False,
                "Name who attends multi-agency meetings and cover absences",
            ),
            (
                "5.3",
                "Children's views shape the services that affect them",
                "Give an example of a service changed after listening to children.",
                False,
                "Set up a way for children to give their views on the service",
            ),
            (
                "5.4",
                "Disagreements with partners about a child are escalated and resolved",
                "Show the escalation procedure and how it was used this year.",
                False,
                "Adopt the partnership's escalation procedure and record its use",
            ),
        ],
    ),
]

# The standard the demo's challenge is about (supervision).
CHALLENGED_STANDARD = "4.2"

# The shorter variant for small organisations.
SMALL_ORGANISATION_STANDARDS = ["1.1", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1", "5.2"]


@dataclass(frozen=True)
class DemoReturn:
    """One invited organisation's story. `first` rates standards below met in its first
    submission (the rest met); `second`, when given, is its updated submission;
    `answered` leaves the return in progress with that many standards answered."""

    org: str
    first: dict[str, str] | None = None
    second: dict[str, str] | None = None
    answered: int = 0
    small: bool = False
    overdue: bool = False


WEAK_RECRUITMENT = {"3.3": "partly", "3.4": "partly", "4.2": "not_met"}

STORIES = {
    "haringey": [
        DemoReturn("lbh", first={**WEAK_RECRUITMENT, "1.5": "partly"}),
        DemoReturn(
            "mps",
            first={"3.4": "not_met", "4.2": "partly", "2.3": "partly", "4.1": "partly"},
            second={"4.2": "partly", "3.4": "partly"},
        ),
        DemoReturn("lfb", first={"4.2": "not_met", "4.3": "partly", "5.3": "na"}),
        DemoReturn(
            "ccg",
            first={"3.3": "not_met", "5.4": "partly", "1.3": "partly"},
            second={"3.3": "partly"},
        ),
        DemoReturn("hfh", first={"3.5": "partly", "4.2": "partly", "5.3": "not_met"}),
        DemoReturn("nps", answered=9),  # the demo contributor's organisation
        DemoReturn("beh", answered=4),
        DemoReturn("vs", small=True, overdue=True),
    ],
    "city-of-london": [
        DemoReturn("col", first={**WEAK_RECRUITMENT, "5.3": "partly"}),
        DemoReturn(
            "btp",  # the demo contributor's organisation
            first={"3.4": "partly", "4.2": "not_met", "4.3": "not_met"},
            second={"4.2": "partly"},
        ),
        DemoReturn("lfb", first={"4.2": "partly", "5.3": "na"}),
        DemoReturn("las", first={"3.3": "partly", "3.4": "partly", "1.4": "not_met"}),
        DemoReturn("nps", answered=12),
        DemoReturn("vs", small=True, first={"3.2": "partly"}),
        DemoReturn("tfl", overdue=True),
    ],
}


def demo_assurance_build(*, spec: PartnershipSpec, partnership: Partnership) -> str:
    """The framework and the returns of `spec`'s partnership; a phrase for the demo's report
    ("" for a partnership without a story). Call once, on a freshly built partnership."""
    stories = STORIES.get(spec.slug)
    if not stories:
        return ""
    today = timezone.localdate()
    manager = User.objects.get(username=f"{spec.slug}-{Role.MANAGER}")
    contributor = User.objects.get(username=f"{spec.slug}-{Role.CONTRIBUTOR}")
    framework = _framework_build(spec=spec, partnership=partnership, by=manager, today=today)
    variant = framework.variants.get()
    organisations = {
        org.key: Organisation.objects.get(partnership=partnership, name=org.name)
        for org in spec.organisations
    }
    submitted = 0
    for story in stories:
        by = contributor if story.org == _contributor_org(spec) else manager
        [assurance_return] = returns.returns_invite(
            framework=framework,
            organisations=[organisations[story.org]],
            due_date=today - 14 * DAY if story.overdue else today + 30 * DAY,
            variant=variant if story.small else None,
            by=manager,
        )
        if story.answered:
            _answer(assurance_return, {}, by=by, limit=story.answered)
        if story.first is not None:
            _answer(assurance_return, story.first, by=by)
            submission_make(assurance_return=assurance_return, by=by, on=today - 75 * DAY)
            submitted += 1
        if story.second is not None:
            _answer(assurance_return, story.second, by=by)
            submission_make(assurance_return=assurance_return, by=by, on=today - 20 * DAY)
    _challenge(framework=framework, spec=spec, manager=manager, contributor=contributor)
    return f"a {framework.name} of 22 standards with {submitted} partners' returns submitted"


def _framework_build(
    *, spec: PartnershipSpec, partnership: Partnership, by: User, today: datetime.date
) -> Framework:
    year = today.year if today.month >= 4 else today.year - 1
    # The safeguarding children board where there is one, else the partnership's own board.
    board = next((body for body in spec.bodies if body.key == "lscb"), spec.bodies[0])
    framework = frameworks.framework_create(
        partnership=partnership,
        by=by,
        name="Section 11 safeguarding self-assessment",
        version_label=f"{year}/{str(year + 1)[-2:]}",
        period_start=datetime.date(year, 4, 1),
        period_end=datetime.date(year + 1, 3, 31),
        owner_body=Body.objects.get(partnership=partnership, name=board.name),
        description="Each partner's own check of how it keeps children safe, under section 11 "
        "of the Children Act 2004. Answer every standard, attach or link evidence where "
        "asked, and submit; you can update your return whenever something changes.",
    )
    scale = frameworks.scale_create(
        framework=framework,
        by=by,
        name="Met, partially met or not met",
        levels=[("met", "Met"), ("partly", "Partially met"), ("not_met", "Not met")],
        not_applicable=True,
    )
    partly, not_met = frameworks.levels_below_met(scale)
    for number, (title, introduction, standards) in enumerate(SECTIONS, start=1):
        section = frameworks.section_add(
            framework=framework, by=by, title=title, number=str(number), introduction=introduction
        )
        for code, standard_title, guidance, evidence, action in standards:
            frameworks.standard_add(
                section=section,
                by=by,
                number=code,
                title=standard_title,
                guidance=guidance,
                scale=scale,
                evidence_required=evidence,
                actions={partly.pk: (f"{action}.", 120), not_met.pk: (f"{action}, urgently.", 60)},
            )
    frameworks.variant_add(
        framework=framework,
        by=by,
        name="Small organisations",
        description="The eight standards asked of voluntary and community organisations with "
        "few staff.",
        standards=list(
            frameworks.framework_standards(framework).filter(
                number__in=SMALL_ORGANISATION_STANDARDS
            )
        ),
    )
    return frameworks.framework_open(framework=framework, by=by)


def _answer(
    assurance_return: AssuranceReturn, ratings: dict[str, str], *, by: User, limit: int = 0
) -> None:
    """Rate the return's standards (`ratings` by number; the rest met), with a comment and an
    evidence link each; `limit` answers only the first that many."""
    standards = list(returns.return_standards(assurance_return))
    if limit:
        standards = standards[:limit]
    levels = {
        level.code: level
        for level in RatingLevel.objects.filter(scale__framework=assurance_return.framework)
    }
    organisation = assurance_return.organisation
    site = organisation.short_name.lower().replace(" ", "") or "partner"
    existing = {a.standard_id: a for a in assurance_return.answers.all()}
    answers = []
    for standard in standards:
        level = levels[ratings.get(standard.number, "met")]
        answers.append(
            {
                "standard": standard,
                "level": level,
                "comment": _comment(organisation.name, standard.number, level),
                "evidence_link": f"https://intranet.{site}.example.org/safeguarding/"
                f"{standard.number.replace('.', '-')}",
                "version": existing[standard.pk].version if standard.pk in existing else None,
            }
        )
    returns.answers_save(assurance_return=assurance_return, answers=answers, by=by)


def _comment(organisation: str, number: str, level: RatingLevel) -> str:
    if level.not_applicable:
        return f"{organisation} does not provide services to which standard {number} applies."
    if level.meets_standard:
        return f"In place and checked at the last internal audit (standard {number})."
    return (
        f"Work has started on standard {number} but is not finished across {organisation}; "
        "the action plan sets out what remains."
    )


def _contributor_org(spec: PartnershipSpec) -> str:
    """The key of the organisation the demo contributor login works for."""
    key = spec.users.get(Role.CONTRIBUTOR)
    return next((who.org for who in spec.people if who.key == key), "")


def _challenge(
    *, framework: Framework, spec: PartnershipSpec, manager: User, contributor: User
) -> None:
    """The partnership challenges the contributor's organisation's latest rating of standard
    4.2 (supervision) and the contributor responds; where that organisation has not
    submitted, it records a peer review note on another partner's rating of 4.2 instead."""
    ratings = SubmittedRating.objects.filter(
        submission__assurance_return__framework=framework,
        standard__number=CHALLENGED_STANDARD,
        level__meets_standard=False,
        level__not_applicable=False,
    ).order_by("-submission__number", "level__score", "pk")
    own = next(org.name for org in spec.organisations if org.key == _contributor_org(spec))
    rating = ratings.filter(submission__assurance_return__organisation__name=own).first()
    if rating is not None:
        challenge = challenges.challenge_add(
            rating=rating,
            kind=ChallengeKind.CHALLENGE,
            note=f"Standard {CHALLENGED_STANDARD} was rated below met in your first submission "
            "too. What is stopping the work, and does it need the partnership's help?",
            by=manager,
        )
        challenges.challenge_respond(
            challenge=challenge,
            response="Supervision for our safeguarding staff now runs monthly; the remaining "
            "teams start in the new quarter. We would welcome a peer review afterwards.",
            by=contributor,
            version=challenge.version,
        )
        return
    rating = ratings.first()
    if rating is not None:
        challenges.challenge_add(
            rating=rating,
            kind=ChallengeKind.PEER_REVIEW,
            note="Peer review visit: the evidence bears the rating out. The supervision records "
            "seen were thorough but not yet kept for every team.",
            by=manager,
        )

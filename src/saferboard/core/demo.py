"""The demo: two partnerships modelled on the seed packs, and a login for every role.

`saferboard demo` calls `demo_build`: the Haringey Community Safety Partnership
(from the 2012 and 2018 Haringey packs) and the City of London's Safer City
Partnership, each with organisations, posts, people, bodies, seats and terms of
reference, plus one user per role per partnership and `demo-multi`, a manager
of both. Organisation names and post titles are real; people are invented.

Building is idempotent: a partnership that already has bodies is left alone,
and users and roles that exist are not touched. `demo_reset` deletes the demo
partnerships, everything in them (history included) and the demo users.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError

from saferboard.core.models import Partnership, PartnershipRole, TenantModel, User
from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant, record_create, user_create
from saferboard.registry.models import (
    Body,
    BodyKind,
    BodyRole,
    Membership,
    MembershipCategory,
    Organisation,
    Person,
    Post,
    Sector,
    TermsOfReference,
)
from saferboard.registry.services import membership_change_holder

DEMO_PASSWORD = "saferboard-demo"
MULTI_USERNAME = "demo-multi"

D = datetime.date
LA, POLICE, HEALTH = Sector.LOCAL_AUTHORITY, Sector.POLICE, Sector.HEALTH
STATUTORY = MembershipCategory.STATUTORY
INVITED = MembershipCategory.INVITED
CO_OPTED = MembershipCategory.CO_OPTED
EX_OFFICIO = MembershipCategory.EX_OFFICIO
ADVISER = MembershipCategory.SUPPORTING_ADVISER
ADDITIONAL = MembershipCategory.ADDITIONAL
CHAIR, CO_CHAIR = BodyRole.CHAIR, BodyRole.CO_CHAIR
VICE_CHAIR, DEPUTY_CHAIR = BodyRole.VICE_CHAIR, BodyRole.DEPUTY_CHAIR


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    short_name: str
    sector: str
    responsible: bool = False
    website: str = ""


@dataclass(frozen=True)
class Individual:
    key: str
    title: str
    given_name: str
    family_name: str
    org: str
    post: str  # the post this person holds in `org`


@dataclass(frozen=True)
class BodySpec:
    key: str
    name: str
    short_name: str = ""
    kind: str = BodyKind.SUB_GROUP
    parent: str = ""
    reports_to: tuple[str, ...] = ()
    purpose: str = ""
    aliases: tuple[str, ...] = ()
    is_case_panel: bool = False


@dataclass(frozen=True)
class Seat:
    """A seat on a body; `holder` is a person key, or "" with `org`/`post` for a vacancy."""

    body: str
    holder: str
    category: str
    start: datetime.date
    role: str = BodyRole.MEMBER
    end: datetime.date | None = None
    note: str = ""
    org: str = ""
    post: str = ""


@dataclass(frozen=True)
class Terms:
    body: str
    label: str
    effective: datetime.date
    review: datetime.date | None
    min_meetings: int
    sectors: tuple[str, ...]
    circulation_days: int = 5
    absence_limit: int = 3
    substitutes_may_vote: bool = True
    voting_rules: str = ""


@dataclass(frozen=True)
class HolderChange:
    """A seat changing hands: `old` leaves the day before `on`, `new` takes it from `on`."""

    body: str
    old: str
    new: str
    on: datetime.date


@dataclass(frozen=True)
class PartnershipSpec:
    name: str
    slug: str
    short_name: str
    area_description: str
    local_authority_codes: tuple[str, ...]
    police_force_names: tuple[str, ...]
    publishes_public_pages: bool
    minute_number_prefix: str
    organisations: tuple[Org, ...]
    people: tuple[Individual, ...]
    bodies: tuple[BodySpec, ...]
    seats: tuple[Seat, ...]
    terms: tuple[Terms, ...]
    changes: tuple[HolderChange, ...] = ()
    # role -> the person key the demo user is (or given and family names when nobody).
    users: dict[str, str | tuple[str, str]] = field(default_factory=dict)


# --- Haringey: from the October 2012 and July 2018 packs --------------------------------

_HARINGEY_ORGS = (
    Org("lbh", "Haringey Council", "LBH", LA, True, "https://www.haringey.gov.uk/"),
    Org("mps", "Metropolitan Police Service", "MPS", POLICE, True, "https://www.met.police.uk/"),
    Org("lfb", "London Fire Brigade", "LFB", Sector.FIRE, True, "https://www.london-fire.gov.uk/"),
    Org("nps", "National Probation Service", "NPS", Sector.PROBATION, True),
    Org("crc", "London Community Rehabilitation Company", "London CRC", Sector.PROBATION, True),
    Org("ccg", "Haringey Clinical Commissioning Group", "Haringey CCG", HEALTH, True),
    Org("beh", "Barnet, Enfield and Haringey Mental Health NHS Trust", "BEH MHT", HEALTH),
    Org("hfh", "Homes for Haringey", "HfH", Sector.HOUSING),
    Org("mopac", "Mayor's Office for Policing and Crime", "MOPAC", Sector.OTHER),
    Org("gla", "London Assembly", "", Sector.OTHER),
    Org("vs", "Victim Support", "", Sector.VOLUNTARY, False, "https://www.victimsupport.org.uk/"),
    Org("snb", "Haringey Safer Neighbourhood Board", "SNB", Sector.VOLUNTARY),
    Org("brt", "Bridge Renewal Trust", "", Sector.VOLUNTARY),
    Org("cps", "Crown Prosecution Service", "CPS", Sector.OTHER),
)

_HARINGEY_PEOPLE = (
    Individual("cllr_2012", "Cllr", "Raymond", "Fenwick", "lbh", "Cabinet Member for Communities"),
    Individual("cllr", "Cllr", "Amara", "Okafor", "lbh", "Cabinet Member for Communities"),
    Individual(
        "cllr_children",
        "Cllr",
        "Tom",
        "Whitlock",
        "lbh",
        "Cabinet Member for Children, Education and Families",
    ),
    Individual("chief_exec", "", "Rosalind", "Farrow", "lbh", "Chief Executive"),
    Individual("dph", "Dr", "Priya", "Raman", "lbh", "Director of Public Health"),
    Individual("dcs", "", "Gareth", "Lyle", "lbh", "Director of Children's Services"),
    Individual("dah", "", "Helen", "Okonjo", "lbh", "Director of Adults and Health"),
    Individual("den", "", "Martin", "Keane", "lbh", "Director for Environment and Neighbourhoods"),
    Individual("hcs", "", "Sandra", "Whitmore", "lbh", "Head of Community Safety and Enforcement"),
    Individual("csm", "", "Anita", "Grewal", "lbh", "Community Safety Strategic Manager"),
    Individual("secretariat", "", "Joseph", "Mensah", "lbh", "Principal Committee Coordinator"),
    Individual("analyst", "", "Leon", "Fairbairn", "lbh", "Community Safety Analyst"),
    Individual("prevent", "", "Yasmin", "Haddad", "lbh", "Prevent Coordinator"),
    Individual("vawg", "", "Ruth", "Gallagher", "lbh", "VAWG Strategic Lead"),
    Individual("iom", "", "Daniel", "Osei", "lbh", "Integrated Offender Management Strategic Lead"),
    Individual("dpo", "", "Marcus", "Hale", "lbh", "Data Protection Officer"),
    Individual("bc_2012", "Ch Supt", "Celia", "Brandt", "mps", "Borough Commander"),
    Individual("bc_old", "Ch Supt", "Diane", "Marsh", "mps", "Borough Commander"),
    Individual("bc_new", "Ch Supt", "Owen", "Adeyemi", "mps", "Borough Commander"),
    Individual("supt", "Supt", "Graham", "Ellery", "mps", "Superintendent, Partnerships"),
    Individual(
        "di", "DI", "Karen", "Holt", "mps", "Detective Inspector, Integrated Offender Management"
    ),
    Individual("prevent_police", "PS", "Imran", "Qureshi", "mps", "Prevent Engagement Officer"),
    Individual("lfb", "", "Stuart", "Kemble", "lfb", "Borough Fire Commander"),
    Individual("nps", "", "Joanna", "Pryce", "nps", "Assistant Chief Officer"),
    Individual("crc", "", "Neil", "Barraclough", "crc", "Assistant Chief Officer"),
    Individual("ccg", "", "Fiona", "Delaney", "ccg", "Director of Commissioning"),
    Individual("beh", "", "Rahul", "Mistry", "beh", "Community Forensic Services Manager"),
    Individual("hfh", "", "Claire", "Whitfield", "hfh", "Managing Director"),
    Individual("mopac", "", "Ben", "Ashworth", "mopac", "Partnership Manager"),
    Individual("gla", "", "Eleanor", "Pardoe", "gla", "London Assembly Member"),
    Individual("vs", "", "Lorraine", "Adebayo", "vs", "Area Manager"),
    Individual("snb", "", "Patrick", "Nolan", "snb", "Chair"),
    Individual("brt", "", "Kwame", "Asante", "brt", "Chief Executive"),
)

_HARINGEY_BODIES = (
    BodySpec(
        "csp",
        "Haringey Community Safety Partnership Board",
        "CSP",
        BodyKind.BOARD,
        purpose="The statutory partnership responsible for the Community Safety Strategy: "
        "preventing and reducing crime, fear of crime, anti-social behaviour, harm caused by "
        "drug and alcohol misuse and re-offending, and preventing violent extremism.",
        aliases=("Community Safety Partnership", "CSPB", "Community Safety Board"),
    ),
    BodySpec(
        "hwb",
        "Haringey Health and Wellbeing Board",
        "HWB",
        BodyKind.EXTERNAL,
        purpose="Meets in common with the Community Safety Partnership.",
    ),
    BodySpec(
        "lscb",
        "Haringey Local Safeguarding Children Board",
        "LSCB",
        BodyKind.EXTERNAL,
        aliases=("Haringey Safeguarding Children Partnership",),
    ),
    BodySpec(
        "pmg",
        "Performance Monitoring Group",
        "PMG",
        parent="csp",
        reports_to=("csp",),
        purpose="KPI and budget holders monitor performance between board meetings; the "
        "board may delegate decisions to it.",
    ),
    BodySpec(
        "prevent",
        "Prevent Delivery Group",
        "HPDG",
        parent="csp",
        reports_to=("csp",),
        purpose="Delivers the national Prevent strategy in Haringey; meets termly and "
        "reports to the board twice a year.",
    ),
    BodySpec(
        "vawg",
        "VAWG Strategy Group",
        "VAWG",
        parent="csp",
        reports_to=("csp", "lscb"),
        purpose="Oversees the Violence against Women and Girls Strategy 2016-26.",
    ),
    BodySpec(
        "iom",
        "Integrated Offender Management Board",
        "IOM",
        parent="csp",
        reports_to=("csp",),
        purpose="Reducing re-offending through an integrated multi-agency model.",
    ),
)

_H_2012, _H_2015, _H_SUB = D(2012, 6, 26), D(2015, 7, 1), D(2016, 4, 1)

_HARINGEY_SEATS = (
    # The 2012 terms of reference: the Cabinet Member chairs, the Borough Commander is vice-chair.
    Seat("csp", "cllr_2012", STATUTORY, _H_2012, CHAIR, end=D(2015, 6, 30)),
    Seat("csp", "bc_2012", STATUTORY, _H_2012, VICE_CHAIR, end=D(2015, 6, 30)),
    # July 2015 onwards: co-chairs.
    Seat("csp", "cllr", STATUTORY, _H_2015, CO_CHAIR),
    Seat("csp", "bc_old", STATUTORY, _H_2015, CO_CHAIR),
    Seat("csp", "cllr_children", STATUTORY, _H_2015),
    Seat("csp", "chief_exec", STATUTORY, _H_2015),
    Seat("csp", "dph", STATUTORY, _H_2015),
    Seat("csp", "dcs", STATUTORY, _H_2015),
    Seat("csp", "dah", STATUTORY, _H_2015),
    Seat("csp", "den", STATUTORY, _H_2015, note="Interim"),
    Seat("csp", "lfb", STATUTORY, _H_2015),
    Seat("csp", "nps", STATUTORY, _H_2015),
    Seat("csp", "crc", STATUTORY, _H_2015),
    Seat("csp", "ccg", STATUTORY, D(2016, 4, 1)),
    Seat("csp", "beh", INVITED, _H_2015),
    Seat("csp", "hfh", INVITED, _H_2015),
    Seat("csp", "mopac", INVITED, _H_2015),
    Seat("csp", "vs", INVITED, _H_2015),
    Seat("csp", "snb", CO_OPTED, _H_2015),
    Seat("csp", "brt", INVITED, _H_2015),
    Seat("csp", "gla", EX_OFFICIO, _H_2015),
    Seat("csp", "", INVITED, _H_2015, org="cps", post="Chief Crown Prosecutor", note="Vacant"),
    Seat("csp", "csm", ADVISER, _H_2012),
    Seat("csp", "hcs", ADVISER, _H_2015),
    Seat("csp", "supt", ADVISER, _H_2015),
    Seat("csp", "secretariat", ADVISER, _H_2012, note="Committee secretariat"),
    Seat("pmg", "hcs", STATUTORY, _H_SUB, CHAIR),
    Seat("pmg", "supt", STATUTORY, _H_SUB, VICE_CHAIR),
    Seat("pmg", "csm", STATUTORY, _H_SUB),
    Seat("pmg", "nps", STATUTORY, _H_SUB),
    Seat("pmg", "ccg", STATUTORY, _H_SUB),
    Seat("pmg", "analyst", ADVISER, _H_SUB),
    Seat("prevent", "prevent", STATUTORY, _H_SUB, CHAIR),
    Seat("prevent", "prevent_police", STATUTORY, _H_SUB),
    Seat("prevent", "dcs", STATUTORY, _H_SUB),
    Seat("prevent", "beh", INVITED, _H_SUB),
    Seat("prevent", "hcs", STATUTORY, _H_SUB),
    Seat("vawg", "vawg", STATUTORY, _H_SUB, CHAIR),
    Seat("vawg", "di", STATUTORY, _H_SUB),
    Seat("vawg", "ccg", STATUTORY, _H_SUB),
    Seat("vawg", "vs", INVITED, _H_SUB),
    Seat("vawg", "hfh", INVITED, _H_SUB),
    Seat("iom", "supt", STATUTORY, _H_SUB, CHAIR),
    Seat("iom", "iom", STATUTORY, _H_SUB),
    Seat("iom", "nps", STATUTORY, _H_SUB),
    Seat("iom", "crc", STATUTORY, _H_SUB),
    Seat("iom", "di", STATUTORY, _H_SUB),
)

_HARINGEY_TERMS = (
    Terms(
        "csp",
        "June 2012",
        _H_2012,
        D(2013, 6, 26),
        3,
        (LA, HEALTH, POLICE),
        voting_rules="Quorate with the chair or vice-chair and a representative each of the "
        "local authority, health and police. Co-optees vote; ex-officio members do not.",
    ),
    Terms(
        "csp",
        "Amended July 2015",
        _H_2015,
        D(2016, 7, 1),
        4,
        (LA, HEALTH, POLICE),
        voting_rules="Quorate with at least one co-chair and a representative each of the "
        "local authority, health and police. Co-optees vote; ex-officio members do not.",
    ),
    Terms("prevent", "2016", _H_SUB, D(2017, 4, 1), 3, (LA, POLICE)),
    Terms("pmg", "2016", _H_SUB, D(2017, 4, 1), 4, (LA, POLICE)),
)

HARINGEY = PartnershipSpec(
    name="Haringey Community Safety Partnership",
    slug="haringey",
    short_name="Haringey CSP",
    area_description="The London Borough of Haringey.",
    local_authority_codes=("E09000014",),
    police_force_names=("metropolitan",),
    publishes_public_pages=True,
    minute_number_prefix="HSP",
    organisations=_HARINGEY_ORGS,
    people=_HARINGEY_PEOPLE,
    bodies=_HARINGEY_BODIES,
    seats=_HARINGEY_SEATS,
    terms=_HARINGEY_TERMS,
    changes=(HolderChange("csp", "bc_old", "bc_new", D(2018, 4, 9)),),
    users={
        Role.MANAGER: "csm",
        Role.CLERK: "secretariat",
        Role.MEMBER: "cllr",
        Role.CONTRIBUTOR: "nps",
        Role.ANALYST: "analyst",
        Role.INFORMATION_GOVERNANCE: "dpo",
        Role.VIEWER: ("Grace", "Thornton"),
    },
)

# --- City of London: the Safer City Partnership (February 2021 pack) -------------------

_CITY_ORGS = (
    Org("col", "City of London Corporation", "CoL", LA, True, "https://www.cityoflondon.gov.uk/"),
    Org(
        "colp", "City of London Police", "CoLP", POLICE, True, "https://www.cityoflondon.police.uk/"
    ),
    Org("lfb", "London Fire Brigade", "LFB", Sector.FIRE, True, "https://www.london-fire.gov.uk/"),
    Org("nps", "National Probation Service", "NPS", Sector.PROBATION, True),
    Org(
        "ccg", "City and Hackney Clinical Commissioning Group", "City and Hackney CCG", HEALTH, True
    ),
    Org("btp", "British Transport Police", "BTP", POLICE),
    Org("tfl", "Transport for London", "TfL", Sector.OTHER, False, "https://tfl.gov.uk/"),
    Org("colcpa", "City of London Crime Prevention Association", "CoLCPA", Sector.BUSINESS),
    Org("vs", "Victim Support", "", Sector.VOLUNTARY, False, "https://www.victimsupport.org.uk/"),
    Org("las", "London Ambulance Service NHS Trust", "LAS", HEALTH),
    Org("cba", "Cheapside Business Alliance", "", Sector.BUSINESS),
)

_CITY_PEOPLE = (
    Individual(
        "chair",
        "Deputy",
        "Edward",
        "Carrington",
        "col",
        "Chairman of the Community and Children's Services Committee",
    ),
    Individual("deputy", "Alderman", "Sophie", "Brennan", "col", "Police Authority Board Member"),
    Individual(
        "dccs", "", "Rachel", "Summers", "col", "Director of Community and Children's Services"
    ),
    Individual(
        "dmcp", "", "Hugh", "Prentice", "col", "Director of Markets and Consumer Protection"
    ),
    Individual("ph", "Dr", "Meera", "Shah", "col", "Consultant in Public Health"),
    Individual("csm", "", "Valerie", "Lindqvist", "col", "Community Safety Manager"),
    Individual("clerk", "", "Jonathan", "Pike", "col", "Committee Clerk, Town Clerk's Department"),
    Individual("analyst", "", "Tobias", "Reid", "col", "Community Safety Analyst"),
    Individual("dpo", "", "Harriet", "Cole", "col", "Information Governance Manager"),
    Individual("commander", "Cdr", "Alistair", "Gow", "colp", "Commander of Operations"),
    Individual(
        "colp_supt",
        "Supt",
        "Lucy",
        "Arnold",
        "colp",
        "Superintendent, Communities and Partnerships",
    ),
    Individual(
        "colp_di", "DI", "Rebecca", "Shaw", "colp", "Detective Inspector, Public Protection Unit"
    ),
    Individual("lfb", "", "Tariq", "Hussain", "lfb", "Borough Commander"),
    Individual("nps", "", "Deborah", "Kell", "nps", "Head of Service, Hackney and City"),
    Individual("ccg", "", "Nicola", "Bright", "ccg", "Head of Commissioning"),
    Individual("btp", "Supt", "Mark", "Devlin", "btp", "Superintendent"),
    Individual("tfl", "", "Olivia", "Grant", "tfl", "Community Safety Manager"),
    Individual("colcpa", "", "Geoffrey", "Lane", "colcpa", "Chairman"),
    Individual("vs", "", "Amina", "Rahman", "vs", "Area Manager"),
    Individual("las", "", "Paul", "Truscott", "las", "Stakeholder Engagement Manager"),
    Individual("cba", "", "Helena", "Morgan", "cba", "Executive Director"),
)

_CITY_BODIES = (
    BodySpec(
        "scp",
        "Safer City Partnership Strategy Group",
        "SCP",
        BodyKind.BOARD,
        purpose="The Safer City Partnership's strategic board: the statutory community "
        "safety partnership for the Square Mile.",
        aliases=("Safer City Partnership Strategy Board", "Strategic Board", "Partnership Group"),
    ),
    BodySpec("ccs", "Community and Children's Services Committee", "C&CS", BodyKind.EXTERNAL),
    BodySpec("pab", "Police Authority Board", "PAB", BodyKind.EXTERNAL),
    BodySpec(
        "soc", "Serious and Organised Crime Board", "SOC Board", parent="scp", reports_to=("scp",)
    ),
    BodySpec(
        "marac",
        "Domestic Abuse Multi-Agency Risk Assessment Conference",
        "DA MARAC",
        parent="scp",
        reports_to=("scp",),
        is_case_panel=True,
        purpose="Case panel for high-risk domestic abuse. saferboard holds its terms of "
        "reference and counts, never its cases.",
    ),
    BodySpec(
        "ccm",
        "City Community MARAC",
        "CCM",
        parent="scp",
        reports_to=("scp",),
        is_case_panel=True,
        purpose="Case panel for vulnerable people at risk of harm outside the domestic "
        "abuse MARAC. saferboard holds its terms of reference and counts, never its cases.",
    ),
    BodySpec("llp", "Local Licensing Partnership", "LLP", parent="scp", reports_to=("scp",)),
    BodySpec(
        "channel",
        "Channel Panel",
        "",
        parent="scp",
        reports_to=("scp",),
        is_case_panel=True,
        purpose="Prevent case panel. saferboard holds its terms of reference and counts, "
        "never its cases.",
    ),
)

_C = D(2021, 4, 1)

_CITY_SEATS = (
    Seat("scp", "chair", STATUTORY, _C, CHAIR),
    Seat("scp", "deputy", STATUTORY, _C, DEPUTY_CHAIR),
    Seat("scp", "dccs", STATUTORY, _C),
    Seat("scp", "dmcp", STATUTORY, _C),
    Seat("scp", "ph", STATUTORY, _C),
    Seat("scp", "commander", STATUTORY, _C),
    Seat("scp", "lfb", STATUTORY, _C),
    Seat("scp", "nps", STATUTORY, _C),
    Seat("scp", "ccg", STATUTORY, _C),
    Seat("scp", "btp", INVITED, _C),
    Seat("scp", "tfl", INVITED, _C),
    Seat("scp", "colcpa", INVITED, _C),
    Seat("scp", "vs", INVITED, _C),
    Seat("scp", "las", ADDITIONAL, _C),
    Seat("scp", "cba", ADDITIONAL, _C),
    Seat("scp", "csm", ADVISER, _C),
    Seat("scp", "colp_supt", ADVISER, _C),
    Seat("scp", "clerk", ADVISER, _C, note="Committee clerk"),
    Seat("soc", "commander", STATUTORY, _C, CHAIR),
    Seat("soc", "colp_supt", STATUTORY, _C),
    Seat("soc", "dmcp", STATUTORY, _C),
    Seat("soc", "btp", INVITED, _C),
    Seat("soc", "csm", STATUTORY, _C),
    Seat("marac", "colp_di", STATUTORY, _C, CHAIR),
    Seat("marac", "dccs", STATUTORY, _C),
    Seat("marac", "nps", STATUTORY, _C),
    Seat("marac", "vs", INVITED, _C),
    Seat("ccm", "csm", STATUTORY, _C, CHAIR),
    Seat("ccm", "colp_supt", STATUTORY, _C),
    Seat("ccm", "dccs", STATUTORY, _C),
    Seat("ccm", "ph", STATUTORY, _C),
    Seat("llp", "dmcp", STATUTORY, _C, CHAIR),
    Seat("llp", "colp_supt", STATUTORY, _C),
    Seat("llp", "lfb", STATUTORY, _C),
    Seat("llp", "cba", ADDITIONAL, _C),
    Seat("channel", "dccs", STATUTORY, _C, CHAIR),
    Seat("channel", "colp_supt", STATUTORY, _C),
    Seat("channel", "ph", STATUTORY, _C),
    Seat("channel", "csm", STATUTORY, _C),
)

_CITY_TERMS = (
    Terms(
        "scp",
        "2021",
        D(2021, 2, 8),
        D(2022, 2, 8),
        4,
        (LA, HEALTH, POLICE),
        voting_rules="The Chairman of the Community and Children's Services Committee "
        "chairs, with a Police Authority Board member as deputy. Only statutory partners "
        "may invite new members.",
    ),
)

CITY_OF_LONDON = PartnershipSpec(
    name="Safer City Partnership",
    slug="city-of-london",
    short_name="Safer City Partnership",
    area_description="The City of London (the Square Mile).",
    local_authority_codes=("E09000001",),
    police_force_names=("city-of-london",),
    publishes_public_pages=True,
    minute_number_prefix="",
    organisations=_CITY_ORGS,
    people=_CITY_PEOPLE,
    bodies=_CITY_BODIES,
    seats=_CITY_SEATS,
    terms=_CITY_TERMS,
    users={
        Role.MANAGER: "csm",
        Role.CLERK: "clerk",
        Role.MEMBER: "chair",
        Role.CONTRIBUTOR: "btp",
        Role.ANALYST: "analyst",
        Role.INFORMATION_GOVERNANCE: "dpo",
        Role.VIEWER: ("Samuel", "Okoro"),
    },
)

DEMO_PARTNERSHIPS = (HARINGEY, CITY_OF_LONDON)


@dataclass(frozen=True)
class DemoLogin:
    partnership: str
    role: str
    username: str
    password: str = DEMO_PASSWORD


def demo_username(*, slug: str, role: str) -> str:
    return f"{slug}-{role}"


def demo_usernames() -> list[str]:
    """Every username the demo creates."""
    names = [
        demo_username(slug=spec.slug, role=role)
        for spec in DEMO_PARTNERSHIPS
        for role in Role.values
    ]
    return [*names, MULTI_USERNAME]


@transaction.atomic
def demo_build() -> list[str]:
    """Create whatever of the demo is missing; returns one line per partnership saying what."""
    password_hash = make_password(DEMO_PASSWORD)
    report = []
    for spec in DEMO_PARTNERSHIPS:
        partnership, people, built = _partnership_build(spec=spec)
        for role in Role.values:
            who = spec.users.get(role, ("Demo", role.replace("_", " ").title()))
            person = people.get(who) if isinstance(who, str) else None
            names = who if isinstance(who, tuple) else ("", "")
            _demo_user_ensure(
                username=demo_username(slug=spec.slug, role=role),
                partnership=partnership,
                role=role,
                password_hash=password_hash,
                person=person,
                given_name=names[0],
                family_name=names[1],
            )
        report.append(f"{spec.name}: {'built' if built else 'already present, left unchanged'}.")
    for spec in DEMO_PARTNERSHIPS:
        _demo_user_ensure(
            username=MULTI_USERNAME,
            partnership=Partnership.objects.get(slug=spec.slug),
            role=Role.MANAGER,
            password_hash=password_hash,
            person=None,
            given_name="Morgan",
            family_name="Ellis",
        )
    return report


def _partnership_build(*, spec: PartnershipSpec) -> tuple[Partnership, dict[str, Person], bool]:
    partnership = Partnership.objects.filter(slug=spec.slug).first()
    if partnership is None:
        partnership = Partnership(
            name=spec.name,
            slug=spec.slug,
            short_name=spec.short_name,
            area_description=spec.area_description,
            local_authority_codes=list(spec.local_authority_codes),
            police_force_names=list(spec.police_force_names),
            publishes_public_pages=spec.publishes_public_pages,
            minute_number_prefix=spec.minute_number_prefix,
        )
        partnership.full_clean()
        partnership.save()
    elif Body.objects.filter(partnership=partnership).exists():
        return partnership, _people_by_key(spec=spec, partnership=partnership), False

    def create(model, **fields):
        return record_create(model=model, partnership=partnership, by=None, **fields)

    orgs = {
        org.key: create(
            Organisation,
            name=org.name,
            short_name=org.short_name,
            sector=org.sector,
            is_responsible_authority=org.responsible,
            website=org.website,
        )
        for org in spec.organisations
    }
    posts: dict[tuple[str, str], Post] = {}

    def post_for(org_key: str, title: str) -> Post:
        if (org_key, title) not in posts:
            posts[(org_key, title)] = create(Post, organisation=orgs[org_key], title=title)
        return posts[(org_key, title)]

    people = {}
    for who in spec.people:
        post_for(who.org, who.post)
        people[who.key] = create(
            Person,
            title=who.title,
            given_name=who.given_name,
            family_name=who.family_name,
            email=_email(spec=spec, who=who),
        )
    individuals = {who.key: who for who in spec.people}

    bodies = {}
    for body in spec.bodies:
        bodies[body.key] = create(
            Body,
            name=body.name,
            short_name=body.short_name,
            kind=body.kind,
            parent=bodies[body.parent] if body.parent else None,
            purpose=body.purpose,
            aliases=list(body.aliases),
            is_case_panel=body.is_case_panel,
        )
    for body in spec.bodies:
        if body.reports_to:
            bodies[body.key].reports_to.set([bodies[key] for key in body.reports_to])

    seats: dict[tuple[str, str], Membership] = {}
    for seat in spec.seats:
        who = individuals.get(seat.holder)
        org_key = who.org if who else seat.org
        title = who.post if who else seat.post
        seats[(seat.body, seat.holder)] = create(
            Membership,
            body=bodies[seat.body],
            person=people.get(seat.holder),
            organisation=orgs[org_key],
            post=post_for(org_key, title),
            category=seat.category,
            role=seat.role,
            start_date=seat.start,
            end_date=seat.end,
            status_note=seat.note,
        )
    for change in spec.changes:
        membership_change_holder(
            membership=seats[(change.body, change.old)],
            person=people[change.new],
            on=change.on,
            by=None,
        )
    for terms in spec.terms:
        create(
            TermsOfReference,
            body=bodies[terms.body],
            version_label=terms.label,
            effective_date=terms.effective,
            review_date=terms.review,
            min_meetings_per_year=terms.min_meetings,
            quorum_requires_chair=True,
            quorum_sectors=list(terms.sectors),
            circulation_working_days=terms.circulation_days,
            absence_limit=terms.absence_limit,
            substitutes_may_vote=terms.substitutes_may_vote,
            voting_rules=terms.voting_rules,
        )
    return partnership, people, True


def _email(*, spec: PartnershipSpec, who: Individual) -> str:
    return f"{who.given_name}.{who.family_name}@{spec.slug}.example.org".lower()


def _people_by_key(*, spec: PartnershipSpec, partnership: Partnership) -> dict[str, Person]:
    """The demo people of an existing partnership, found by their demo e-mail addresses."""
    by_email = {p.email: p for p in Person.objects.filter(partnership=partnership)}
    found = {who.key: by_email.get(_email(spec=spec, who=who)) for who in spec.people}
    return {key: person for key, person in found.items() if person is not None}


def _demo_user_ensure(
    *,
    username: str,
    partnership: Partnership,
    role: str,
    password_hash: str,
    person: Person | None,
    given_name: str,
    family_name: str,
) -> User:
    """The demo user `username` with `role` in `partnership`; an existing user is not changed."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username,
            password=None,
            email=f"{username}@example.org",
            first_name=person.given_name if person else given_name,
            last_name=person.family_name if person else family_name,
        )
        # One hash for every demo user: hashing the shared password fifteen times is slow.
        user.password = password_hash
        user.save(update_fields=["password"])
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
    if not PartnershipRole.objects.filter(user=user, partnership=partnership, role=role).exists():
        partnership_role_grant(user=user, partnership=partnership, role=role)
    return user


@transaction.atomic
def demo_reset() -> None:
    """Delete the demo partnerships, every record and history row in them, and the demo users."""
    gone = []
    for spec in DEMO_PARTNERSHIPS:
        partnership = Partnership.objects.filter(slug=spec.slug).first()
        if partnership is not None:
            gone.append(partnership.pk)
            _partnership_records_delete(partnership=partnership)
            partnership.delete()
    User.objects.filter(username__in=demo_usernames()).delete()
    # Deleting writes history rows of its own, so the history goes last.
    for partnership_pk in gone:
        _partnership_history_delete(partnership_pk=partnership_pk)


def _partnership_records_delete(*, partnership: Partnership) -> None:
    # Records protect each other (a post protects its organisation, a sub-group its parent),
    # so delete in rounds: whatever nothing else points at goes first.
    tenant_models = [m for m in apps.get_models() if issubclass(m, TenantModel)]
    while True:
        remaining = [m for m in tenant_models if m.objects.filter(partnership=partnership).exists()]
        if not remaining:
            return
        progress = False
        for model in remaining:
            for record in model.objects.filter(partnership=partnership):
                try:
                    with transaction.atomic():
                        record.delete()
                    progress = True
                except ProtectedError:
                    continue
        if not progress:
            raise RuntimeError(f"Could not delete the records of {partnership}.")


def _is_history_model(model) -> bool:
    return model.__name__.startswith("Historical")


def _partnership_history_delete(*, partnership_pk: int) -> None:
    """Delete the history rows of a deleted partnership, and the m2m history hanging off them."""
    Partnership.history.filter(id=partnership_pk).delete()
    for model in apps.get_models():
        if not _is_history_model(model):
            continue
        if "partnership" not in {f.name for f in model._meta.get_fields()}:
            continue
        rows = model.objects.filter(partnership_id=partnership_pk)
        for dependant in apps.get_models():
            for f in dependant._meta.get_fields():
                if getattr(f, "many_to_one", False) and f.related_model is model:
                    dependant.objects.filter(**{f"{f.name}__in": rows.values("pk")}).delete()
        rows.delete()


def demo_logins() -> list[DemoLogin]:
    """The demo logins that exist, by partnership then role."""
    order = {role: n for n, role in enumerate(Role.values)}
    rows = (
        PartnershipRole.objects.filter(user__username__in=demo_usernames())
        .select_related("user", "partnership")
        .order_by("partnership__name", "user__username")
    )
    logins = [
        DemoLogin(partnership=r.partnership.name, role=r.role, username=r.user.username)
        for r in rows
    ]
    return sorted(
        logins, key=lambda x: (x.partnership, x.username == MULTI_USERNAME, order.get(x.role, 99))
    )


def demo_logins_table(*, logins: list[DemoLogin]) -> str:
    """The logins as a plain-text table, with the shared password stated once above it."""
    if not logins:
        return "There are no demo logins: run `saferboard demo` first."
    header = ("Partnership", "Role", "Username", "Password")
    rows = [(x.partnership, x.role, x.username, x.password) for x in logins]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [f"Demo logins (every demo user's password is {DEMO_PASSWORD}):", ""]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)

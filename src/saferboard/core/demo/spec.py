"""The shape of the demo data: organisations, people, bodies, seats and terms, as plain records."""

import datetime
from dataclasses import dataclass, field

from saferboard.registry.models import (
    BodyKind,
    BodyRole,
    MembershipCategory,
    Sector,
)

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

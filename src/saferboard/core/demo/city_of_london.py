"""Demo data: the City of London's Safer City Partnership (February 2021 pack)."""

from saferboard.core.demo.spec import (
    ADDITIONAL,
    ADVISER,
    CHAIR,
    DEPUTY_CHAIR,
    HEALTH,
    INVITED,
    LA,
    POLICE,
    STATUTORY,
    BodySpec,
    D,
    Individual,
    Org,
    PartnershipSpec,
    Seat,
    Terms,
)
from saferboard.core.roles import Role
from saferboard.registry.models import (
    BodyKind,
    Sector,
)

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

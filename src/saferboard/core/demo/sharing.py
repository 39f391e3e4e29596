"""The demo's information sharing: each partnership's agreements (Haringey's Crime and
Disorder Information Sharing Protocol; the City's SCP Information Sharing Agreement with its
subject-specific agreements for MARAC, community MARAC and Channel), their parties with
principal signatory roles and contacts, the data-set catalogue (the domain brief's list), a
handful of requests in different states, their decision log entries and a breach or barrier.

Everything is made through the sharing services (register, requests, incidents), so the
rules hold and the subjects' details are encrypted; only a draft request, which no service
makes (Part A is sent as it is saved), is written directly, its subject encrypted too.
Every subject is invented. Each partnership gets two more demo logins, the police and the
council SPOCs (`<slug>-police_spoc`, `<slug>-council_spoc`, role contributor); they set up
their authenticator app the first time they open a request.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.registry.models import Organisation, Person
from saferboard.sharing import crypto, incidents, register, requests
from saferboard.sharing.models import (
    AgreementKind,
    AgreementStatus,
    DataClass,
    DisclosureRequest,
    PartyStatus,
    RequestStatus,
    RequestSubject,
    SharingAgreement,
)

POLICE_SPOC, COUNCIL_SPOC = "police_spoc", "council_spoc"


@dataclass(frozen=True)
class PartySpec:
    org: str  # organisation key in the partnership spec
    signatory_role: str
    signatory: str = ""  # person keys
    spoc: str = ""
    deputy: str = ""
    liaison: str = ""
    caldicott: str = ""
    signed: bool = True


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    subject: str = ""  # set for a subject-specific agreement beneath the first one
    version: str = "1.0"
    effective: datetime.date = datetime.date(2018, 7, 25)
    purposes: str = ""
    legal_bases: tuple[str, ...] = ("cda_s115", "cda_s17", "gdpr_6_1_e", "dpa_2018")
    parties: tuple[PartySpec, ...] = ()


@dataclass(frozen=True)
class SharingSpec:
    agreements: tuple[AgreementSpec, ...]
    spocs: dict  # POLICE_SPOC / COUNCIL_SPOC -> person key of the demo login
    police: str  # organisation keys
    council: str
    catalogue: tuple[tuple[str, str, str, str, str], ...]  # org, title, class, owner, frequency


PURPOSE = (
    "To reduce crime and disorder, anti-social behaviour and substance misuse in the borough, "
    "under the Crime and Disorder Act 1998, sharing only what is necessary and proportionate."
)
P, D, N = DataClass.PERSONAL, DataClass.DEPERSONALISED, DataClass.NON_PERSONAL


def _catalogue(police: str, council: str, health: str, probation: str, fire: str) -> tuple:
    """The domain brief's data catalogue, by the partnership's organisations."""
    return (
        (police, "Crime statistics", N, "Performance manager", "Monthly"),
        (police, "Crime records (CRIS)", P, "Crime management unit", "On request"),
        (police, "Calls for service (CAD)", D, "Command and control manager", "Weekly"),
        (council, "Criminal damage and graffiti reports", D, "Street services manager", "Monthly"),
        (council, "Empty homes", N, "Housing strategy manager", "Quarterly"),
        (council, "Noise and nuisance complaints", D, "Environmental health manager", "Monthly"),
        (
            council,
            "Hate crime and domestic abuse incidents",
            D,
            "Community safety manager",
            "Quarterly",
        ),
        (council, "Rehousing and tenancy records", P, "Head of housing", "On request"),
        (council, "Licensed premises", N, "Licensing manager", "Quarterly"),
        (council, "School exclusions", D, "Head of education services", "Termly"),
        (health, "Assault attendances at A&E", D, "Public health intelligence lead", "Monthly"),
        (health, "Substance misuse treatment", N, "Commissioning manager", "Quarterly"),
        (probation, "Offender profiles", P, "Head of service", "On request"),
        (fire, "Deliberate fires", N, "Borough commander", "Monthly"),
    )


HARINGEY_SHARING = SharingSpec(
    agreements=(
        AgreementSpec(
            "Crime and Disorder Information Sharing Protocol",
            version="3.0",
            purposes=PURPOSE,
            parties=(
                PartySpec("lbh", "Chief Executive", "chief_exec", "hcs", "iom", "hcs"),
                PartySpec("mps", "Borough Commander", "bc_new", "supt", "prevent_police", "supt"),
                PartySpec("lfb", "Borough Commander", "lfb", "lfb"),
                PartySpec("nps", "Chief Probation Officer", "nps", "nps"),
                PartySpec("crc", "Assistant Chief Officer", "crc", "crc"),
                PartySpec("ccg", "Chief Executive", "ccg", "ccg", caldicott="ccg"),
                PartySpec("beh", "Caldicott Guardian", "beh", "beh", caldicott="beh"),
                PartySpec("hfh", "Managing Director", "hfh", "hfh"),
                PartySpec("brt", "Director", "brt", "brt", signed=False),
            ),
        ),
    ),
    spocs={POLICE_SPOC: "supt", COUNCIL_SPOC: "hcs"},
    police="mps",
    council="lbh",
    catalogue=_catalogue("mps", "lbh", "ccg", "nps", "lfb"),
)

CITY_SHARING = SharingSpec(
    agreements=(
        AgreementSpec(
            "SCP Information Sharing Agreement",
            version="2.0",
            effective=datetime.date(2021, 2, 1),
            purposes=PURPOSE.replace("the borough", "the Square Mile"),
            legal_bases=("cda_s115", "cda_s17", "cda_s17a", "gdpr_6_1_e", "dpa_2018"),
            parties=(
                PartySpec("col", "Town Clerk and Chief Executive", "dccs", "dccs", "dpo", "dccs"),
                PartySpec("colp", "Commissioner", "commander", "colp_supt", "colp_di", "colp_di"),
                PartySpec("lfb", "Borough Commander", "lfb", "lfb"),
                PartySpec("nps", "Head of Service", "nps", "nps"),
                PartySpec("ccg", "Accountable Officer", "ccg", "ccg", caldicott="ccg"),
                PartySpec("btp", "Superintendent", "btp", "btp"),
                PartySpec("las", "Caldicott Guardian", "las", "las", caldicott="las"),
            ),
        ),
        AgreementSpec(
            "Domestic abuse MARAC information sharing agreement",
            subject="MARAC",
            effective=datetime.date(2021, 2, 1),
            purposes="To share information about high-risk domestic abuse victims at the "
            "multi-agency risk assessment conference, to make them safer.",
            parties=(
                PartySpec("col", "Director of Community and Children's Services", "dccs", "dccs"),
                PartySpec("colp", "Commissioner", "commander", "colp_di", "colp_supt"),
                PartySpec("nps", "Head of Service", "nps", "nps"),
                PartySpec("vs", "Area Manager", "vs", "vs"),
            ),
        ),
        AgreementSpec(
            "City Community MARAC information sharing agreement",
            subject="Community MARAC",
            effective=datetime.date(2021, 2, 1),
            purposes="To share information about vulnerable people at risk from anti-social "
            "behaviour at the City Community MARAC.",
            legal_bases=("cda_s115", "asbcpa_2014", "care_act", "gdpr_6_1_e"),
            parties=(
                PartySpec("col", "Director of Community and Children's Services", "dccs", "dccs"),
                PartySpec("colp", "Commissioner", "commander", "colp_supt", "colp_di"),
                PartySpec("las", "Stakeholder Engagement Manager", "las", "las"),
            ),
        ),
        AgreementSpec(
            "Channel panel information sharing agreement",
            subject="Channel",
            effective=datetime.date(2021, 2, 1),
            purposes="To share information at the Channel panel about people vulnerable to "
            "being drawn into terrorism, under the Counter-Terrorism and Security Act 2015.",
            legal_bases=("gdpr_6_1_e", "dpa_2018", "other"),
            parties=(
                PartySpec("col", "Director of Community and Children's Services", "dccs", "dccs"),
                PartySpec("colp", "Commissioner", "commander", "colp_supt", "colp_di"),
            ),
        ),
    ),
    spocs={POLICE_SPOC: "colp_supt", COUNCIL_SPOC: "dccs"},
    police="colp",
    council="col",
    catalogue=_catalogue("colp", "col", "ccg", "nps", "lfb"),
)

SHARING_SPECS = {"haringey": HARINGEY_SHARING, "city-of-london": CITY_SHARING}

# Invented people: no real person is named in a demo request.
FICTIONAL_SUBJECTS = (
    ("Jordan Examplefield", "Flat 4, 10 Sample Road, London N99 9ZZ", datetime.date(1990, 2, 14)),
    ("Casey Fictitious", "2 Invented Mews, London EC9 9ZZ", datetime.date(1984, 11, 3)),
    ("Riley Demonstration", "77 Placeholder Street, London N99 9ZY", datetime.date(2001, 6, 30)),
    ("Sam Notreal", "5 Madeup Court, London EC9 9ZY", datetime.date(1975, 1, 9)),
)


def sharing_usernames() -> list[str]:
    """The SPOC logins the sharing demo adds, for every demo partnership."""
    return [f"{slug}-{key}" for slug in SHARING_SPECS for key in (POLICE_SPOC, COUNCIL_SPOC)]


def demo_sharing_build(
    *,
    spec: PartnershipSpec,
    partnership: Partnership,
    people: dict[str, Person],
    login: Callable[[str, Person], User],
) -> str:
    """Build the partnership's information sharing; `login(username, person)` makes a demo
    user (role contributor) linked to a registry person. Returns a phrase saying what."""
    sharing = SHARING_SPECS.get(spec.slug)
    if sharing is None:
        return "no information sharing"
    today = timezone.localdate()
    orgs = {
        org.key: Organisation.objects.get(partnership=partnership, name=org.name)
        for org in spec.organisations
    }
    manager = User.objects.get(username=f"{spec.slug}-{Role.MANAGER}")
    governance = User.objects.get(username=f"{spec.slug}-{Role.INFORMATION_GOVERNANCE}")
    spocs = {key: login(f"{spec.slug}-{key}", people[who]) for key, who in sharing.spocs.items()}
    overarching = None
    for agreement_spec in sharing.agreements:
        agreement = _agreement_build(
            partnership=partnership,
            agreement_spec=agreement_spec,
            parent=overarching,
            by=manager,
            author=people.get(sharing.spocs[COUNCIL_SPOC]),
            today=today,
        )
        overarching = overarching or agreement
        for party_spec in agreement_spec.parties:
            _party_build(
                agreement=agreement,
                party_spec=party_spec,
                organisation=orgs[party_spec.org],
                people=people,
                by=manager,
            )
    for org, title, data_class, owner, frequency in sharing.catalogue:
        register.data_set_create(
            partnership=partnership,
            by=manager,
            organisation=orgs[org],
            agreement=overarching,
            title=title,
            data_class=data_class,
            owner=owner,
            format="Spreadsheet (XLSX)" if data_class != DataClass.PERSONAL else "Secure e-mail",
            frequency=frequency,
        )
    count = _requests_build(
        partnership=partnership,
        agreement=overarching,
        police=orgs[sharing.police],
        council=orgs[sharing.council],
        police_spoc=spocs[POLICE_SPOC],
        council_spoc=spocs[COUNCIL_SPOC],
        governance=governance,
        today=today,
    )
    _incidents_build(
        partnership=partnership,
        agreement=overarching,
        organisations=[orgs[sharing.police], orgs[sharing.council]],
        by=governance,
        manager=manager,
        today=today,
    )
    return f"{len(sharing.agreements)} sharing agreements and {count} requests"


def _agreement_build(
    *, partnership, agreement_spec: AgreementSpec, parent, by, author, today
) -> SharingAgreement:
    agreement = register.agreement_create(
        partnership=partnership,
        by=by,
        title=agreement_spec.title,
        kind=AgreementKind.SUBJECT_SPECIFIC
        if agreement_spec.subject
        else AgreementKind.OVERARCHING,
        parent=parent if agreement_spec.subject else None,
        subject=agreement_spec.subject,
        version_label=agreement_spec.version,
        author=str(author) if author else "",
        purposes=agreement_spec.purposes,
        legal_bases=list(agreement_spec.legal_bases),
        circulation="Signatories' SPOCs and information governance leads",
        review_owner=author,
    )
    register.agreement_revision_add(
        agreement=agreement,
        by=by,
        on=agreement_spec.effective,
        version_label=agreement_spec.version,
        comments="Approved by the partnership board.",
    )
    register.agreement_status_change(
        agreement=agreement,
        by=by,
        expected_version=None,
        status=AgreementStatus.APPROVED,
        effective_on=agreement_spec.effective,
        # Reviewed yearly: the next review falls a few months from now, so reminders show.
        review_on=today + datetime.timedelta(days=75),
    )
    return agreement


def _party_build(*, agreement, party_spec: PartySpec, organisation, people, by) -> None:
    def person(key: str) -> Person | None:
        return people.get(key) if key else None

    effective = agreement.effective_on
    party = register.party_add(
        agreement=agreement,
        by=by,
        organisation=organisation,
        principal_signatory_role=party_spec.signatory_role,
        on=effective - datetime.timedelta(days=60),
        signatory=person(party_spec.signatory),
        spoc=person(party_spec.spoc),
        deputy_spoc=person(party_spec.deputy),
        liaison_officer=person(party_spec.liaison),
        caldicott_guardian=person(party_spec.caldicott),
    )
    register.party_step(
        party=party,
        by=by,
        expected_version=None,
        status=PartyStatus.ENDORSED,
        on=effective - datetime.timedelta(days=30),
        note=f"Endorsed by the {party_spec.signatory_role}.",
    )
    if party_spec.signed:
        register.party_step(
            party=party, by=by, expected_version=None, status=PartyStatus.SIGNED, on=effective
        )


def _subject(number: int, role: str) -> requests.SubjectDetails:
    name, address, born = FICTIONAL_SUBJECTS[number]
    return requests.SubjectDetails(role=role, name=name, address=address, date_of_birth=born)


def _requests_build(
    *, partnership, agreement, police, council, police_spoc, council_spoc, governance, today
) -> int:
    parties = {p.organisation_id: p for p in agreement.parties.all()}
    police_party, council_party = parties[police.pk], parties[council.pk]
    roles = frozenset({Role.CONTRIBUTOR})

    def ask(by, requesting, disclosing, subject, what, why, **more) -> DisclosureRequest:
        return requests.request_create(
            partnership=partnership,
            by=by,
            roles=roles,
            requesting_party=requesting,
            disclosing_party=disclosing,
            requester_name=by.get_full_name(),
            requester_job_title="Single point of contact",
            information_requested=what,
            purpose=why,
            subjects=[subject],
            legal_bases=["cda_s115", "gdpr_6_1_e"],
            consent_obtained=more.pop("consent", False),
            public_interest_reason=more.pop(
                "public_interest", "Preventing crime and protecting a vulnerable person."
            ),
            **more,
        )

    # Sent, waiting for the council's answer.
    ask(
        police_spoc,
        police_party,
        council_party,
        _subject(0, "suspect"),
        "Tenancy details and anti-social behaviour complaints for one address.",
        "Repeated reports of drug dealing from the address; planning a closure order.",
        needed_by=today + datetime.timedelta(days=10),
    )
    # Disclosed: the police asked, the council answered.
    disclosed = ask(
        police_spoc,
        police_party,
        council_party,
        _subject(1, "victim"),
        "Whether the council has safeguarding concerns recorded for one resident.",
        "Risk assessment after a domestic abuse incident.",
        consent=True,
        public_interest="",
    )
    requests.request_answer(
        request=disclosed,
        by=council_spoc,
        expected_version=None,
        received_on=today - datetime.timedelta(days=1),
        disclosure_agreed=True,
        reasons="Necessary and proportionate for the risk assessment; consent given.",
        information_summary="Safeguarding history held by adult social care.",
        information_type="Safeguarding records",
        authorised_by="The person concerned (consent form attached)",
        information_disclosed="Two safeguarding referrals in the last year (demo text).",
        disclosed_by_name=council_spoc.get_full_name(),
        disclosed_by_job_title="Single point of contact",
        disclosed_to_name=police_spoc.get_full_name(),
        delivery_method="secure_email",
        supplied_on=today,
    )
    # Declined: the council asked, the police said no.
    declined = ask(
        council_spoc,
        council_party,
        police_party,
        _subject(2, "witness"),
        "Any police intelligence about one witness in a noise nuisance case.",
        "To decide whether to take enforcement action.",
    )
    requests.request_answer(
        request=declined,
        by=police_spoc,
        expected_version=None,
        received_on=today,
        disclosure_agreed=False,
        reasons="Not necessary: the council can act on its own evidence.",
        information_summary="Police intelligence about a witness.",
        information_type="Police intelligence",
        authorised_by=police_spoc.get_full_name(),
        subject_told="no",
        not_told_reason="Nothing was shared.",
    )
    # Past its destruction date: `saferboard retention` will destroy its personal details.
    expired = ask(
        police_spoc,
        police_party,
        council_party,
        _subject(3, "offender"),
        "Current address held by housing for one person.",
        "To serve a court summons.",
    )
    requests.request_destroy_on_change(
        request=expired,
        by=governance,
        roles=frozenset({Role.INFORMATION_GOVERNANCE}),
        destroy_on=today - datetime.timedelta(days=1),
        expected_version=None,
    )
    _draft_build(
        partnership=partnership,
        agreement=agreement,
        requesting=council_party,
        disclosing=police_party,
        by=council_spoc,
        today=today,
    )
    return 5


def _draft_build(*, partnership, agreement, requesting, disclosing, by, today) -> None:
    """A request still being written (no service makes drafts: Part A is sent when saved)."""
    draft = DisclosureRequest(
        partnership=partnership,
        agreement=agreement,
        reference=requests.reference_next(partnership=partnership, year=today.year),
        requesting_party=requesting,
        disclosing_party=disclosing,
        status=RequestStatus.DRAFT,
        requester=by,
        requester_name=by.get_full_name(),
        requester_job_title="Single point of contact",
        information_requested="Reports of anti-social behaviour near one address (draft).",
        purpose="Preparing a community trigger review.",
        consent_obtained=True,
        legal_bases=["cda_s115"],
        destroy_on=requests.default_destroy_on(today),
    )
    draft.full_clean()
    draft.save()
    RequestSubject.objects.create(
        partnership=partnership,
        request=draft,
        role="victim",
        name_encrypted=crypto.encrypt("Alex Imaginary"),
        address_encrypted=crypto.encrypt("9 Nowhere Lane, London N99 9ZX"),
    )


def _incidents_build(*, partnership, agreement, organisations, by, manager, today) -> None:
    breach = incidents.incident_log(
        partnership=partnership,
        by=by,
        kind="breach",
        agreement=agreement,
        organisations=organisations,
        reported_on=today - datetime.timedelta(days=40),
        summary="A disclosure was sent by ordinary e-mail instead of secure e-mail.",
        reported_to_ico=False,
    )
    incidents.incident_escalate(
        incident=breach,
        by=manager,
        level=2,
        on=today - datetime.timedelta(days=30),
        note="Raised with the directors: the same team did it twice.",
    )
    barrier = incidents.incident_log(
        partnership=partnership,
        by=by,
        kind="barrier",
        agreement=agreement,
        organisations=organisations[:1],
        reported_on=today - datetime.timedelta(days=90),
        summary="Requests went unanswered while the SPOC post was vacant.",
    )
    incidents.incident_resolve(
        incident=barrier,
        by=manager,
        resolved_on=today - datetime.timedelta(days=70),
        resolution="A deputy SPOC was named and the backlog answered.",
    )

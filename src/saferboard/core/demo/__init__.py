"""The demo: two partnerships modelled on the seed packs, and a login for every role.

`saferboard demo` calls `demo_build`: the Haringey Community Safety Partnership
(from the 2012 and 2018 Haringey packs) and the City of London's Safer City
Partnership, each with organisations, posts, people, bodies, seats and terms of
reference, plus one user per role per partnership and `demo-multi`, a manager
of both, and (core/demo/performance.py) a strategy, indicators with two years of
quarterly returns and a delivery plan, and (core/demo/crime.py, the City only) its
24 real months of police.uk crime data with an indicator filled from them, and
(core/demo/sharing.py) information sharing: agreements, parties, the catalogue, a few
requests with invented subjects, a breach and a barrier, and two SPOC logins per
partnership, and (core/demo/funding.py, the City only, after its meetings) a POCA grant fund
with a year of bids in every stage, an award with tranches and its monitoring, and
(core/demo/assurance.py) a Section 11-style self-assessment with partners' returns, some
submitted and updated, one challenged. Organisation
names and post titles are real; people are invented.

Building is idempotent: a partnership that already has bodies is left alone,
and users and roles that exist are not touched. `demo_reset` deletes the demo
partnerships, everything in them (history included) and the demo users.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError
from django.test.utils import override_settings

from saferboard.core.demo.assurance import demo_assurance_build
from saferboard.core.demo.city_of_london import CITY_OF_LONDON
from saferboard.core.demo.crime import demo_crime_build
from saferboard.core.demo.funding import demo_funding_build
from saferboard.core.demo.haringey import HARINGEY
from saferboard.core.demo.meetings import demo_meetings_build
from saferboard.core.demo.performance import demo_performance_build
from saferboard.core.demo.sharing import demo_sharing_build, sharing_usernames
from saferboard.core.demo.spec import (
    DEMO_PASSWORD,
    MULTI_USERNAME,
    Individual,
    PartnershipSpec,
)
from saferboard.core.models import Partnership, PartnershipRole, TenantModel, User
from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant, record_create, user_create
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)
from saferboard.registry.services import membership_change_holder

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
    return [*names, *sharing_usernames(), MULTI_USERNAME]


def demo_build(
    *, meetings: bool = True, performance: bool | None = None, assurance: bool | None = None
) -> list[str]:
    """Create whatever of the demo is missing; returns one line per partnership saying what.

    `performance` (by default, as `meetings`) adds the strategy, indicators, returns and
    delivery plan; without both, the demo is only the registry and the logins.
    `assurance` (by default, as `meetings`) adds the partner assurance framework and returns.

    The demo's meetings are made through the real services, which e-mail members when
    an agenda is published or minutes approved; nobody is e-mailed about demo meetings.
    """
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _demo_build(
            meetings=meetings,
            performance=meetings if performance is None else performance,
            assurance=meetings if assurance is None else assurance,
        )


@transaction.atomic
def _demo_build(*, meetings: bool, performance: bool, assurance: bool) -> list[str]:
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
        plans = "no indicators or plans"
        if built:
            sharing = demo_sharing_build(
                spec=spec,
                partnership=partnership,
                people=people,
                login=lambda username, person, partnership=partnership: _demo_user_ensure(
                    username=username,
                    partnership=partnership,
                    role=Role.CONTRIBUTOR,
                    password_hash=password_hash,
                    person=person,
                    given_name="",
                    family_name="",
                ),
            )
            plans = f"{sharing}, {plans}"
        if built and performance:
            indicators, key_actions = demo_performance_build(
                spec=spec, partnership=partnership, people=people
            )
            plans = f"{indicators} indicators and {key_actions} key actions"
            if months := demo_crime_build(spec=spec, partnership=partnership):
                plans += f", {months} months of police.uk crime data"
        if built and meetings:
            count = demo_meetings_build(spec=spec, people=people)
            report.append(f"{spec.name}: built, with {count} meetings, {plans}.")
        elif built:
            report.append(f"{spec.name}: built, without meetings, with {plans}.")
        else:
            report.append(f"{spec.name}: already present, left unchanged.")
        if built and (funding := demo_funding_build(spec=spec, partnership=partnership)):
            report[-1] = f"{report[-1].removesuffix('.')}, {funding}."
        if (
            built
            and assurance
            and (audit := demo_assurance_build(spec=spec, partnership=partnership))
        ):
            report[-1] = f"{report[-1].removesuffix('.')}, {audit}."
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

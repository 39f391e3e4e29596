"""Every URL of the project, tried by another partnership's manager and by an anonymous visitor.

The walk reads the URL patterns themselves (pages, API with its format suffixes,
admin), so a URL added later is tried without anyone editing this file. A route
with an object in its address must resolve to a model this test can find an
object of in partnership A; if it cannot, the test fails and says what to teach it.
"""

import dataclasses
import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from django.views.generic import TemplateView
from rest_framework.views import APIView

from saferboard.core.models import Partnership, TenantModel
from saferboard.funding import ledger as funding_ledger
from saferboard.funding import models as funding_models
from saferboard.registry.models import Body, MembershipCategory, Sector
from saferboard.sharing.models import AgreementRevision
from tests import factories
from tests.assurance.conftest import framework_build
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    ActionUpdateFactory,
    AgendaItemFactory,
    AgendaSectionFactory,
    AreaFactory,
    AttendanceFactory,
    BodyFactory,
    ComparatorFactory,
    CriterionFactory,
    DataSetFactory,
    DeclarationFactory,
    DeliveryPlanFactory,
    EligibilityRuleFactory,
    ForwardPlanEntryFactory,
    FundFactory,
    InAttendanceFactory,
    IncidentFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    KeyActionFactory,
    KeyActionUpdateFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PackFactory,
    PaperFactory,
    PartyFactory,
    PersonFactory,
    PlanReportFactory,
    PostFactory,
    PriorityFactory,
    ResolutionFactory,
    SharingAgreementFactory,
    StandingItemFactory,
    StrategyFactory,
    SubAreaFactory,
    TermsOfReferenceFactory,
)

# Anyone may open these; they are still checked for partnership A's data.
PUBLIC_ROUTES = frozenset(
    {
        "home",
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "public-index",
        "public-partnership",
        "public-body",
        "public-decisions",
        "public-body-feed",
        "public-meeting",
        "public-minutes",
        "public-paper",
        "public-pack",
        "api-schema",
        "api-docs",
        "admin:login",
        "admin:logout",
    }
)
# Address parts that name an object of the route's own model.
OBJECT_KWARGS = frozenset({"pk", "id", "object_id"})
# Text that appears only in partnership A's records: B's responses must never contain it.
MARKERS = (
    "Haringey Community Safety Partnership",
    "Alphaboard",
    "Alphaorg",
    "Alphaperson",
    "Alphapost",
    "Alphaseat",
    "Alphaterms",
    "Alphameeting",
    "Alphaaction",
)
# Formats DRF offers by suffix: JSON and the browsable API, which renders forms with choices.
FORMATS = ("json", "api")


@dataclasses.dataclass(frozen=True)
class Route:
    patterns: tuple  # the pattern objects from the root down to this route
    name: str  # namespaced, or "<unnamed>"
    callback: object

    @property
    def text(self) -> str:
        return "".join(str(pattern) for pattern in self.patterns)

    @property
    def kwargs(self) -> list[str]:
        return [name for pattern in self.patterns for name in pattern.regex.groupindex]

    @property
    def kind(self) -> str:
        if self.name.startswith("admin:") or self.text.startswith("admin/"):
            return "admin"
        cls = getattr(self.callback, "cls", None)
        if isinstance(cls, type) and issubclass(cls, APIView):
            return "api"
        return "page"

    @property
    def is_public(self) -> bool:
        return self.name in PUBLIC_ROUTES

    def __str__(self) -> str:
        return f"{self.name} ({self.text})"


def walk(resolver: URLResolver, patterns: tuple = (), namespaces: tuple = ()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            more = (entry.namespace,) if entry.namespace else ()
            yield from walk(entry, (*patterns, entry.pattern), (*namespaces, *more))
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else "<unnamed>"
            yield Route((*patterns, entry.pattern), name, entry.callback)


def route_model(route: Route, user):
    """The model a route's object kwarg refers to, read from its view class."""
    view_class = getattr(route.callback, "view_class", None)
    if view_class is not None and getattr(view_class, "model", None) is not None:
        return view_class.model
    cls = getattr(route.callback, "cls", None)
    if cls is not None:
        queryset = getattr(cls, "queryset", None)
        if queryset is not None:
            return queryset.model
        view = cls()
        view.request = RequestFactory().get("/")
        view.request.user = user
        view.kwargs, view.args, view.format_kwarg = {}, (), None
        view.action = "retrieve"
        try:
            return view.get_queryset().model
        except Exception:  # noqa: BLE001 - reported as unresolvable below
            return None
    return None


def object_kwargs(route: Route) -> set[str]:
    cls = getattr(route.callback, "cls", None)
    names = set(OBJECT_KWARGS)
    if cls is not None:
        names.add(getattr(cls, "lookup_url_kwarg", None) or getattr(cls, "lookup_field", "pk"))
    return names & set(route.kwargs)


def lookup_value(route: Route, record) -> str:
    cls = getattr(route.callback, "cls", None)
    field = getattr(cls, "lookup_field", "pk") if cls is not None else "pk"
    return str(getattr(record, field))


def fill(route: Route, values: dict[str, str]) -> str:
    """The address of `route` with `values` in its placeholders."""
    parts = []
    for pattern in route.patterns:
        if isinstance(pattern, RoutePattern):
            text = str(pattern)
            for name, converter in pattern.converters.items():
                text = re.sub(rf"<(?:[^>:]+:)?{name}>", converter.to_url(values[name]), text)
        else:
            text = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
            text = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: values[m[1]], text)
            text = re.sub(r"\([^()]*\)", "1", text)
            text = text.replace("/?", "/").replace("\\.", ".")
        parts.append(text)
    return "/" + "".join(parts)


@dataclasses.dataclass
class Plan:
    """The addresses to try for one route, and anything this test cannot work out."""

    route: Route
    foreign: list[str] = dataclasses.field(default_factory=list)  # A's objects via A's slug
    crossed: list[str] = dataclasses.field(default_factory=list)  # B's slug, A's object
    own: list[str] = dataclasses.field(default_factory=list)  # B's own list pages etc.
    problem: str = ""


def plan_route(route: Route, *, a_objects: dict, a: Partnership, b: Partnership, user) -> Plan:
    plan = Plan(route)
    if route.kind == "admin":
        values = {name: "1" for name in route.kwargs} | {"app_label": "registry", "url": "x/"}
        plan.foreign.append(fill(route, values))
        return plan
    object_names = object_kwargs(route)
    unknown = set(route.kwargs) - object_names - {"partnership", "format"}
    if unknown and not route.is_public:
        plan.problem = (
            f"{route}: cannot fill {sorted(unknown)}; teach test_isolation.py "
            "which partnership-A object they name."
        )
        return plan
    values = dict.fromkeys(unknown, "x")
    if object_names:
        model = route_model(route, user)
        if model is None:
            plan.problem = (
                f"{route}: cannot tell which model {sorted(object_names)} refers "
                "to; give the view a `model` (pages) or `queryset` (API)."
            )
            return plan
        record = a_objects.get(model)
        if record is None:
            plan.problem = (
                f"{route}: no {model.__name__} of partnership A to try; add one "
                "with a factory in the `a_objects` fixture."
            )
            return plan
        values |= dict.fromkeys(object_names, lookup_value(route, record))
    formats = FORMATS if "format" in route.kwargs else ("",)
    for suffix in formats:
        values["format"] = suffix
        if "partnership" in route.kwargs:
            plan.foreign.append(fill(route, values | {"partnership": a.slug}))
            target = plan.crossed if object_names else plan.own
            target.append(fill(route, values | {"partnership": b.slug}))
        elif object_names:
            plan.foreign.append(fill(route, values))
        else:
            plan.own.append(fill(route, values))
    for address in plan.foreign + plan.crossed + plan.own:
        match = resolve(urlsplit(address).path)
        if match.func is not route.callback or set(match.kwargs) != set(route.kwargs):
            plan.problem = f"{route}: filled in as {address}, which opens {match.route} instead."
    return plan


def archive_objects(a, board) -> tuple:
    """A batch of partnership A with one file read into it (the archive import pages)."""
    from saferboard.archive.models import ImportBatch, ImportFile

    batch = ImportBatch.objects.create(partnership=a, body=board, file_count=1)
    import_file = ImportFile.objects.create(
        partnership=a,
        batch=batch,
        body=board,
        original_name="alphaboard-minutes.txt",
        sha256="a" * 64,
        size=10,
        original="archive/alphaboard-minutes.txt",
        source_text="Alphaboard minutes",
        found={"schema": "saferboard.import/1", "meetings": [], "action_log": [], "warnings": []},
    )
    return (batch, import_file)


def monitoring_objects(a) -> tuple:
    """An award of partnership A with a tranche, a milestone, a report and a variation."""
    on = datetime.date(2020, 12, 10)
    fund = factories.FundFactory(partnership=a, name="Alphaboard grants", reference_prefix="ALPHM")
    applicant = factories.ApplicantFactory(partnership=a, name="Alphagrantee Trust")
    bid = factories.BidFactory(
        partnership=a,
        fund=fund,
        applicant=applicant,
        project_title="Alphaproject outreach",
        stage=funding_models.Stage.DECISION,
    )
    decision = funding_models.Decision.objects.create(
        partnership=a, bid=bid, outcome=funding_models.Outcome.APPROVED, decided_on=on
    )
    award = funding_models.Award.objects.create(
        partnership=a,
        decision=decision,
        bid=bid,
        fund=fund,
        total=10000,
        starts_on=on,
        ends_on=on.replace(year=2022),
    )
    return (
        applicant,
        bid,
        decision,
        award,
        funding_models.Tranche.objects.create(
            partnership=a, award=award, number=1, amount=10000, due_on=on
        ),
        funding_models.Milestone.objects.create(
            partnership=a, award=award, title="Alphamilestone sessions", due_on=on
        ),
        funding_models.MonitoringReport.objects.create(
            partnership=a,
            award=award,
            kind=funding_models.ReportKind.PROGRESS,
            due_on=on,
            narrative="Alphanarrative",
        ),
        funding_models.Variation.objects.create(
            partnership=a,
            award=award,
            kind=funding_models.VariationKind.CHANGE_OF_USE,
            description="Alphavariation van",
            requested_on=on,
        ),
    )


def return_objects(a, organisation, board) -> tuple:
    """An open assurance framework of partnership A, a variant, and a return to it with an
    evidence file."""
    from saferboard.assurance import models as assurance

    framework = framework_build(a, body=board, name="Alphaboard Prevent duty")
    section = framework.sections.first()
    standard = section.standards.first()
    assurance_return = assurance.AssuranceReturn.objects.create(
        partnership=a,
        framework=framework,
        organisation=organisation,
        due_date=datetime.date(2025, 9, 30),
    )
    answer = assurance.Answer.objects.create(
        partnership=a, assurance_return=assurance_return, standard=standard
    )
    evidence = assurance.Evidence.objects.create(
        partnership=a,
        answer=answer,
        title="Alphaboard policy",
        file="assurance/evidence/alphaboard-policy.pdf",
        original_name="alphaboard-policy.pdf",
    )
    variant = assurance.Variant.objects.create(
        partnership=a, framework=framework, name="Alphaboard small organisations"
    )
    return (framework, section, standard, variant, assurance_return, evidence)


def submission_objects(a, organisation) -> tuple:
    """A submitted assurance return of partnership A with a rating and a challenge on it."""
    from saferboard.assurance import models as assurance

    framework = framework_build(a, name="Alphaboard Section 11 audit")
    standard = assurance.Standard.objects.filter(section__framework=framework).first()
    assurance_return = assurance.AssuranceReturn.objects.create(
        partnership=a,
        framework=framework,
        organisation=organisation,
        due_date=datetime.date(2025, 9, 30),
    )
    submission = assurance.Submission.objects.create(
        partnership=a,
        assurance_return=assurance_return,
        number=1,
        submitted_at=datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC),
    )
    rating = assurance.SubmittedRating.objects.create(
        partnership=a,
        submission=submission,
        standard=standard,
        level=standard.scale.levels.get(code="partly"),
        comment="Alphaboard comment",
    )
    challenge = assurance.Challenge.objects.create(
        partnership=a, rating=rating, kind="challenge", note="Alphaboard challenge"
    )
    return (submission, rating, challenge)


def request_objects(a, organisation) -> tuple:
    """A request for information between two signed parties of partnership A. Requests are
    404 even to A's own manager; here another partnership's manager must get 404 too."""
    from saferboard.sharing.models import DisclosureRequest, PartyStatus
    from tests import factories as made

    protocol = made.SharingAgreementFactory(partnership=a, title="Alphaboard request protocol")
    requesting, disclosing = (
        made.PartyFactory(
            partnership=a,
            agreement=protocol,
            organisation=OrganisationFactory(partnership=a, name=name),
            status=PartyStatus.SIGNED,
        )
        for name in ("Alphaorg Police", "Alphaorg Housing")
    )
    request = DisclosureRequest.objects.create(
        partnership=a,
        agreement=protocol,
        reference="ISR-2025-001",
        requesting_party=requesting,
        disclosing_party=disclosing,
        requester_name="Alphaperson Requester",
        requester_job_title="Alphapost constable",
        information_requested="Alphaboard tenancy records",
        purpose="Alphaboard case conference",
        consent_obtained=True,
        destroy_on=datetime.date(2030, 1, 1),
    )
    return (request,)


@pytest.fixture
def a_objects(partnership_a) -> dict:
    """One record of every registry model in partnership A, named so that leaks show."""
    a = partnership_a
    board = BodyFactory(
        partnership=a, name="Alphaboard Community Safety Partnership Board", short_name="Alphaboard"
    )
    organisation = OrganisationFactory(
        partnership=a, name="Alphaorg Borough Council", sector=Sector.LOCAL_AUTHORITY
    )
    person = PersonFactory(partnership=a, given_name="Alphaperson", family_name="Zed")
    post = PostFactory(partnership=a, organisation=organisation, title="Alphapost Director")
    membership = MembershipFactory(
        partnership=a,
        body=board,
        organisation=organisation,
        person=person,
        post=post,
        status_note="Alphaseat interim",
        category=MembershipCategory.STATUTORY,
    )
    terms = TermsOfReferenceFactory(partnership=a, body=board, version_label="Alphaterms v1")
    meeting = MeetingFactory(partnership=a, bodies=[board], title="Alphameeting annual meeting")
    attendance = AttendanceFactory(partnership=a, meeting=meeting, membership=membership)
    section = AgendaSectionFactory(partnership=a, meeting=meeting, title="Alphasection")
    item = AgendaItemFactory(
        partnership=a, meeting=meeting, section=section, title="Alphaitem report"
    )
    meeting_records = (
        section,
        item,
        StandingItemFactory(partnership=a, body=board, title="Alphastanding item"),
        ForwardPlanEntryFactory(partnership=a, body=board, title="Alphaplan entry"),
        PaperFactory(partnership=a, item=item, title="Alphapaper"),
        PackFactory(partnership=a, meeting=meeting),
        InAttendanceFactory(partnership=a, meeting=meeting, name="Alphaguest Officer"),
        DeclarationFactory(partnership=a, item=item, membership=membership, nature="Alphainterest"),
        ResolutionFactory(partnership=a, item=item, text="Alpharesolution agreed"),
    )
    action = ActionFactory(
        partnership=a, meeting=meeting, agenda_item=item, text="Alphaaction circulate report"
    )
    action_records = (
        action,
        ActionOwnerFactory(partnership=a, action=action, organisation=organisation),
        ActionUpdateFactory(partnership=a, action=action, note="Alphaupdate sent"),
    )
    indicator = IndicatorFactory(partnership=a, code="ALPHA 1", name="Alphaindicator burglary")
    performance_records = (
        indicator,
        IndicatorValueFactory(partnership=a, indicator=indicator, commentary="Alphacommentary"),
        ComparatorFactory(partnership=a, indicator=indicator, name="Alphacomparator average"),
    )
    strategy = StrategyFactory(partnership=a, name="Alphaboard community safety strategy")
    priority = PriorityFactory(partnership=a, strategy=strategy, title="Alphaaction priority")
    plan = DeliveryPlanFactory(partnership=a, strategy=strategy, name="Alphaboard delivery plan")
    key_action = KeyActionFactory(
        partnership=a, plan=plan, priority=priority, title="Alphaaction key action"
    )
    key_action.lead_organisations.add(organisation)
    plan_records = (
        strategy,
        priority,
        plan,
        key_action,
        KeyActionUpdateFactory(partnership=a, key_action=key_action, note="Alphaaction update"),
        PlanReportFactory(partnership=a, plan=plan, reported_to="Alphaboard"),
    )
    crime_area = AreaFactory(partnership=a, name="Alphaboard borough", slug="alphaboard")
    crime_records = (
        crime_area,
        SubAreaFactory(partnership=a, area=crime_area, name="Alphaboard ward", slug="alpha-ward"),
    )
    alphafund = FundFactory(partnership=a, name="Alphaboard POCA fund", reference_prefix="ALPHA")
    funding_records = (
        alphafund,
        EligibilityRuleFactory(partnership=a, fund=alphafund, wording="Alphaboard requirement"),
        CriterionFactory(partnership=a, fund=alphafund, title="Alphaboard criterion"),
        funding_ledger.income_add(
            fund=alphafund, amount=1000, on=datetime.date(2020, 4, 1), by=None, note="Alphaboard"
        ),
    )
    bid_records = (
        funding_models.BidDocument.objects.create(
            partnership=a,
            bid=factories.BidFactory(
                partnership=a,
                fund=alphafund,
                applicant=factories.ApplicantFactory(partnership=a, name="Alphaboard applicant"),
                project_title="Alphaboard bid",
            ),
            kind=funding_models.DocumentKind.BUDGET,
            title="Alphaboard budget",
            file="funding/alphaboard-budget.pdf",
            file_name="alphaboard-budget.pdf",
        ),
    )
    incident = IncidentFactory(partnership=a, summary="Alphaboard referral sent astray")
    incident.organisations.add(organisation)
    sharing_records = (incident,)
    archive_records = archive_objects(a, board)
    agreement = SharingAgreementFactory(
        partnership=a, title="Alphaboard information sharing protocol"
    )
    register_records = (
        agreement,
        PartyFactory(partnership=a, agreement=agreement, organisation=organisation),
        DataSetFactory(partnership=a, organisation=organisation, title="Alphaboard data set"),
        AgreementRevision.objects.create(
            partnership=a,
            agreement=agreement,
            on=datetime.date(2025, 4, 1),
            version_label="1.0",
            comments="Alphaboard first issue",
        ),
    )
    objects = {Partnership: a}
    for record in (board, organisation, person, post, membership, terms, meeting, attendance):
        objects[type(record)] = record
    for record in (
        *meeting_records,
        *archive_records,
        *action_records,
        *performance_records,
        *plan_records,
        *crime_records,
        *register_records,
        *sharing_records,
        *request_objects(a, organisation),
        *monitoring_objects(a),
        *funding_records,
        *bid_records,
        *return_objects(a, organisation, board),
        *submission_objects(a, organisation),
    ):
        objects[type(record)] = record
    return objects


@pytest.fixture(autouse=True)
def _b_publishes(partnership_b):
    """B publishes public pages, so A's records tried under B's public address must be 404."""
    partnership_b.publishes_public_pages = True
    partnership_b.save()


@pytest.fixture
def routes() -> list[Route]:
    return list(walk(get_resolver()))


@pytest.fixture
def plans(routes, a_objects, partnership_a, partnership_b, manager_b) -> list[Plan]:
    return [
        plan_route(route, a_objects=a_objects, a=partnership_a, b=partnership_b, user=manager_b)
        for route in routes
    ]


def database_state() -> dict:
    """Row counts of every table, and each versioned record's version: any write shows.

    Sign-in bookkeeping (sessions, lockout counters, admin log) is left out.
    """
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "axes", "admin"}:
            continue
        state[model._meta.label] = model._default_manager.count()
        if issubclass(model, TenantModel):
            state[f"{model._meta.label} versions"] = sorted(
                model._default_manager.values_list("pk", "version")
            )
    return state


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def leaks(response, partnership_a) -> list[str]:
    text = body_of(response)
    found = [marker for marker in MARKERS if marker in text]
    if urlsplit(response.get("Location", "")).path.startswith(f"/p/{partnership_a.slug}/"):
        found.append(f"redirect into {response['Location']}")
    return found


def intruder_payload(a_objects: dict) -> dict:
    """What an intruder would send: A's slug and A's records in every field they might take."""
    payload = {
        "partnership": a_objects[Partnership].slug,
        "name": "Intruder",
        "title": "Intruder",
        "given_name": "In",
        "family_name": "Truder",
        "sector": "other",
        "category": "statutory",
        "start_date": "2024-01-01",
        "on_day": "1",
        "on_month": "6",
        "on_year": "2025",
        "version": "1",
        "version_label": "Intruder",
        "effective_date": "2024-01-01",
    }
    for model, record in a_objects.items():
        if model is not Partnership:
            payload[model._meta.model_name] = str(record.pk)
    board = a_objects[Body]
    payload |= {"parent": str(board.pk), "deputy_of": payload["membership"]}
    return payload


def test_every_route_can_be_tried(plans, routes):
    problems = [plan.problem for plan in plans if plan.problem]

    assert not problems, "\n".join(problems)
    names = {route.name for route in routes}
    # The walk reaches pages, API routes (with format suffixes) and the admin.
    assert {
        "registry:body-detail",
        "registry:membership-change-holder",
        "body-detail",
        "membership-list",
        "api-root",
        "admin:index",
    } <= names
    api_texts = [route.text for route in routes if route.name == "body-detail"]
    assert any("format" in text for text in api_texts) and len(api_texts) == 2


def test_another_partnerships_manager_gets_404_for_everything_of_partnership_a(
    plans, a_objects, partnership_a, manager_b
):
    client = Client()
    failures = []
    payload = intruder_payload(a_objects)
    at_start = database_state()

    def check(method: str, address: str, expected: set[int] | None, kind: str):
        client.force_login(manager_b)  # a logout route may have signed B out
        before = database_state()
        if kind == "api" and method in {"put", "patch", "post"}:
            response = getattr(client, method)(
                address, json.dumps(payload), content_type="application/json"
            )
        elif method == "post":
            response = client.post(address, payload)
        else:
            response = client.get(address)
        if expected is not None and response.status_code not in expected:
            failures.append(
                f"{method.upper()} {address}: {response.status_code}, expected {sorted(expected)}"
            )
        found = leaks(response, partnership_a)
        if found:
            failures.append(f"{method.upper()} {address}: shows {found}")
        if database_state() != before:
            failures.append(f"{method.upper()} {address}: wrote to the database")

    for plan in plans:
        route = plan.route
        if route.kind == "admin":
            # B is no superuser: every admin page sends them to the admin's own sign-in.
            for address in plan.foreign:
                if route.is_public:
                    check("get", address, None, route.kind)
                    continue
                client.force_login(manager_b)
                response = client.get(address)
                if not (
                    response.status_code == 302 and response["Location"].startswith("/admin/login/")
                ):
                    failures.append(
                        f"GET {address}: {response.status_code}, expected a "
                        "redirect to the admin sign-in"
                    )
            continue
        methods = ("get", "put", "patch", "post") if route.kind == "api" else ("get", "post")
        for address in plan.foreign + plan.crossed:
            for method in methods:
                # Only GET must say 404; a method the route lacks may say 405 first.
                check(method, address, {404} if method == "get" else {404, 405}, route.kind)
        for address in plan.own:
            check("get", address, None, route.kind)
            if route.kind == "api" and "partnership" not in route.kwargs:
                check("get", f"{address}?partnership={partnership_a.slug}", None, route.kind)
            # B's own pages may rightly save B's records; everything else must not write.
            if not route.is_public and "partnership" not in route.kwargs:
                check("post", address, None, route.kind)

    assert not failures, "\n".join(failures)
    assert database_state() == at_start


def test_anonymous_visitors_are_sent_to_sign_in(plans, a_objects, partnership_a):
    client = Client()
    failures = []
    for plan in plans:
        route = plan.route
        for address in plan.foreign + plan.crossed + plan.own:
            response = client.get(address)
            found = leaks(response, partnership_a)
            if found:
                failures.append(f"GET {address}: shows {found}")
            if route.is_public:
                continue
            if route.kind == "api":
                if response.status_code not in {401, 403}:
                    failures.append(f"GET {address}: {response.status_code}, expected 401")
                continue
            sign_in = "/admin/login/" if route.kind == "admin" else "/sign-in/"
            if response.status_code == 405:
                # A POST-only page: the POST must still go to sign-in first.
                response = client.post(address, intruder_payload(a_objects))
            location = urlsplit(response.get("Location", ""))
            if not (
                response.status_code == 302
                and location.path == sign_in
                and parse_qs(location.query).get("next") == [urlsplit(address).path]
            ):
                failures.append(
                    f"GET {address}: {response.status_code} "
                    f"{response.get('Location', '')}, expected a redirect to "
                    f"{sign_in}?next={urlsplit(address).path}"
                )

    assert not failures, "\n".join(failures)


class _NoModelView(TemplateView):
    template_name = "base.html"


def test_a_new_route_the_walk_cannot_resolve_fails(
    a_objects, partnership_a, partnership_b, manager_b
):
    # Stand-ins for URLs a later change might add, to show the walk refuses to skip them.
    unresolvable = URLResolver(
        RegexPattern(r"^/"),
        [
            path("p/<slug:partnership>/things/<int:pk>/", _NoModelView.as_view(), name="thing"),
            path(
                "p/<slug:partnership>/boards/<int:board_id>/", _NoModelView.as_view(), name="board"
            ),
            path(
                "p/<slug:partnership>/users/<int:pk>/",
                type(
                    "UserView", (TemplateView,), {"model": apps.get_model("core", "User")}
                ).as_view(),
                name="user",
            ),
        ],
    )

    problems = [
        plan_route(
            route, a_objects=a_objects, a=partnership_a, b=partnership_b, user=manager_b
        ).problem
        for route in walk(unresolvable)
    ]

    assert "cannot tell which model ['pk'] refers to" in problems[0]
    assert "cannot fill ['board_id']" in problems[1]
    assert "no User of partnership A to try" in problems[2]

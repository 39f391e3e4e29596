"""factory-boy factories for registry and meeting records; each takes `partnership=`."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from saferboard.actions import models as action_models
from saferboard.crime import models as crime_models
from saferboard.funding import models as funding_models
from saferboard.meetings import models as meeting_models
from saferboard.performance import models as performance_models
from saferboard.plans import models as plan_models
from saferboard.registry import models
from saferboard.sharing import models as sharing_models


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = models.Sector.OTHER


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body

    name = factory.Sequence(lambda n: f"Board {n}")
    kind = models.BodyKind.BOARD


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Post

    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    title = factory.Sequence(lambda n: f"Post {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    person = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    category = models.MembershipCategory.STATUTORY
    role = models.BodyRole.MEMBER
    start_date = datetime.date(2024, 4, 1)


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TermsOfReference

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    version_label = "2015"
    effective_date = datetime.date(2015, 7, 1)
    quorum_sectors = ["local_authority", "health", "police"]


# Meetings (saferboard.meetings).


class MeetingFactory(factory.django.DjangoModelFactory):
    """A draft meeting; pass `bodies=[...]` to attach bodies (defaults to one new body)."""

    class Meta:
        model = meeting_models.Meeting
        skip_postgeneration_save = True

    date = datetime.date(2025, 6, 12)
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    venue = "Civic Centre, Committee Room 1"

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if not create:
            return
        self.bodies.set(
            extracted if extracted is not None else [BodyFactory(partnership=self.partnership)]
        )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.Attendance

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    membership = factory.SubFactory(
        MembershipFactory, partnership=factory.SelfAttribute("..partnership")
    )
    status = meeting_models.AttendanceStatus.PRESENT


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of `pages` blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def labelled_pdf(label: str, pages: int = 1) -> bytes:
    """A real PDF (made by WeasyPrint) of `pages` A4 pages reading "<label> sheet <n>",
    so a test can tell which paper, and which of its pages, a pack page came from."""
    import weasyprint

    sheets = "".join(
        f'<p style="break-after: page">{label} sheet {n}</p>' for n in range(1, pages + 1)
    )
    return weasyprint.HTML(string=f"<html><body>{sheets}</body></html>").write_pdf()


class AgendaSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.AgendaSection

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    title = "Main business"
    position = factory.Sequence(lambda n: n)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    title = factory.Sequence(lambda n: f"Item of business {n}")
    position = factory.Sequence(lambda n: n)
    decision_type = meeting_models.DecisionType.FOR_INFORMATION


class StandingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.StandingItem

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    kind = meeting_models.StandingKind.APOLOGIES
    title = "Apologies for absence"
    position = factory.Sequence(lambda n: n)


class ForwardPlanEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.ForwardPlanEntry

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    title = factory.Sequence(lambda n: f"Planned report {n}")


class PaperFactory(factory.django.DjangoModelFactory):
    """A PDF paper of `pages` blank pages (default 2) on an agenda item."""

    class Meta:
        model = meeting_models.Paper
        exclude = ["pages"]

    item = factory.SubFactory(AgendaItemFactory, partnership=factory.SelfAttribute("..partnership"))
    title = factory.Sequence(lambda n: f"Report {n}")
    pages = 2
    original = factory.LazyAttribute(lambda o: ContentFile(pdf_bytes(o.pages), name="report.pdf"))
    original_name = "report.pdf"
    original_format = "PDF"
    original_size = factory.LazyAttribute(lambda o: o.original.size)
    pdf = factory.LazyAttribute(lambda o: ContentFile(pdf_bytes(o.pages), name="report.pdf"))
    page_count = factory.SelfAttribute("pages")


class PackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.Pack

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    kind = meeting_models.PackKind.PUBLIC
    file = factory.LazyAttribute(lambda o: ContentFile(pdf_bytes(1), name="pack.pdf"))
    page_count = 1


class InAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.InAttendance

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    name = factory.Faker("name", locale="en_GB")
    role = "Community Safety Officer"


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.Declaration

    item = factory.SubFactory(AgendaItemFactory, partnership=factory.SelfAttribute("..partnership"))
    membership = factory.SubFactory(
        MembershipFactory, partnership=factory.SelfAttribute("..partnership")
    )
    interest_type = meeting_models.InterestType.PERSONAL
    nature = "Is a trustee of a local charity named in the report."


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.Resolution

    item = factory.SubFactory(AgendaItemFactory, partnership=factory.SelfAttribute("..partnership"))
    kind = meeting_models.ResolutionKind.NOTED
    text = "That the report be noted."
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = action_models.Action

    text = factory.Sequence(lambda n: f"Circulate the report {n} to partners")


class ActionOwnerFactory(factory.django.DjangoModelFactory):
    """Pass exactly one of person, post, organisation or body."""

    class Meta:
        model = action_models.ActionOwner

    action = factory.SubFactory(ActionFactory, partnership=factory.SelfAttribute("..partnership"))


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = action_models.ActionUpdate

    action = factory.SubFactory(ActionFactory, partnership=factory.SelfAttribute("..partnership"))
    on = datetime.date(2025, 7, 1)
    note = "Report sent to partners."
    status = action_models.ActionStatus.IN_PROGRESS


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.Strategy

    name = factory.Sequence(lambda n: f"Community Safety Strategy {n}")
    period_start = datetime.date(2024, 4, 1)
    period_end = datetime.date(2027, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.Priority

    strategy = factory.SubFactory(
        StrategyFactory, partnership=factory.SelfAttribute("..partnership")
    )
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Priority {n + 1}")
    position = factory.Sequence(lambda n: n)


class DeliveryPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.DeliveryPlan

    name = factory.Sequence(lambda n: f"Community Safety Plan {n}")
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2026, 3, 31)


class KeyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.KeyAction

    plan = factory.SubFactory(
        DeliveryPlanFactory, partnership=factory.SelfAttribute("..partnership")
    )
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    title = factory.Sequence(lambda n: f"Key action {n + 1}")
    status = plan_models.KeyActionStatus.NOT_STARTED


class KeyActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.KeyActionUpdate

    key_action = factory.SubFactory(
        KeyActionFactory, partnership=factory.SelfAttribute("..partnership")
    )
    on = datetime.date(2025, 9, 1)
    note = "Training booked."
    status = plan_models.KeyActionStatus.PROGRESSING


class PlanReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = plan_models.PlanReport

    plan = factory.SubFactory(
        DeliveryPlanFactory, partnership=factory.SelfAttribute("..partnership")
    )
    reported_on = datetime.date(2025, 10, 1)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A quarterly count indicator, lower is better, with an absolute target of 100."""

    class Meta:
        model = performance_models.Indicator

    code = factory.Sequence(lambda n: f"KPI {n + 1}")
    name = factory.Sequence(lambda n: f"Indicator {n + 1}")
    unit = performance_models.Unit.COUNT
    polarity = performance_models.Polarity.LOWER_IS_BETTER
    target_kind = performance_models.TargetKind.ABSOLUTE
    target_value = 100
    amber_tolerance = 5
    frequency = performance_models.Frequency.QUARTERLY
    lifecycle = performance_models.Lifecycle.AGREED


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = performance_models.IndicatorValue

    indicator = factory.SubFactory(
        IndicatorFactory, partnership=factory.SelfAttribute("..partnership")
    )
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2025, 6, 30)
    value = 90


class ComparatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = performance_models.Comparator

    indicator = factory.SubFactory(
        IndicatorFactory, partnership=factory.SelfAttribute("..partnership")
    )
    name = "London average"
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2025, 6, 30)
    value = 95


class AreaFactory(factory.django.DjangoModelFactory):
    """A crime data area: a force's whole area unless LSOAs are given."""

    class Meta:
        model = crime_models.Area

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    forces = factory.LazyFunction(lambda: ["City of London Police"])


class SubAreaFactory(factory.django.DjangoModelFactory):
    """A named part of a crime data area, as a list of LSOAs."""

    class Meta:
        model = crime_models.SubArea

    area = factory.SubFactory(AreaFactory, partnership=factory.SelfAttribute("..partnership"))
    name = factory.Sequence(lambda n: f"Sub-area {n}")
    slug = factory.Sequence(lambda n: f"sub-area-{n}")
    lsoa_codes = factory.LazyFunction(lambda: ["E01000001"])


class FundFactory(factory.django.DjangoModelFactory):
    """A POCA-style fund for 2020/21 (no money: add income through funding.ledger)."""

    class Meta:
        model = funding_models.Fund

    name = factory.Sequence(lambda n: f"Fund {n}")
    reference_prefix = factory.Sequence(lambda n: f"F{n}")
    source = funding_models.FundSource.POCA
    period = funding_models.FundPeriod.FINANCIAL_YEAR
    financial_year = 2020
    minimum_award = 1000
    maximum_award = 50000
    standard_term_months = 12
    priority_areas = factory.LazyFunction(lambda: ["Reduce violence", "Protect the vulnerable"])
    key_themes = factory.LazyFunction(lambda: ["Youth and knife crime", "Hate crime"])


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding_models.EligibilityRule

    kind = funding_models.RuleKind.REQUIREMENT
    position = factory.Sequence(lambda n: n)
    wording = factory.Sequence(lambda n: f"Requirement {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding_models.Criterion

    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    maximum_score = 5


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding_models.Applicant

    name = factory.Sequence(lambda n: f"Community project {n}")
    legal_form = funding_models.LegalForm.CHARITY
    charity_number = factory.Sequence(lambda n: f"{1100000 + n}")


class BidFactory(factory.django.DjangoModelFactory):
    """A bid at the expression-of-interest stage; pass fund= and applicant= of one partnership."""

    class Meta:
        model = funding_models.Bid

    reference = factory.Sequence(lambda n: f"BID-{n:04d}")
    project_title = factory.Sequence(lambda n: f"Project {n}")
    amount_requested = 10000
    term_months = 12
    stage = funding_models.Stage.EXPRESSION_OF_INTEREST


class SharingAgreementFactory(factory.django.DjangoModelFactory):
    """An approved overarching information sharing protocol."""

    class Meta:
        model = sharing_models.SharingAgreement

    title = factory.Sequence(lambda n: f"Crime and Disorder Information Sharing Protocol {n}")
    kind = sharing_models.AgreementKind.OVERARCHING
    version_label = "1.0"
    status = sharing_models.AgreementStatus.APPROVED
    effective_on = datetime.date(2025, 4, 1)
    review_on = datetime.date(2026, 4, 1)
    legal_bases = factory.LazyFunction(lambda: ["cda_s115", "gdpr_6_1_e"])


class PartyFactory(factory.django.DjangoModelFactory):
    """A signed party; pass agreement= and organisation= (and spoc= a Person with a user)."""

    class Meta:
        model = sharing_models.Party

    status = sharing_models.PartyStatus.SIGNED
    principal_signatory_role = "Chief Executive"
    signed_on = datetime.date(2025, 4, 1)


class DataSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sharing_models.DataSet

    title = factory.Sequence(lambda n: f"Data set {n}")
    data_class = sharing_models.DataClass.NON_PERSONAL
    owner = "Performance manager"


class IncidentFactory(factory.django.DjangoModelFactory):
    """A breach logged within the organisation; pass partnership= (organisations via .set)."""

    class Meta:
        model = sharing_models.Incident

    kind = sharing_models.IncidentKind.BREACH
    reported_on = datetime.date(2025, 6, 2)
    summary = "A referral was e-mailed to the wrong team."

"""Applicants and their bids: drafting, submitting, moving through the stages, the officer's
eligibility checklist, and the documents attached to a bid.

Who may do what (docs/funding.md, "Who sees what"):
- officers (selectors.FUNDING_OFFICERS) add and change applicants, change any open bid, move
  bids on, complete the eligibility checklist, and may draft and submit for any applicant;
- contributors draft, change (while a draft), submit and withdraw the bids of the applicants
  they act for, add an applicant for an organisation they work for, and add documents;
- `by=None` is the system itself (the demo, imports): no role check.
The full application stage is gated by the eligibility checklist (`eligibility_problems`).
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename

from saferboard.actions.selectors import user_organisation_ids
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, PartnershipRole, User
from saferboard.core.roles import Role
from saferboard.core.selectors import user_roles_in
from saferboard.core.services import record_create, record_update
from saferboard.funding import selectors
from saferboard.funding.models import (
    Applicant,
    Bid,
    BidDocument,
    CheckResult,
    EligibilityCheck,
    EligibilityRule,
    Fund,
    FundPeriod,
    FundStatus,
    LegalForm,
    RuleKind,
    Stage,
)
from saferboard.funding.stages import stage_set
from saferboard.meetings.papers import pdf_page_count, size_label

# Stages in which a bid is still being worked on (not decided, not withdrawn).
OPEN_STAGES = frozenset(
    {Stage.DRAFT, Stage.EXPRESSION_OF_INTEREST, Stage.PRESENTATION, Stage.FULL_APPLICATION}
)
# The stages officers move a bid on to; the decision is recorded by funding.decisions.
NEXT_STAGE = {
    Stage.EXPRESSION_OF_INTEREST: Stage.PRESENTATION,
    Stage.PRESENTATION: Stage.FULL_APPLICATION,
}
# The stages shown as columns of the pipeline board, in order.
PIPELINE_STAGES = [
    Stage.DRAFT,
    Stage.EXPRESSION_OF_INTEREST,
    Stage.PRESENTATION,
    Stage.FULL_APPLICATION,
    Stage.DECISION,
]

CHARITY_FORMS = frozenset({LegalForm.CHARITY, LegalForm.CIO})
COMPANY_FORMS = frozenset({LegalForm.COMPANY, LegalForm.CIC})


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def _roles(*, by: User | None, partnership: Partnership) -> frozenset[str] | None:
    """The acting user's roles, or None for the system itself."""
    return None if by is None else user_roles_in(user=by, partnership=partnership)


def _is_officer(roles: frozenset[str] | None) -> bool:
    return roles is None or bool(roles & selectors.FUNDING_OFFICERS)


def acts_for(*, applicant: Applicant, by: User | None, on: datetime.date | None = None) -> bool:
    """May `by` draft and submit bids for `applicant`? Officers may for any applicant."""
    roles = _roles(by=by, partnership=applicant.partnership)
    if _is_officer(roles):
        return True
    if Role.CONTRIBUTOR not in roles:
        return False
    mine = selectors.applicants_for_user(partnership=applicant.partnership, user=by, on=_today(on))
    return mine.filter(pk=applicant.pk).exists()


# --- applicants ------------------------------------------------------------------------


def applicant_list(
    *, partnership: Partnership, user: User, roles: frozenset[str], on: datetime.date
) -> QuerySet[Applicant]:
    """All applicants for those who see all bids; the ones they act for for everyone else."""
    if selectors.sees_all_bids(partnership=partnership, user=user, roles=roles):
        return Applicant.objects.filter(partnership=partnership).select_related("organisation")
    mine = selectors.applicants_for_user(partnership=partnership, user=user, on=on)
    return Applicant.objects.filter(pk__in=mine.values("pk")).select_related("organisation")


def _registration_checked(fields: dict) -> dict:
    """The legal form's registration rules; numbers tidied (spaces out, letters upper case)."""
    form = fields.get("legal_form", "")
    charity = re.sub(r"\s+", "", fields.get("charity_number") or "")
    company = re.sub(r"\s+", "", fields.get("company_number") or "").upper()
    label = LegalForm(form).label.lower() if form in LegalForm.values else "applicant"
    if form in CHARITY_FORMS:
        if not charity:
            raise BusinessRuleError(
                f"Enter the Charity Commission number: a {label} must have one.",
                field="charity_number",
            )
        if not re.fullmatch(r"\d{6,8}", charity):
            raise BusinessRuleError(
                "Enter the Charity Commission number as 6 to 8 digits, for example 1123456.",
                field="charity_number",
            )
    elif charity and not re.fullmatch(r"\d{6,8}", charity):
        raise BusinessRuleError(
            "Enter the Charity Commission number as 6 to 8 digits, for example 1123456.",
            field="charity_number",
        )
    if company.isdigit() and len(company) < 8:
        company = company.zfill(8)  # Companies House numbers are often written without 0s
    if form in COMPANY_FORMS and not company:
        raise BusinessRuleError(
            f"Enter the Companies House number: a {label} must have one.", field="company_number"
        )
    if company and not re.fullmatch(r"\d{8}|[A-Z]{2}\d{6}", company):
        raise BusinessRuleError(
            "Enter the Companies House number as 8 characters, for example 01234567 or SC123456.",
            field="company_number",
        )
    if form == LegalForm.PARTNER_AGENCY and not fields.get("organisation"):
        raise BusinessRuleError(
            "Select the organisation: a partner agency must be one of the registry's "
            "organisations.",
            field="organisation",
        )
    return {**fields, "charity_number": charity, "company_number": company}


def _users_checked(*, partnership: Partnership, users) -> list[User]:
    users = list(users or [])
    holding = set(
        PartnershipRole.objects.filter(partnership=partnership, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    outside = [str(user) for user in users if user.pk not in holding]
    if outside:
        raise BusinessRuleError(
            f"{', '.join(outside)} cannot act for the applicant: they hold no role in "
            "this partnership.",
            field="users",
        )
    return users


def _applicant_permitted(
    *, partnership: Partnership, by: User | None, organisation, users, on: datetime.date
) -> None:
    roles = _roles(by=by, partnership=partnership)
    if _is_officer(roles):
        return
    if Role.CONTRIBUTOR not in roles:
        raise BusinessRuleError("Only managers and partner contributors can add applicants.")
    if users:
        raise BusinessRuleError(
            "Only a manager can say which accounts act for an applicant.", field="users"
        )
    mine = user_organisation_ids(partnership=partnership, user=by, on=on)
    if organisation is None or organisation.pk not in mine:
        raise BusinessRuleError(
            "Select the organisation you work for: you can add an applicant only for your "
            "own organisation.",
            field="organisation",
        )


@transaction.atomic
def applicant_create(
    *,
    partnership: Partnership,
    by: User | None,
    users=None,
    on: datetime.date | None = None,
    **fields,
) -> Applicant:
    """Add an applicant. Managers may name the accounts that act for it (`users`, who must
    hold a role in the partnership); a contributor may add one for their own organisation."""
    _applicant_permitted(
        partnership=partnership,
        by=by,
        organisation=fields.get("organisation"),
        users=users,
        on=_today(on),
    )
    fields = _registration_checked(fields)
    users = _users_checked(partnership=partnership, users=users)
    applicant = record_create(model=Applicant, partnership=partnership, by=by, **fields)
    applicant.users.set(users)
    return applicant


@transaction.atomic
def applicant_update(
    *,
    applicant: Applicant,
    by: User | None,
    expected_version: int | None,
    users=None,
    on: datetime.date | None = None,
    **changes,
) -> Applicant:
    """Change an applicant: managers, or a contributor who acts for it (not its accounts)."""
    if not _is_officer(_roles(by=by, partnership=applicant.partnership)):
        if users is not None:
            raise BusinessRuleError(
                "Only a manager can say which accounts act for an applicant.", field="users"
            )
        if not acts_for(applicant=applicant, by=by, on=on):
            raise BusinessRuleError("You do not act for this applicant.")
        _applicant_permitted(
            partnership=applicant.partnership,
            by=by,
            organisation=changes.get("organisation", applicant.organisation),
            users=None,
            on=_today(on),
        )
    current = {
        "legal_form": applicant.legal_form,
        "charity_number": applicant.charity_number,
        "company_number": applicant.company_number,
        "organisation": applicant.organisation,
    }
    changes = _registration_checked({**current, **changes})
    applicant = record_update(
        instance=applicant, by=by, expected_version=expected_version, **changes
    )
    if users is not None:
        applicant.users.set(_users_checked(partnership=applicant.partnership, users=users))
    return applicant


# --- bids ----------------------------------------------------------------------------


def bid_reference_year(*, fund: Fund, on: datetime.date) -> int:
    """The year in a bid's reference: the fund's financial year, or for a rolling fund the
    calendar year the bid is started."""
    if fund.period == FundPeriod.FINANCIAL_YEAR and fund.financial_year:
        return fund.financial_year
    return on.year


def _next_reference(*, fund: Fund, on: datetime.date) -> str:
    """ "POCA-2020-003": the next number of the fund's bids that year. The caller holds the
    fund's row lock, so two bids made at once cannot take the same number."""
    stem = f"{fund.reference_prefix}-{bid_reference_year(fund=fund, on=on)}-"
    taken = Bid.objects.filter(
        partnership=fund.partnership, reference__startswith=stem
    ).values_list("reference", flat=True)
    numbers = [int(ref[len(stem) :]) for ref in taken if ref[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def _choices_checked(*, fund: Fund, fields: dict) -> None:
    for name, allowed, label in (
        ("priority_areas", fund.priority_areas, "priority areas"),
        ("key_themes", fund.key_themes, "key themes"),
    ):
        chosen = fields.get(name)
        if chosen is None:
            continue
        strays = [value for value in chosen if value not in allowed]
        if strays:
            raise BusinessRuleError(
                f"Choose the {label} from the fund's list: {', '.join(strays)} is not on it.",
                field=name,
            )


def _writer_checked(*, bid_or_applicant: Applicant, by: User | None, on) -> frozenset | None:
    roles = _roles(by=by, partnership=bid_or_applicant.partnership)
    if _is_officer(roles):
        return roles
    if Role.CONTRIBUTOR in roles and acts_for(applicant=bid_or_applicant, by=by, on=on):
        return roles
    raise BusinessRuleError(f"You do not act for {bid_or_applicant}, so you cannot bid for it.")


@transaction.atomic
def bid_create(
    *,
    fund: Fund,
    applicant: Applicant,
    by: User | None,
    on: datetime.date | None = None,
    **fields,
) -> Bid:
    """Start a draft bid of `applicant` to `fund`, numbered "<prefix>-<year>-NNN".

    `fields` are Bid fields: project_title, amount_requested, term_months, summary,
    proposed_start, priority_areas, key_themes, need, means, evaluation_plan,
    match_funding_amount, match_funding_source."""
    on = _today(on)
    if fund.partnership_id != applicant.partnership_id:
        raise BusinessRuleError("The applicant and the fund belong to different partnerships.")
    _writer_checked(bid_or_applicant=applicant, by=by, on=on)
    fund = Fund.objects.select_for_update().get(pk=fund.pk)  # numbers are taken one at a time
    if fund.status != FundStatus.OPEN:
        raise BusinessRuleError(f"{fund} is closed to new bids.")
    _choices_checked(fund=fund, fields=fields)
    return record_create(
        model=Bid,
        partnership=fund.partnership,
        by=by,
        fund=fund,
        applicant=applicant,
        reference=_next_reference(fund=fund, on=on),
        stage=Stage.DRAFT,
        stage_changed_on=on,
        created_by=by,
        **fields,
    )


def bid_may_edit(*, bid: Bid, by: User | None, on: datetime.date | None = None) -> bool:
    roles = _roles(by=by, partnership=bid.partnership)
    if _is_officer(roles):
        return bid.stage in OPEN_STAGES
    return bid.stage == Stage.DRAFT and acts_for(applicant=bid.applicant, by=by, on=on)


@transaction.atomic
def bid_update(
    *,
    bid: Bid,
    by: User | None,
    expected_version: int | None,
    on: datetime.date | None = None,
    **changes,
) -> Bid:
    """Change a bid: its writers while it is a draft, officers while it is open."""
    if not bid_may_edit(bid=bid, by=by, on=on):
        if bid.stage not in OPEN_STAGES:
            raise BusinessRuleError(f"{bid.reference} is {bid.get_stage_display().lower()}.")
        raise BusinessRuleError(
            f"{bid.reference} has been submitted: only the funding officer can change it now."
        )
    for name in ("fund", "applicant", "reference", "stage"):
        changes.pop(name, None)
    _choices_checked(fund=bid.fund, fields=changes)
    return record_update(instance=bid, by=by, expected_version=expected_version, **changes)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class BidNotReady(BusinessRuleError):
    """A bid that cannot be submitted yet; `problems` says every reason, field by field."""

    def __init__(self, bid: Bid, problems: list[Problem]):
        reasons = "; ".join(problem.message for problem in problems)
        super().__init__(f"{bid.reference} cannot be submitted yet: {reasons}.")
        self.problems = problems


def submission_problems(*, bid: Bid, term_justification: str = "") -> list[Problem]:
    """What stops `bid` being submitted as an expression of interest, in form order."""
    fund = bid.fund
    problems = []
    if not fund.minimum_award <= bid.amount_requested <= fund.maximum_award:
        problems.append(
            Problem(
                "amount_requested",
                f"the amount must be between £{fund.minimum_award:,.2f} and "
                f"£{fund.maximum_award:,.2f}",
            )
        )
    if bid.term_months > fund.standard_term_months and not term_justification.strip():
        problems.append(
            Problem(
                "term_justification",
                f"the term of {bid.term_months} months is longer than the fund's standard "
                f"{fund.standard_term_months} months: say why it needs longer",
            )
        )
    for name, allowed, label in (
        ("priority_areas", fund.priority_areas, "priority area"),
        ("key_themes", fund.key_themes, "key theme"),
    ):
        chosen = [value for value in getattr(bid, name) if value in allowed]
        if not chosen:
            problems.append(Problem(name, f"choose at least one {label} from the fund's list"))
        elif len(chosen) < len(getattr(bid, name)):
            problems.append(Problem(name, f"a {label} chosen is no longer on the fund's list"))
    for name, label in (
        ("need", "the need"),
        ("means", "how the project will meet it"),
        ("evaluation_plan", "the evaluation plan"),
    ):
        if not getattr(bid, name).strip():
            problems.append(Problem(name, f"describe {label}"))
    return problems


@transaction.atomic
def bid_submit(
    *,
    bid: Bid,
    by: User | None,
    on: datetime.date | None = None,
    term_justification: str = "",
    expected_version: int | None = None,
) -> Bid:
    """Submit a draft as an expression of interest (a writer acting for the applicant, or an
    officer). A term longer than the fund's standard needs `term_justification`, which is
    recorded with the stage change."""
    on = _today(on)
    _writer_checked(bid_or_applicant=bid.applicant, by=by, on=on)
    if bid.stage != Stage.DRAFT:
        raise BusinessRuleError(f"{bid.reference} has already been submitted.")
    problems = submission_problems(bid=bid, term_justification=term_justification)
    if problems:
        raise BidNotReady(bid, problems)
    note = "Submitted."
    if bid.term_months > bid.fund.standard_term_months:
        note = f"Submitted. Why the longer term: {term_justification.strip()}"
    return stage_set(
        bid=bid,
        to_stage=Stage.EXPRESSION_OF_INTEREST,
        on=on,
        by=by,
        note=note,
        expected_version=expected_version,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def bid_withdraw(
    *,
    bid: Bid,
    by: User | None,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Bid:
    """Withdraw an open bid (the applicant's writers or an officer)."""
    on = _today(on)
    _writer_checked(bid_or_applicant=bid.applicant, by=by, on=on)
    if bid.stage not in OPEN_STAGES:
        raise BusinessRuleError(
            f"{bid.reference} is {bid.get_stage_display().lower()}: it cannot be withdrawn."
        )
    return stage_set(
        bid=bid,
        to_stage=Stage.WITHDRAWN,
        on=on,
        by=by,
        note=note.strip() or "Withdrawn.",
        expected_version=expected_version,
    )


@transaction.atomic
def bid_move(
    *,
    bid: Bid,
    to_stage: str,
    by: User | None,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Bid:
    """An officer moves a bid on one stage: expression of interest -> presentation -> full
    application. The full application needs every eligibility rule answered and none not met."""
    if not _is_officer(_roles(by=by, partnership=bid.partnership)):
        raise BusinessRuleError("Only the funding officer can move a bid to another stage.")
    expected = NEXT_STAGE.get(bid.stage)
    if expected is None or to_stage != expected:
        raise BusinessRuleError(
            f"{bid.reference} is at {bid.get_stage_display().lower()}: it cannot move to "
            f"{Stage(to_stage).label.lower() if to_stage in Stage.values else to_stage}.",
            field="to_stage",
        )
    if to_stage == Stage.FULL_APPLICATION:
        failing = eligibility_problems(bid=bid)
        if failing:
            raise BusinessRuleError(
                f"{bid.reference} cannot go to full application until its eligibility "
                f"checklist is complete and met: {'; '.join(failing)}."
            )
    return stage_set(
        bid=bid,
        to_stage=to_stage,
        on=_today(on),
        by=by,
        note=note.strip(),
        expected_version=expected_version,
    )


# --- eligibility -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistLine:
    rule: EligibilityRule
    check: EligibilityCheck | None

    @property
    def failed(self) -> bool:
        return self.check is not None and self.check.result == CheckResult.NOT_MET


def eligibility_checklists(*, fund_id: int, bids) -> dict[int, list[ChecklistLine]]:
    """Each bid's checklist: the fund's rules (requirements, then exclusions), each with the
    bid's answer. Two queries whatever the number of bids."""
    rules = list(
        EligibilityRule.objects.filter(fund_id=fund_id).order_by("-kind", "position", "pk")
    )  # "requirement" sorts after "exclusion"; requirements come first
    checks = {
        (check.bid_id, check.rule_id): check
        for check in EligibilityCheck.objects.filter(bid__in=bids).select_related("checked_by")
    }
    return {
        bid.pk: [ChecklistLine(rule=rule, check=checks.get((bid.pk, rule.pk))) for rule in rules]
        for bid in bids
    }


def eligibility_checklist(*, bid: Bid) -> list[ChecklistLine]:
    """The fund's rules (requirements, then exclusions), each with this bid's answer."""
    return eligibility_checklists(fund_id=bid.fund_id, bids=[bid])[bid.pk]


def eligibility_problems(*, bid: Bid) -> list[str]:
    """Why the checklist does not yet let the bid go to full application; empty if it does."""
    problems = []
    for line in eligibility_checklist(bid=bid):
        what = "exclusion" if line.rule.kind == RuleKind.EXCLUSION else "requirement"
        if line.check is None:
            problems.append(f"“{line.rule.wording}” ({what}) has not been checked")
        elif line.failed:
            problems.append(f"“{line.rule.wording}” ({what}) is not met: {line.check.reason}")
    return problems


@transaction.atomic
def eligibility_record(
    *,
    bid: Bid,
    answers: dict[int, tuple[str, str]],
    by: User | None,
    on: datetime.date | None = None,
) -> list[EligibilityCheck]:
    """Record the officer's answers, {rule pk: (result, reason)}, for rules of the bid's fund.
    A "not met" answer needs its reason, which the applicant sees."""
    if not _is_officer(_roles(by=by, partnership=bid.partnership)):
        raise BusinessRuleError("Only the funding officer can complete the eligibility checklist.")
    if bid.stage not in OPEN_STAGES:
        raise BusinessRuleError(f"{bid.reference} is {bid.get_stage_display().lower()}.")
    on = _today(on)
    lines = {line.rule.pk: line for line in eligibility_checklist(bid=bid)}
    saved = []
    for rule_pk, (result, reason) in answers.items():
        line = lines.get(rule_pk)
        if line is None:
            raise BusinessRuleError("That rule is not one of this fund's eligibility rules.")
        reason = (reason or "").strip()
        if result not in CheckResult.values:
            raise BusinessRuleError(f"Select an answer for “{line.rule.wording}”.")
        if result == CheckResult.NOT_MET and not reason:
            raise BusinessRuleError(
                f"Give the reason “{line.rule.wording}” is not met: the applicant sees it.",
                field=f"reason_{rule_pk}",
            )
        values = {"result": result, "reason": reason, "checked_by": by, "checked_on": on}
        if line.check is None:
            check = record_create(
                model=EligibilityCheck,
                partnership=bid.partnership,
                by=by,
                bid=bid,
                rule=line.rule,
                **values,
            )
        elif (line.check.result, line.check.reason) != (result, reason):
            check = record_update(instance=line.check, by=by, expected_version=None, **values)
        else:
            check = line.check
        saved.append(check)
    return saved


# --- documents -------------------------------------------------------------------------

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
_ZIP_MEMBER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_IMAGE_START = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


def _document_problem(name: str, what: str) -> BusinessRuleError:
    return BusinessRuleError(f"“{name}” {what}", field="file")


def bid_document_check(*, name: str, data: bytes) -> str:
    """Check an upload by its contents, not only its name; the cleaned file name."""
    name = PurePath(name or "the file").name
    if not data:
        raise _document_problem(name, "is empty (0 bytes). Choose the file again.")
    if len(data) > DOCUMENT_MAX_BYTES:
        raise _document_problem(
            name,
            f"is {size_label(len(data))}; a document can be at most "
            f"{size_label(DOCUMENT_MAX_BYTES)}. Make it smaller or split it.",
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise _document_problem(
            name, "is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file."
        )
    if suffix == ".pdf":
        pdf_page_count(name=name, data=data)
    elif suffix in _ZIP_MEMBER:
        kind = "Word (.docx)" if suffix == ".docx" else "Excel (.xlsx)"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                readable = _ZIP_MEMBER[suffix] in archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            readable = False
        if not readable:
            raise _document_problem(
                name, f"is not a {kind} file: its contents are not, whatever its name says."
            )
    elif not data.startswith(_IMAGE_START[suffix]):
        raise _document_problem(
            name, "is not the image its name says: its contents are not PNG or JPEG."
        )
    return name


def bid_may_add_documents(*, bid: Bid, by: User | None, on: datetime.date | None = None) -> bool:
    roles = _roles(by=by, partnership=bid.partnership)
    if _is_officer(roles):
        return bid.stage != Stage.WITHDRAWN
    return bid.stage in OPEN_STAGES and acts_for(applicant=bid.applicant, by=by, on=on)


def bid_document_add(
    *,
    bid: Bid,
    kind: str,
    title: str,
    name: str,
    data: bytes,
    by: User | None,
    on: datetime.date | None = None,
) -> BidDocument:
    """Check an upload and attach it to `bid`. The file is removed again if the row fails."""
    if not bid_may_add_documents(bid=bid, by=by, on=on):
        raise BusinessRuleError(f"You cannot add documents to {bid.reference}.")
    name = bid_document_check(name=name, data=data)
    stem = get_valid_filename(PurePath(name).stem)[:60] or "document"
    stored_as = f"bid-{bid.pk}-{stem}{PurePath(name).suffix.lower()}"
    document = BidDocument(partnership=bid.partnership, bid=bid)
    document.file.save(stored_as, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            return record_create(
                model=BidDocument,
                partnership=bid.partnership,
                by=by,
                bid=bid,
                kind=kind,
                title=(title.strip() or PurePath(name).stem)[:200],
                file=document.file.name,
                file_name=name[:255],
                size=len(data),
                uploaded_by=by,
            )
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise


def bid_document_content_type(*, document: BidDocument) -> str:
    return DOCUMENT_TYPES.get(
        PurePath(document.file_name).suffix.lower(), "application/octet-stream"
    )

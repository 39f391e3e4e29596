"""The demo's meetings, built through the same services a clerk's clicks call.

For each meeting of a programme (meeting_spec.py), in date order: the meeting,
its standing items and business (deferred items carried forward), generated
papers (and the previous meeting's minutes as the minutes item's paper), the
public and members' packs, publication on time or late with a reason; then for
held meetings attendance, officers in attendance, declarations, minutes with
numbered minutes and resolutions, and approval of the previous minutes at the
next meeting, with the actions minuted there and their owners' updates (actions.py).
The last meeting's minutes stay in draft. Haringey also gets an upcoming meeting,
published three weeks ahead, built from its forward plan.
"""

import datetime
import re

from django.utils import timezone

from saferboard.core.demo.actions import DemoActions
from saferboard.core.demo.meeting_spec import PROGRAMMES, DemoItem, DemoMeeting, DemoProgramme
from saferboard.core.demo.papers import demo_paper_pdf
from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.services import record_create
from saferboard.meetings import agenda, minutes, packs, papers, participation
from saferboard.meetings.circulation import circulation_deadline
from saferboard.meetings.models import (
    AgendaItem,
    AgendaSection,
    AttendanceStatus,
    InAttendanceKind,
    Meeting,
    MeetingStatus,
    SecurityMarking,
    StandingKind,
)
from saferboard.meetings.selectors import meeting_agenda, meeting_seats
from saferboard.meetings.services import (
    AttendanceEntry,
    meeting_attendance_record,
    meeting_transition,
)
from saferboard.registry.models import Body, Person

S = MeetingStatus
UPCOMING_IN_DAYS = 21

# What the clerk minutes under each standing item when nothing else happened.
STANDING_MINUTES = {
    StandingKind.FILMING: "The Chair referred to the notice of filming at meetings.",
    StandingKind.URGENT_BUSINESS: "There were no items of urgent business.",
    StandingKind.MATTERS_ARISING: "There were no matters arising.",
    StandingKind.OUTSTANDING_ACTIONS: "The outstanding actions were reviewed and updated.",
    StandingKind.ANY_OTHER_BUSINESS: "There was no other business.",
    StandingKind.FUTURE_DATES: "The dates of future meetings were noted.",
}


def programme_for(slug: str) -> DemoProgramme | None:
    return next((p for p in PROGRAMMES if p.slug == slug), None)


def demo_meetings_build(*, spec: PartnershipSpec, people: dict[str, Person]) -> int:
    """Build the programme of `spec`'s partnership; returns the number of meetings made."""
    programme = programme_for(spec.slug)
    if programme is None:
        return 0
    partnership = next(iter(people.values())).partnership
    names = {body.key: body.name for body in spec.bodies}
    bodies = {
        key: Body.objects.get(partnership=partnership, name=name) for key, name in names.items()
    }
    for body_key, title, presenter in programme.forward_plan:
        agenda.forward_plan_entry_create(
            body=bodies[body_key], by=None, title=title, presenter=presenter
        )
    built = _Builder(programme=programme, people=people, bodies=bodies)
    actions = DemoActions(spec=spec, people=people, bodies=bodies)
    previous = None
    for number, plan in enumerate(programme.meetings):
        # Owners' updates come in before the meeting, so its papers see the log as it stood.
        actions.updates_before(plan.date)
        meeting = built.meeting(plan=plan, previous=previous)
        last = number == len(programme.meetings) - 1
        built.hold(meeting=meeting, plan=plan, previous=previous, minutes_final=not last)
        actions.raise_at(meeting=meeting)
        previous = meeting
    actions.updates_before(None)
    if spec.slug == "haringey":
        built.upcoming(previous=previous)
    return len(programme.meetings) + (1 if spec.slug == "haringey" else 0)


class _Builder:
    def __init__(self, *, programme: DemoProgramme, people, bodies):
        self.programme = programme
        self.people = people
        self.bodies = bodies

    def person(self, key: str) -> Person | None:
        return self.people.get(key)

    # --- before the meeting -----------------------------------------------------------

    def meeting(self, *, plan: DemoMeeting, previous: Meeting | None) -> Meeting:
        first = self.bodies[plan.bodies[0]]
        meeting = record_create(
            model=Meeting,
            partnership=first.partnership,
            by=None,
            date=plan.date,
            start_time=plan.start,
            end_time=plan.end,
            venue=plan.venue,
            webcast_link=self.programme.webcast,
            clerk=self.person(self.programme.clerk),
            chair=self.person(self.programme.chair),
        )
        meeting.bodies.set([self.bodies[key] for key in plan.bodies])
        agenda.agenda_apply_standing_items(meeting=meeting, by=None)
        for item in plan.items:
            self.item(meeting=meeting, plan=item)
        if previous is not None:
            self.previous_minutes_paper(meeting=meeting, previous=previous)
        packs.meeting_packs_build(meeting=meeting, by=None)
        return self.publish(meeting=meeting, late_reason=plan.late_reason)

    def section(self, *, meeting: Meeting, title: str) -> AgendaSection:
        found = meeting.sections.filter(title=title).first()
        if found is not None:
            return found
        section = agenda.agenda_section_create(meeting=meeting, title=title, by=None)
        # New sections go before the closing standing items (any other business).
        agenda.agenda_section_move(section=section, direction="up", by=None)
        section.refresh_from_db()
        return section

    def item(self, *, meeting: Meeting, plan: DemoItem) -> AgendaItem:
        offered = agenda.agenda_offer_deferred(meeting=meeting).filter(title=plan.title).first()
        if offered is not None:
            item = agenda.agenda_item_carry_forward(meeting=meeting, deferred=offered, by=None)
        else:
            item = agenda.agenda_item_create(
                meeting=meeting,
                by=None,
                section=self.section(meeting=meeting, title=plan.section),
                title=plan.title,
                purpose=plan.purpose,
                decision_type=plan.decision_type,
                presenter=plan.presenter,
                lead_officer=plan.lead_officer,
                minutes_allowed=plan.minutes_allowed,
                security_marking=(
                    SecurityMarking.OFFICIAL_SENSITIVE
                    if plan.sensitive
                    else SecurityMarking.OFFICIAL
                ),
                is_exempt=plan.exempt_paragraph is not None,
                exempt_paragraph=plan.exempt_paragraph,
            )
        marking = item.get_security_marking_display()
        body = meeting.body_names()
        if plan.pages:
            self.paper(item=item, title=plan.title, pages=plan.pages, body=body, marking=marking)
        for title, pages in plan.appendices:
            self.paper(item=item, title=title, pages=pages, body=body, marking=marking)
        return item

    def paper(self, *, item: AgendaItem, title: str, pages: int, body: str, marking: str):
        data = demo_paper_pdf(
            body=body,
            meeting_date=item.meeting.date,
            title=title,
            presenter=item.presenter,
            lead_officer=item.lead_officer,
            pages=pages,
            marking=marking,
        )
        name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] + ".pdf"
        papers.paper_add(item=item, name=name, data=data, title=title, by=None)

    def previous_minutes_paper(self, *, meeting: Meeting, previous: Meeting) -> None:
        item = meeting.items.filter(standing_kind=StandingKind.PREVIOUS_MINUTES).first()
        if item is None:
            return
        data = minutes.minutes_pdf(meeting=previous, public=False)
        title = f"Draft minutes of the meeting held on {previous.date:%-d %B %Y}"
        papers.paper_add(item=item, name="draft-minutes.pdf", data=data, title=title, by=None)

    def publish(self, *, meeting: Meeting, late_reason: str) -> Meeting:
        """Publish on the deadline day, or two days before the meeting when late."""
        deadline = circulation_deadline(meeting=meeting) or meeting.date
        day = meeting.date - datetime.timedelta(days=2) if late_reason else deadline
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        return meeting_transition(
            meeting=meeting,
            to=S.AGENDA_PUBLISHED,
            by=None,
            expected_version=None,
            late_reason=late_reason,
            now=when,
        )

    # --- at and after the meeting -----------------------------------------------------

    def hold(
        self, *, meeting: Meeting, plan: DemoMeeting, previous: Meeting | None, minutes_final: bool
    ) -> None:
        meeting = meeting_transition(meeting=meeting, to=S.HELD, by=None, expected_version=None)
        self.attendance(meeting=meeting, plan=plan)
        for name, organisation, role in plan.in_attendance:
            participation.in_attendance_add(
                meeting=meeting,
                kind=InAttendanceKind.OFFICER,
                name=name,
                organisation=organisation,
                role=role,
                by=None,
            )
        meeting = meeting_transition(
            meeting=meeting, to=S.DRAFT_MINUTES, by=None, expected_version=None
        )
        by_title = {item.title: item for item in meeting_agenda(meeting=meeting)}
        for item_plan in plan.items:
            item = by_title[item_plan.title]
            for key, interest, nature in item_plan.declarations:
                seat = next(
                    s for s in meeting_seats(meeting=meeting) if s.person == self.person(key)
                )
                participation.declaration_create(
                    meeting=meeting,
                    item=item,
                    membership=seat,
                    interest_type=interest,
                    nature=nature,
                    by=None,
                )
            entries = [
                minutes.ResolutionEntry(kind=kind, text=text, delegated_to=delegated_to)
                for kind, text, delegated_to in item_plan.resolutions
            ]
            minutes.minutes_item_save(
                item=item,
                minute_text=item_plan.minute,
                is_deferred=item_plan.deferred,
                resolutions=entries,
                matters_arising_from=[],
                expected_version=None,
                by=None,
            )
        self.standing_minutes(meeting=meeting, plan=plan)
        if previous is not None:
            minutes.minutes_approve(
                meeting=previous,
                at_meeting=meeting,
                signed_by=meeting.chair,
                signed_on=meeting.date,
                by=None,
            )

    def attendance(self, *, meeting: Meeting, plan: DemoMeeting) -> None:
        entries = []
        absent = {self.person(key) for key in plan.absent}
        apologies = {self.person(key): sub for key, sub in plan.apologies.items()}
        for seat in meeting_seats(meeting=meeting):
            if seat.person is None:
                continue
            if seat.person in apologies:
                entries.append(
                    AttendanceEntry(
                        membership=seat,
                        status=AttendanceStatus.APOLOGIES,
                        substitute_name=apologies[seat.person],
                    )
                )
            elif seat.person in absent:
                entries.append(AttendanceEntry(membership=seat, status=AttendanceStatus.ABSENT))
            else:
                entries.append(AttendanceEntry(membership=seat, status=AttendanceStatus.PRESENT))
        meeting_attendance_record(meeting=meeting, entries=entries, by=None)

    def standing_minutes(self, *, meeting: Meeting, plan: DemoMeeting) -> None:
        sent = [self.person(key) for key in plan.apologies]
        texts = dict(STANDING_MINUTES)
        texts[StandingKind.APOLOGIES] = (
            "Apologies for absence were received from "
            + ", ".join(str(person) for person in sent if person)
            + "."
            if sent
            else "There were no apologies for absence."
        )
        declared = any(item.declarations for item in plan.items)
        texts[StandingKind.DECLARATIONS] = (
            "Declarations are recorded under the items to which they relate."
            if declared
            else "There were no declarations of interest."
        )
        for item in meeting.items.exclude(standing_kind="").exclude(
            standing_kind=StandingKind.PREVIOUS_MINUTES
        ):
            text = texts.get(item.standing_kind)
            if text and not item.minute_text:
                minutes.minutes_item_save(
                    item=item,
                    minute_text=text,
                    is_deferred=False,
                    resolutions=[],
                    matters_arising_from=[],
                    expected_version=None,
                    by=None,
                )

    def upcoming(self, *, previous: Meeting | None) -> Meeting:
        """A meeting three weeks ahead: agenda from the forward plan, published on time."""
        first = self.bodies["csp"]
        day = timezone.localdate() + datetime.timedelta(days=UPCOMING_IN_DAYS)
        while day.weekday() != 2:  # boards here meet on Wednesdays
            day += datetime.timedelta(days=1)
        meeting = record_create(
            model=Meeting,
            partnership=first.partnership,
            by=None,
            date=day,
            start_time=datetime.time(14, 0),
            end_time=datetime.time(16, 0),
            venue="Civic Centre, High Road, Wood Green, London N22 8LE",
            webcast_link=self.programme.webcast,
            clerk=self.person(self.programme.clerk),
            chair=self.person(self.programme.chair),
        )
        meeting.bodies.set([first])
        agenda.agenda_apply_standing_items(meeting=meeting, by=None)
        for entry in list(agenda.agenda_offer_planned(meeting=meeting)):
            item = agenda.agenda_item_from_forward_plan(meeting=meeting, entry=entry, by=None)
            self.paper(
                item=item,
                title=item.title,
                pages=5,
                body=meeting.body_names(),
                marking=item.get_security_marking_display(),
            )
        if previous is not None:
            self.previous_minutes_paper(meeting=meeting, previous=previous)
        packs.meeting_packs_build(meeting=meeting, by=None)
        return meeting_transition(
            meeting=meeting, to=S.AGENDA_PUBLISHED, by=None, expected_version=None
        )

"""`saferboard remind`: owners of actions overdue or due within 7 days are e-mailed, once
each, with links; actions not yet due, closed or without a date are left alone."""

import datetime

from saferboard.actions.models import ActionStatus
from saferboard.meetings.models import MeetingStatus
from saferboard.registry.models import BodyRole
from tests.actions.remind import TODAY, action_for, days, remind, sent_to
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    PostFactory,
)


def test_owners_of_overdue_and_due_soon_actions_get_one_email_listing_them(
    partnership_a, mailoutbox, settings
):
    settings.SITE_URL = "https://saferboard.example.org"
    kim = PersonFactory(partnership=partnership_a, given_name="Kim", email="kim@example.org")
    sam = PersonFactory(partnership=partnership_a, given_name="Sam", email="sam@example.org")
    late = action_for(
        partnership_a,
        text="Send the knife crime data",
        owners=[{"person": kim}],
        due_date=TODAY - days(3),
        reference="04.12.24 Item 11",
    )
    action_for(
        partnership_a, text="Book the venue", owners=[{"person": kim}], due_date=TODAY + days(7)
    )
    action_for(
        partnership_a, text="Not yet due", owners=[{"person": kim}], due_date=TODAY + days(8)
    )
    action_for(partnership_a, text="No date at all", owners=[{"person": kim}])
    action_for(
        partnership_a,
        text="Already done",
        owners=[{"person": sam}],
        due_date=TODAY - days(1),
        status=ActionStatus.COMPLETE,
        closing_note="Sent on Monday.",
        closed_on=TODAY - days(2),
    )
    action_for(
        partnership_a,
        text="No longer needed",
        owners=[{"person": sam}],
        due_date=TODAY,
        status=ActionStatus.OBSOLETE,
        closing_note="Superseded.",
        closed_on=TODAY,
    )

    summary = remind()

    assert [m.to for m in mailoutbox] == [["kim@example.org"]]
    text = mailoutbox[0].body
    assert "Overdue" in text and "OVERDUE" in text
    assert text.index("Send the knife crime data") < text.index("Book the venue")
    assert "04.12.24 Item 11: Send the knife crime data" in text
    assert "3 days ago" in text
    assert f"https://saferboard.example.org/p/haringey/actions/{late.pk}/" in text
    assert "https://saferboard.example.org/p/haringey/actions/mine/" in text
    assert "Not yet due" not in text and "No date at all" not in text
    html = mailoutbox[0].alternatives[0][0]
    assert f'href="https://saferboard.example.org/p/haringey/actions/{late.pk}/"' in html
    assert ">Overdue</h2>" in html
    assert summary["emails_sent"] == 1 and summary["actions_reminded"] == 2


def test_by_the_next_meeting_falls_due_on_the_bodys_next_meeting(partnership_a, mailoutbox):
    board = BodyFactory(partnership=partnership_a)
    raised_at = MeetingFactory(partnership=partnership_a, bodies=[board], date=TODAY - days(60))
    kim = PersonFactory(partnership=partnership_a, email="kim@example.org")
    action_for(
        partnership_a,
        text="Report back next time",
        owners=[{"person": kim}],
        meeting=raised_at,
        by_next_meeting=True,
    )
    MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        date=TODAY + days(5),
        status=MeetingStatus.CANCELLED,
    )
    later = MeetingFactory(partnership=partnership_a, bodies=[board], date=TODAY + days(9))

    remind()
    assert mailoutbox == []  # the cancelled meeting does not count; the next is 9 days off

    later.date = TODAY + days(6)
    later.save()
    remind(on=TODAY + days(1))
    assert len(mailoutbox) == 1
    assert "Report back next time" in mailoutbox[0].body
    assert f"By the next meeting ({later.date:%-d %B %Y})" in mailoutbox[0].body


def test_a_post_reaches_the_people_holding_it_today(partnership_a, mailoutbox):
    commander = PostFactory(partnership=partnership_a, title="Borough Commander")
    holder = PersonFactory(partnership=partnership_a, email="now@example.org")
    former = PersonFactory(partnership=partnership_a, email="before@example.org")
    MembershipFactory(
        partnership=partnership_a,
        person=holder,
        post=commander,
        organisation=commander.organisation,
        start_date=TODAY - days(30),
    )
    MembershipFactory(
        partnership=partnership_a,
        person=former,
        post=commander,
        organisation=commander.organisation,
        start_date=datetime.date(2020, 1, 1),
        end_date=TODAY - days(31),
    )
    action_for(
        partnership_a,
        text="Brief the ward panels",
        owners=[{"post": commander}],
        due_date=TODAY,
    )

    remind()

    assert list(sent_to(mailoutbox)) == ["now@example.org"]
    assert "Due today" in mailoutbox[0].body


def test_organisation_and_body_owners_reach_their_seat_holders_and_chairs(
    partnership_a, the_police, mailoutbox
):
    board = BodyFactory(partnership=partnership_a)
    other_board = BodyFactory(partnership=partnership_a)
    clerk = PersonFactory(partnership=partnership_a, email="clerk@example.org")
    meeting = MeetingFactory(partnership=partnership_a, bodies=[board], clerk=clerk)
    on_board = PersonFactory(partnership=partnership_a, email="police-rep@example.org")
    elsewhere = PersonFactory(partnership=partnership_a, email="police-other@example.org")
    chair = PersonFactory(partnership=partnership_a, email="chair@example.org")
    MembershipFactory(
        partnership=partnership_a, body=board, person=on_board, organisation=the_police
    )
    MembershipFactory(
        partnership=partnership_a, body=other_board, person=elsewhere, organisation=the_police
    )
    MembershipFactory(partnership=partnership_a, body=board, person=chair, role=BodyRole.CHAIR)
    # The same person twice over (their organisation and their own name): one line each.
    action_for(
        partnership_a,
        text="Police lead the weekend patrols",
        owners=[{"organisation": the_police}, {"person": on_board}],
        meeting=meeting,
        due_date=TODAY + days(2),
    )
    action_for(
        partnership_a,
        text="The board reviews its terms of reference",
        owners=[{"body": board}],
        meeting=meeting,
        due_date=TODAY + days(2),
    )
    action_for(
        partnership_a,
        text="The other board meets the clerk",
        owners=[{"body": other_board}],
        meeting=meeting,
        due_date=TODAY + days(2),
    )

    summary = remind()

    mail = sent_to(mailoutbox)
    assert sorted(mail) == ["chair@example.org", "clerk@example.org", "police-rep@example.org"]
    assert mail["police-rep@example.org"].count("Police lead the weekend patrols") == 1
    assert "terms of reference" in mail["chair@example.org"]
    # A body with no chair today: the clerk of the action's meeting.
    assert "The other board meets the clerk" in mail["clerk@example.org"]
    assert summary["owners_unreached"] == []

"""Ratings below met raise actions in the action log, owned by the organisation; a
re-submission does not duplicate an action still open for the same standard."""

import datetime

from saferboard.actions.models import Action, ActionStatus
from saferboard.actions.services import action_add_update
from saferboard.assurance.models import GeneratedAction
from saferboard.assurance.submissions import submission_make
from tests.assurance.submission_helpers import answer_all

ON = datetime.date(2025, 9, 1)
LATER = datetime.date(2025, 12, 1)


def _actions_for(standard_number):
    return Action.objects.filter(reference=f"Section 11 audit 2025 – {standard_number}")


def test_each_rating_below_met_raises_its_suggested_action(police_return, make_contributor, police):
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"1.2": "partly", "2.1": "not_met", "2.2": "na"})

    submission = submission_make(assurance_return=police_return, by=writer, on=ON)

    links = GeneratedAction.objects.filter(submission=submission).select_related("action")
    by_standard = {link.standard.number: link.action for link in links}
    assert sorted(by_standard) == ["1.2", "2.1"]  # met and not applicable raise none
    partly, not_met = by_standard["1.2"], by_standard["2.1"]
    assert partly.reference == "Section 11 audit 2025 – 1.2"
    assert partly.due_date == ON + datetime.timedelta(days=90)
    assert not_met.due_date == ON + datetime.timedelta(days=30)
    assert partly.text.startswith("Put in place: safeguarding policy is reviewed every year")
    assert "rated standard 1.2" in partly.text and "partially met" in partly.text
    for action in (partly, not_met):
        assert [owner.organisation for owner in action.owners.all()] == [police]
        assert action.status == ActionStatus.OPEN
        assert action.partnership == police.partnership


def test_resubmitting_keeps_an_open_action_rather_than_raising_another(
    police_return, make_contributor, police
):
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"1.2": "partly"})
    submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer, ratings={"1.2": "not_met"})

    second = submission_make(assurance_return=police_return, by=writer, on=LATER)

    (action,) = _actions_for("1.2")
    assert GeneratedAction.objects.filter(submission=second, action=action).exists()
    (update,) = action.updates.all()
    assert update.on == LATER
    assert "Submission 2 rates standard 1.2 as not met (was partially met)" in update.note
    assert update.status == ActionStatus.OPEN


def test_a_standard_now_met_notes_it_on_the_open_action(police_return, make_contributor, police):
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"2.1": "not_met"})
    submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer)

    second = submission_make(assurance_return=police_return, by=writer, on=LATER)

    (action,) = _actions_for("2.1")
    assert action.status == ActionStatus.OPEN  # only its owner closes it
    assert not GeneratedAction.objects.filter(submission=second).exists()
    (update,) = action.updates.all()
    assert "rates standard 2.1 as met" in update.note


def test_a_closed_action_is_raised_again_if_the_standard_is_still_below_met(
    police_return, make_contributor, police, manager_a
):
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"1.2": "partly"})
    submission_make(assurance_return=police_return, by=writer, on=ON)
    (first,) = _actions_for("1.2")
    action_add_update(
        action=first,
        by=manager_a,
        expected_version=first.version,
        on=ON + datetime.timedelta(days=10),
        note="Policy reviewed.",
        status=ActionStatus.COMPLETE,
    )

    submission_make(assurance_return=police_return, by=writer, on=LATER)

    actions = list(_actions_for("1.2").order_by("pk"))
    assert len(actions) == 2
    assert actions[1].status == ActionStatus.OPEN
    assert actions[1].due_date == LATER + datetime.timedelta(days=90)


def test_a_long_framework_name_is_shortened_to_fit_the_reference(
    police_return, make_contributor, police, framework
):
    framework.name = "Section 11 audit of safeguarding arrangements for children and families"
    framework.save()
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"1.2": "partly"})

    submission_make(assurance_return=police_return, by=writer, on=ON)

    action = Action.objects.get()
    assert len(action.reference) <= 60
    assert action.reference.endswith("… 2025 – 1.2")

"""Key actions completed after the plan was last reported are listed apart; recording a report
starts the list afresh."""

import datetime

from saferboard.plans import services
from saferboard.plans.models import KeyActionStatus
from saferboard.plans.selectors import completed_since_last_report, plan_last_report


def _titles(plan):
    return [
        a.title
        for a in completed_since_last_report(plan=plan, last_report=plan_last_report(plan=plan))
    ]


def test_before_any_report_every_completed_action_counts(plan, add_key_action, update):
    done = add_key_action("1.1", "Street pastors")
    add_key_action("1.2", "Knife amnesty")
    update(done, KeyActionStatus.COMPLETE, "Launched.", on=datetime.date(2025, 6, 1))

    assert _titles(plan) == ["Street pastors"]


def test_a_report_resets_the_list(plan, add_key_action, update, manager_a):
    early = add_key_action("1.1", "Street pastors")
    late = add_key_action("1.2", "Knife amnesty")
    on_the_day = add_key_action("1.3", "Lighting audit")
    update(early, KeyActionStatus.COMPLETE, "Launched.", on=datetime.date(2025, 6, 1))
    update(on_the_day, KeyActionStatus.COMPLETE, "Audit done.", on=datetime.date(2025, 7, 10))
    services.plan_report_record(
        plan=plan, by=manager_a, reported_on=datetime.date(2025, 7, 10), reported_to="SCP board"
    )
    update(late, KeyActionStatus.COMPLETE, "Amnesty held.", on=datetime.date(2025, 8, 20))

    assert _titles(plan) == ["Knife amnesty"]


def test_the_plan_page_lists_them_apart(
    manager_a_client, plan, add_key_action, update, manager_a, partnership_a
):
    early = add_key_action("1.1", "Street pastors")
    late = add_key_action("1.2", "Knife amnesty")
    update(early, KeyActionStatus.COMPLETE, "Launched.", on=datetime.date(2025, 6, 1))
    response = manager_a_client.post(
        f"/p/{partnership_a.slug}/plans/{plan.pk}/reported/",
        {"reported_on_day": "1", "reported_on_month": "7", "reported_on_year": "2025"},
    )
    update(late, KeyActionStatus.COMPLETE, "Amnesty held.", on=datetime.date(2025, 8, 20))

    html = manager_a_client.get(f"/p/{partnership_a.slug}/plans/{plan.pk}/").content.decode()
    completed = html[html.index('id="completed"') :]

    assert response.status_code == 302
    assert "after 1 July 2025" in completed
    assert "Knife amnesty" in completed and "Street pastors" not in completed
    # Both stay in the plan itself, greyed.
    assert html.count("sb-row--complete") == 3

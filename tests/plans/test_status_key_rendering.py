"""Status is stored as a code and shown as a tag with words, coloured by the plan's key."""

import datetime

from saferboard.plans import services
from saferboard.plans.models import KeyAction, KeyActionStatus, StatusKey


def _row(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("</tr>", start)]


def test_the_city_key_shows_words_and_colours(
    manager_a_client, plan, add_key_action, update, partnership_a
):
    on_hold = add_key_action("1.1", "Bystander training")
    update(on_hold, KeyActionStatus.ON_HOLD, "Waiting for funding.")
    add_key_action("1.2", "Knife amnesty")
    done = add_key_action("1.3", "Street pastors")
    update(done, KeyActionStatus.COMPLETE, "Launched in June.")

    html = manager_a_client.get(f"/p/{partnership_a.slug}/plans/{plan.pk}/").content.decode()

    assert '<strong class="govuk-tag govuk-tag--orange">On hold</strong>' in _row(
        html, "Bystander training"
    )
    assert '<strong class="govuk-tag govuk-tag--red">Not started</strong>' in _row(
        html, "Knife amnesty"
    )
    assert '<strong class="govuk-tag govuk-tag--blue">Complete</strong>' in _row(
        html, "Street pastors"
    )
    assert "sb-row--complete" in html[html.rindex("<tr", 0, html.index("Street pastors")) :]
    # The key is read out in words too.
    words = " ".join(html.split())
    assert "Blue</strong> complete" in words and "Amber</strong> on hold" in words
    assert KeyAction.objects.get(title="Bystander training").status == "on_hold"


def test_the_exception_style_key_names_red_amber_green(
    manager_a_client, partnership_a, manager_a, add_key_action, update
):
    plan = services.plan_create(
        partnership=partnership_a,
        by=manager_a,
        name="Youth justice plan 2025/26",
        status_key=StatusKey.RAG,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    behind = add_key_action("3.1", "Reduce first-time entrants", plan=plan)
    update(behind, KeyActionStatus.AT_RISK, "Referrals down.")
    add_key_action("3.2", "Restorative justice offer", plan=plan)

    html = manager_a_client.get(f"/p/{partnership_a.slug}/plans/{plan.pk}/").content.decode()

    assert '<strong class="govuk-tag govuk-tag--orange">Amber: at risk</strong>' in _row(
        html, "Reduce first-time entrants"
    )
    assert '<strong class="govuk-tag govuk-tag--green">Green: on track</strong>' in _row(
        html, "Restorative justice offer"
    )


def test_a_status_outside_the_plans_key_is_refused(plan, add_key_action, update):
    action = add_key_action("1.1", "Bystander training")

    try:
        update(action, KeyActionStatus.AT_RISK, "Behind.")
    except Exception as error:  # noqa: BLE001 - the message is what matters
        message = str(error)
    else:
        message = ""

    assert "reports status as complete, progressing, on hold, not started" in message
    action.refresh_from_db()
    assert action.status == KeyActionStatus.NOT_STARTED and not action.updates.exists()


def test_changing_the_key_carries_statuses_by_colour(plan, add_key_action, update, manager_a):
    on_hold = add_key_action("1.1", "Bystander training")
    update(on_hold, KeyActionStatus.ON_HOLD, "Waiting for funding.")
    plan.refresh_from_db()

    services.plan_update(
        plan=plan, by=manager_a, expected_version=plan.version, status_key=StatusKey.RAG
    )

    on_hold.refresh_from_db()
    assert on_hold.status == KeyActionStatus.AT_RISK
    assert "On hold is now Amber: at risk" in on_hold.updates.first().note

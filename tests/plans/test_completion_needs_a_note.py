"""Marking a key action complete needs a note and a date; the date becomes its completion date."""

import datetime

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.plans.models import KeyActionStatus


def test_complete_without_a_note_is_refused(plan, add_key_action, update):
    action = add_key_action("1.1", "Bystander training")

    with pytest.raises(BusinessRuleError, match="marked complete needs a note"):
        update(action, KeyActionStatus.COMPLETE, note="  ")

    action.refresh_from_db()
    assert action.status == KeyActionStatus.NOT_STARTED
    assert action.completed_on is None and not action.updates.exists()


def test_complete_with_a_note_records_the_date(plan, add_key_action, update):
    action = add_key_action("1.1", "Bystander training")

    update(action, KeyActionStatus.COMPLETE, "120 staff trained.", on=datetime.date(2025, 11, 3))

    action.refresh_from_db()
    assert action.status == KeyActionStatus.COMPLETE
    assert action.completed_on == datetime.date(2025, 11, 3)


def test_reopening_clears_the_completion_date(plan, add_key_action, update):
    action = add_key_action("1.1", "Bystander training")
    update(action, KeyActionStatus.COMPLETE, "Done.")

    update(action, KeyActionStatus.PROGRESSING, "A second cohort is needed.")

    action.refresh_from_db()
    assert action.status == KeyActionStatus.PROGRESSING and action.completed_on is None


def test_the_update_page_says_what_is_missing(
    manager_a_client, plan, add_key_action, partnership_a
):
    action = add_key_action("1.1", "Bystander training")

    response = manager_a_client.post(
        f"/p/{partnership_a.slug}/plans/key-actions/{action.pk}/update/",
        {
            "version": action.version,
            "on_day": "3",
            "on_month": "11",
            "on_year": "2025",
            "status": KeyActionStatus.COMPLETE,
            "note": "",
        },
    )

    assert response.status_code == 200
    assert "Enter the update" in response.content.decode()
    action.refresh_from_db()
    assert action.status == KeyActionStatus.NOT_STARTED


def test_a_key_action_cannot_be_created_complete_without_a_date(add_key_action):
    with pytest.raises(BusinessRuleError, match="give the date it was completed"):
        add_key_action("1.1", "Bystander training", status=KeyActionStatus.COMPLETE)

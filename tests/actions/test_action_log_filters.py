import datetime

from django.urls import reverse

from tests.actions.conftest import owned_action

LOG = reverse("actions:action-list", kwargs={"partnership": "haringey"})


def test_the_log_filters_by_owner_organisation_and_status(
    partnership_a, clerk_a_client, the_police, the_council
):
    owned_action(partnership_a, text="Police patrol the park", organisation=the_police)
    lights = owned_action(partnership_a, text="Council fixes the lights", organisation=the_council)
    lights.status = "in_progress"
    lights.save()

    by_police = clerk_a_client.get(LOG, {"organisation": the_police.pk}).content.decode()
    in_progress = clerk_a_client.get(LOG, {"status": "in_progress"}).content.decode()

    assert "Police patrol the park" in by_police
    assert "Council fixes the lights" not in by_police
    assert "Council fixes the lights" in in_progress
    assert "Police patrol the park" not in in_progress


def test_overdue_actions_are_tagged_in_words_and_can_be_filtered(
    partnership_a, clerk_a_client, the_police
):
    late = owned_action(partnership_a, text="Late report", organisation=the_police)
    late.due_date = datetime.date.today() - datetime.timedelta(days=1)
    late.save()
    soon = owned_action(partnership_a, text="Future report", organisation=the_police)
    soon.due_date = datetime.date.today() + datetime.timedelta(days=7)
    soon.save()

    everything = clerk_a_client.get(LOG).content.decode()
    overdue = clerk_a_client.get(LOG, {"overdue": "on"}).content.decode()

    assert everything.count(">Overdue</strong>") == 1
    assert "Late report" in overdue
    assert "Future report" not in overdue

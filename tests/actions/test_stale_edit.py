from django.urls import reverse

from saferboard.actions.models import Action
from tests.actions.conftest import client_for, owned_action


def test_a_stale_edit_is_refused_and_both_versions_are_intact(
    partnership_a, clerk_a, manager_a, the_police
):
    action = owned_action(partnership_a, text="Share the data", organisation=the_police)
    address = reverse("actions:action-edit", kwargs={"partnership": "haringey", "pk": action.pk})

    def post(user, text):
        return client_for(user).post(
            address,
            {"text": text, "organisations": [the_police.pk], "status": "open", "version": 1},
        )

    first = post(clerk_a, "Share the burglary data by June")
    second = post(manager_a, "Share the robbery data by July")

    action = Action.objects.get()
    assert first.status_code == 302
    assert second.status_code == 200
    assert "changed by someone else" in second.content.decode()
    assert "Share the robbery data by July" in second.content.decode()  # still in the form
    assert action.text == "Share the burglary data by June"
    assert action.version == 2
    assert [h.text for h in action.history.order_by("history_id")] == [
        "Share the data",
        "Share the burglary data by June",
    ]

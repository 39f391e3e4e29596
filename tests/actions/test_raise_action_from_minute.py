import datetime

from django.urls import reverse

from saferboard.actions.models import Action
from saferboard.actions.services import action_create
from saferboard.core.errors import BusinessRuleError
from tests.factories import AgendaItemFactory, MeetingFactory


def test_clerk_raises_an_action_from_a_minute_with_the_partnership_reference(
    partnership_a, clerk_a_client, the_police
):
    meeting = MeetingFactory(partnership=partnership_a, date=datetime.date(2020, 12, 4))
    item = AgendaItemFactory(partnership=partnership_a, meeting=meeting, number=11)

    response = clerk_a_client.post(
        reverse("actions:action-add", kwargs={"partnership": "haringey"}),
        {
            "text": "Circulate the hate crime figures to partners",
            "agenda_item": item.pk,
            "organisations": [the_police.pk],
            "status": "open",
            "by_next_meeting": "on",
        },
    )

    action = Action.objects.get()
    assert response.status_code == 302
    assert action.reference == "04.12.20 Item 11"
    assert action.meeting == meeting
    assert [owner.organisation for owner in action.owners.all()] == [the_police]
    page = clerk_a_client.get(response["Location"])
    assert "04.12.20 Item 11" in page.content.decode()
    assert "By the next meeting" in page.content.decode()


def test_an_action_raised_directly_has_no_reference_unless_given(partnership_a, the_council):
    action = action_create(
        partnership=partnership_a, by=None, text="Refresh the strategy", owners=[the_council]
    )

    assert action.reference == ""
    assert action.meeting is None


def test_an_action_needs_an_owner(partnership_a):
    try:
        action_create(partnership=partnership_a, by=None, text="Nobody's job", owners=[])
    except BusinessRuleError as error:
        assert "at least one owner" in str(error)
    else:
        raise AssertionError("an action without an owner was saved")
    assert not Action.objects.exists()

"""`saferboard remind` prints one JSON summary line, keeps partnerships apart, and lists
owners it could not e-mail."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.actions.remind import TODAY, action_for, days, remind
from tests.factories import PersonFactory, PostFactory


def test_the_summary_line_says_what_was_sent_and_who_has_no_email(partnership_a, mailoutbox):
    kim = PersonFactory(partnership=partnership_a, given_name="Kim", email="kim@example.org")
    pat = PersonFactory(partnership=partnership_a, given_name="Pat", family_name="Lowe", email="")
    vacant = PostFactory(partnership=partnership_a, title="Chief Crown Prosecutor")
    action_for(partnership_a, text="One", owners=[{"person": kim}], due_date=TODAY)
    action_for(partnership_a, text="Two", owners=[{"person": kim}, {"person": pat}], due_date=TODAY)
    action_for(partnership_a, text="Three", owners=[{"post": vacant}], due_date=TODAY)

    summary = remind()

    assert summary == {
        "date": "2025-06-11",
        "dry_run": False,
        "partnerships": ["haringey"],
        "emails_sent": 1,
        "actions_reminded": 2,
        "digests_sent": 0,
        "skipped_already_sent": 0,
        "emails_failed": 0,
        "owners_without_email": ["Pat Lowe"],
        "owners_unreached": [str(vacant)],
    }
    assert len(mailoutbox) == 1


def test_one_partnerships_run_never_emails_about_anothers_actions(
    partnership_a, partnership_b, mailoutbox
):
    a_person = PersonFactory(partnership=partnership_a, email="a@example.org")
    b_person = PersonFactory(partnership=partnership_b, email="b@example.org")
    action_for(partnership_a, text="Haringey's job", owners=[{"person": a_person}], due_date=TODAY)
    action_for(partnership_b, text="The City's job", owners=[{"person": b_person}], due_date=TODAY)

    only_a = remind("--partnership", "haringey")
    assert only_a["partnerships"] == ["haringey"]
    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    assert "The City's job" not in mailoutbox[0].body

    only_b = remind("--partnership", "city-of-london")
    assert only_b["emails_sent"] == 1
    assert [m.to for m in mailoutbox[1:]] == [["b@example.org"]]
    assert "Haringey's job" not in mailoutbox[1].body

    # Every partnership, the next day: each person hears only of their own.
    both = remind(on=TODAY + days(1))
    assert both["partnerships"] == ["city-of-london", "haringey"]
    assert both["emails_sent"] == 2
    for message in mailoutbox[2:]:
        mine = "Haringey's job" if message.to == ["a@example.org"] else "The City's job"
        theirs = "The City's job" if mine == "Haringey's job" else "Haringey's job"
        assert mine in message.body and theirs not in message.body


def test_an_unknown_partnership_or_bad_date_is_one_clear_error(partnership_a):
    with pytest.raises(CommandError, match="No partnership with the slug nowhere"):
        call_command("remind", "--partnership", "nowhere", stdout=io.StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "11/06/2025", stdout=io.StringIO())

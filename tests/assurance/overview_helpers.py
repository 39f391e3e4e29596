"""Arranging submitted ratings for the partnership-view tests: `submitted(return, {"1.1":
"partly"}, number=1)` stores a submission of the return with those ratings (every other
standard of the return met), as submission_make would freeze them, without its PDF."""

import datetime

from saferboard.assurance.models import RatingLevel, Submission, SubmittedRating
from saferboard.assurance.returns import return_standards
from tests.factories import OrganisationFactory


def submitted(assurance_return, ratings=None, *, number=1, on=datetime.date(2025, 9, 1)):
    ratings = ratings or {}
    submission = Submission.objects.create(
        partnership=assurance_return.partnership,
        assurance_return=assurance_return,
        number=number,
        submitted_at=datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC),
    )
    for standard in return_standards(assurance_return):
        level = RatingLevel.objects.get(
            scale=standard.scale, code=ratings.get(standard.number, "met")
        )
        SubmittedRating.objects.create(
            partnership=assurance_return.partnership,
            submission=submission,
            standard=standard,
            level=level,
        )
    assurance_return.status = "submitted"
    assurance_return.save(update_fields=["status"])
    return submission


def invite(framework, name, *, due=datetime.date(2030, 9, 30)):
    """A new organisation of the framework's partnership, invited to return it."""
    organisation = OrganisationFactory(partnership=framework.partnership, name=name)
    return framework.returns.create(
        partnership=framework.partnership,
        organisation=organisation,
        due_date=due,
    )

"""factory-boy factories for registry records; each takes `partnership=`."""

import datetime

import factory

from saferboard.meetings import models as meeting_models
from saferboard.registry import models


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = models.Sector.OTHER


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body

    name = factory.Sequence(lambda n: f"Board {n}")
    kind = models.BodyKind.BOARD


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Post

    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    title = factory.Sequence(lambda n: f"Post {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    person = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    category = models.MembershipCategory.STATUTORY
    role = models.BodyRole.MEMBER
    start_date = datetime.date(2024, 4, 1)


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TermsOfReference

    body = factory.SubFactory(BodyFactory, partnership=factory.SelfAttribute("..partnership"))
    version_label = "2015"
    effective_date = datetime.date(2015, 7, 1)
    quorum_sectors = ["local_authority", "health", "police"]


# Meetings (saferboard.meetings).


class MeetingFactory(factory.django.DjangoModelFactory):
    """A draft meeting; pass `bodies=[...]` to attach bodies (defaults to one new body)."""

    class Meta:
        model = meeting_models.Meeting
        skip_postgeneration_save = True

    date = datetime.date(2025, 6, 12)
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    venue = "Civic Centre, Committee Room 1"

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if not create:
            return
        self.bodies.set(
            extracted if extracted is not None else [BodyFactory(partnership=self.partnership)]
        )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meeting_models.Attendance

    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    membership = factory.SubFactory(
        MembershipFactory, partnership=factory.SelfAttribute("..partnership")
    )
    status = meeting_models.AttendanceStatus.PRESENT

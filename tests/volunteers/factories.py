import datetime

import factory
from django.utils import timezone

from parcours.volunteers.models import Application, Block, Commitment
from tests.people.factories import UserFactory


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    title = factory.Sequence(lambda n: f"Bloc {n}")
    body = "Un atelier chaque semaine."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    role = Application.Role.VOLUNTEER
    first_name = "Léa"
    last_name = "Fontaine"
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    available_days = [1]
    available_times = ["afternoon"]
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda a: a.start_date + datetime.timedelta(days=90))
    motivation = "J'aime expliquer."
    privacy_accepted_at = factory.LazyFunction(timezone.now)

    class Params:
        decided = factory.Trait(decided_at=factory.LazyFunction(timezone.now))
        declined = factory.Trait(
            status=Application.Status.DECLINED,
            decline_reason="Pas disponible assez longtemps.",
            decided_at=factory.LazyFunction(timezone.now),
        )
        withdrawn = factory.Trait(
            status=Application.Status.WITHDRAWN, decided_at=factory.LazyFunction(timezone.now)
        )
        accepted = factory.Trait(
            status=Application.Status.ACCEPTED, decided_at=factory.LazyFunction(timezone.now)
        )


class CommitmentFactory(factory.django.DjangoModelFactory):
    """An accepted application's commitment, with its trainer account unless user=None."""

    class Meta:
        model = Commitment

    application = factory.SubFactory(ApplicationFactory, accepted=True)
    user = factory.SubFactory(UserFactory, trainer=True)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))

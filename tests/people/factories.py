import factory

from parcours.people.models import Organisation, Sharing, Site, Trainee, User

PASSWORD = "un mot de passe solide"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Structure {n}")

    class Params:
        shares_trainees = factory.Trait(social_workers_see_all=True)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Lieu {n}")
    address = "1 rue de la Paix"
    postcode = "75002"
    city = "Paris"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = User.Role.COORDINATOR
    password = factory.django.Password(PASSWORD)

    class Params:
        coordinator = factory.Trait(role=User.Role.COORDINATOR)
        trainer = factory.Trait(role=User.Role.TRAINER)
        social_worker = factory.Trait(
            role=User.Role.SOCIAL_WORKER, organisation=factory.SubFactory(OrganisationFactory)
        )

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)

    @factory.post_generation
    def charter(self, create, extracted, **kwargs):
        # Trainers are past the confidentiality charter unless a test passes charter=False.
        if create and self.role == User.Role.TRAINER and extracted is not False:
            from django.conf import settings

            from parcours.volunteers.models import CharterAcceptance

            CharterAcceptance.objects.get_or_create(user=self, version=settings.CHARTER_VERSION)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        # Coordinators have an authenticator app, as they must, unless a test passes
        # two_factor=False; other staff have one only with two_factor=True.
        wanted = self.role == User.Role.COORDINATOR if extracted is None else extracted
        if create and wanted:
            import pyotp

            from parcours.people.models import TwoFactorDevice

            TwoFactorDevice.objects.get_or_create(
                user=self, defaults={"secret": pyotp.random_base32()}
            )


class TraineeUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"stagiaire{n}")
    email = ""
    first_name = ""
    last_name = ""
    role = User.Role.TRAINEE
    password = factory.django.Password("246810")


class TraineeFactory(factory.django.DjangoModelFactory):
    """A trainee with PIN 246810 unless `user__password` says otherwise."""

    class Meta:
        model = Trainee

    user = factory.SubFactory(TraineeUserFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    site = factory.SubFactory(SiteFactory)
    referrer = factory.SubFactory(UserFactory, social_worker=True)
    organisation = factory.SelfAttribute("referrer.organisation")
    # Most tests are about a trainee already past their first sign-in.
    sharing = Sharing.CONFIRMED

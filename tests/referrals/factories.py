import factory

from parcours.people.models import ConsentEvent
from parcours.referrals.models import Referral
from tests.people.factories import UserFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    referrer = factory.SubFactory(UserFactory, social_worker=True)
    organisation = factory.SelfAttribute("referrer.organisation")
    first_name = "Samira"
    last_name = "Belkacem"
    birth_year = 1991
    reading_level = "little"
    needs = ["email"]
    consent_method = "oral"

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    @factory.post_generation
    def consent_event(self, create, extracted, **kwargs):
        # Every referral carries the consent its referrer recorded (as submit_referral does).
        if create:
            ConsentEvent.objects.create(
                kind=ConsentEvent.Kind.REFERRAL,
                method=self.consent_method,
                referral=self,
                recorded_by=self.referrer,
            )

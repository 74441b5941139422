from django.urls import reverse

from parcours.access import trainees_for
from parcours.referrals.models import Referral
from tests.people.factories import TraineeFactory
from tests.referrals.factories import ReferralFactory


def test_same_phone_is_a_possible_duplicate(social_worker, site):
    known = TraineeFactory(first_name="Awa", last_name="Konaté", phone="+33612345678", site=site)
    referral = ReferralFactory(
        referrer=social_worker, first_name="Aïcha", last_name="Traoré", phone="+33612345678"
    )
    trainees, _ = referral.possible_duplicates()
    assert trainees == [known]


def test_close_name_and_same_birth_year_is_a_possible_duplicate(social_worker, site):
    known = TraineeFactory(first_name="Fatoumata", last_name="Diallo", birth_year=1987, site=site)
    TraineeFactory(first_name="Fatoumata", last_name="Diallo", birth_year=1960, site=site)
    referral = ReferralFactory(
        referrer=social_worker, first_name="Fatoumatta", last_name="DIALLO", birth_year=1987
    )
    trainees, _ = referral.possible_duplicates()
    assert trainees == [known]


def test_another_open_referral_of_the_same_person_is_shown(social_worker, other_social_worker):
    first = ReferralFactory(
        referrer=social_worker, first_name="Olena", last_name="Kovalenko", birth_year=1968
    )
    second = ReferralFactory(
        referrer=other_social_worker, first_name="Olena", last_name="Kovalenko", birth_year=1968
    )
    assert first.possible_duplicates()[1] == [second]


def test_the_coordinator_sees_duplicates_and_merging_keeps_both_histories(
    client, coordinator, trainee, other_social_worker
):
    duplicate = ReferralFactory(
        referrer=other_social_worker, first_name="Amina", last_name="Rakoto", birth_year=None
    )
    client.force_login(coordinator)
    page = client.get(reverse("referrals:detail", args=[duplicate.pk]))
    assert "Doublon possible" in page.text
    client.post(reverse("referrals:merge", args=[duplicate.pk]), {"trainee": trainee.pk})
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.trainee) == (Referral.Status.MERGED, trainee)
    # The first referrer keeps the trainee; the second one now follows her too.
    assert trainees_for(trainee.referrer).filter(pk=trainee.pk).exists()
    assert trainees_for(other_social_worker).filter(pk=trainee.pk).exists()

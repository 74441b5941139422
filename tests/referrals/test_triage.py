import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.courses.models import Enrolment
from parcours.notifications.models import Notification
from parcours.people.models import ConsentEvent, Trainee
from parcours.referrals.models import Referral
from tests.courses.factories import CourseFactory, EnrolmentFactory
from tests.referrals.factories import ReferralFactory


def test_the_queue_is_oldest_first_beside_courses_and_their_free_seats(
    coordinator_client, social_worker, course
):
    newer = ReferralFactory(referrer=social_worker, first_name="Récente")
    older = ReferralFactory(referrer=social_worker, first_name="Ancienne")
    Referral.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    EnrolmentFactory.create_batch(3, course=course)
    response = coordinator_client.get(reverse("referrals:triage"))
    assert [r.pk for r in response.context["queue"]] == [older.pk, newer.pk]
    assert response.text.index("Ancienne") < response.text.index("Récente")
    assert "5 places libres" in response.text


def test_accepting_creates_the_account_enrols_and_shows_the_pin_once(
    coordinator_client,
    coordinator,
    referral,
    course,
    social_worker,
    django_capture_on_commit_callbacks,
    run_tasks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("referrals:accept", args=[referral.pk]), {"course": course.pk}, follow=True
        )
    trainee = Trainee.objects.get(first_name="Samira")
    pin = re.search(r'class="pin-digits">(\d{6})<', response.text).group(1)
    assert trainee.user.check_password(pin)
    assert trainee.user.username == "samira"
    assert (trainee.referrer, trainee.organisation, trainee.site) == (
        social_worker,
        social_worker.organisation,
        course.room.site,
    )
    assert Enrolment.objects.current().get(trainee=trainee).course == course
    referral.refresh_from_db()
    assert (referral.status, referral.trainee, referral.decided_by) == (
        "enrolled",
        trainee,
        coordinator,
    )
    assert ConsentEvent.objects.get(kind="referral").trainee == trainee
    assert Entry.objects.filter(action="referral_accepted", trainee_id=trainee.pk).exists()
    assert reverse("people:login_card", args=[trainee.pk]) in response.text
    # The referrer hears of it in the app and by an e-mail that names the first name only.
    assert Notification.objects.filter(recipient=social_worker).exists()
    assert run_tasks() == 1
    (email,) = mail.outbox
    assert (
        "Samira" in email.body and "Belkacem" not in email.body and "Belkacem" not in email.subject
    )


def test_a_full_course_is_refused_and_nothing_is_created(coordinator_client, referral):
    full = CourseFactory(capacity=1)
    EnrolmentFactory(course=full)
    response = coordinator_client.post(
        reverse("referrals:accept", args=[referral.pk]), {"course": full.pk}, follow=True
    )
    assert "Cet atelier est complet" in response.text
    referral.refresh_from_db()
    assert referral.status == "submitted"
    assert not Trainee.objects.filter(first_name="Samira").exists()


def test_a_referral_is_decided_only_once(coordinator_client, referral, course):
    coordinator_client.post(reverse("referrals:decline", args=[referral.pk]), {"reason": "Doublon"})
    response = coordinator_client.post(
        reverse("referrals:accept", args=[referral.pk]), {"course": course.pk}, follow=True
    )
    assert "déjà été traitée" in response.text
    assert not Trainee.objects.filter(first_name="Samira").exists()


def test_declining_needs_a_reason_that_the_referrer_reads(
    client, coordinator, social_worker, referral
):
    client.force_login(coordinator)
    response = client.post(
        reverse("referrals:decline", args=[referral.pk]), {"reason": ""}, follow=True
    )
    assert "Écrivez le motif" in response.text
    client.post(
        reverse("referrals:decline", args=[referral.pk]), {"reason": "Orientée vers le GRETA."}
    )
    client.force_login(social_worker)
    page = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert "refusée" in page.text and "Orientée vers le GRETA." in page.text


def test_the_waiting_list_keeps_its_order_and_a_freed_seat_prompts_the_next(
    coordinator_client, coordinator, social_worker, course
):
    course.capacity = 1
    course.save()
    seat = EnrolmentFactory(course=course)
    first = ReferralFactory(referrer=social_worker, first_name="Première")
    second = ReferralFactory(referrer=social_worker, first_name="Seconde")
    for referral in (first, second):
        coordinator_client.post(
            reverse("referrals:wait", args=[referral.pk]), {"course": course.pk}
        )
    assert list(Referral.objects.waiting_for(course)) == [first, second]
    # Confirming the first on the same list again keeps her place.
    coordinator_client.post(reverse("referrals:wait", args=[first.pk]), {"course": course.pk})
    assert list(Referral.objects.waiting_for(course)) == [first, second]

    response = coordinator_client.post(
        reverse("people:trainee_end_enrolment", args=[seat.trainee.pk, seat.pk])
    )
    assert response.url == reverse("referrals:detail", args=[first.pk])
    prompt = Notification.objects.get(recipient=coordinator, text__contains="place s'est libérée")
    assert "Première" in prompt.text
    triage = coordinator_client.get(reverse("referrals:triage"))
    assert "proposez-la à Première" in triage.text


def test_social_worker_b_cannot_see_or_act_on_social_worker_a_referrals(
    client, other_social_worker, referral, course
):
    client.force_login(other_social_worker)
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert (
        client.post(
            reverse("referrals:accept", args=[referral.pk]), {"course": course.pk}
        ).status_code
        == 404
    )
    assert "Samira" not in client.get(reverse("referrals:list")).text
    assert "Samira" not in client.get(reverse("people:home")).text

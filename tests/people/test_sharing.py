from django.urls import reverse

from parcours.people.models import ConsentEvent, Sharing
from tests.conftest import PIN


def sign_in(client):
    return client.post(
        reverse("people:trainee_login"), {"username": "amina", "pin": PIN}, follow=True
    )


def test_at_first_sign_in_the_trainee_sees_who_referred_them_and_answers(
    client, trainee, social_worker
):
    trainee.sharing = Sharing.PENDING
    trainee.save()
    page = sign_in(client)
    assert page.redirect_chain[-1][0] == reverse("people:my_sharing")
    assert social_worker.display_name in page.text
    assert "si vous venez à l" in page.text
    client.post(reverse("people:my_sharing"), {"choice": "yes"})
    trainee.refresh_from_db()
    assert trainee.sharing == Sharing.CONFIRMED
    assert ConsentEvent.objects.filter(trainee=trainee, kind="confirmed", method="online").exists()
    assert "Bonjour Amina" in client.get(reverse("people:home")).text


def test_until_the_trainee_confirms_the_referrer_sees_the_enrolment_only(
    client, trainee, social_worker, enrolment
):
    trainee.sharing = Sharing.PENDING
    trainee.phone = "+33611111111"
    trainee.save()
    client.force_login(social_worker)
    page = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    assert "pas encore confirmé le partage" in page.text
    assert enrolment.course.title in page.text
    assert "+33611111111" not in page.text


def test_a_refusal_is_stated_plainly_to_the_referrer(client, trainee, social_worker):
    trainee.sharing = Sharing.PENDING
    trainee.save()
    sign_in(client)
    client.post(reverse("people:my_sharing"), {"choice": "no"})
    client.force_login(social_worker)
    page = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    assert "ne partage pas sa présence et ses progrès avec vous" in page.text


def test_the_trainee_withdraws_from_their_page_in_two_clicks(client, trainee, social_worker):
    sign_in(client)
    home = client.get(reverse("people:home"))
    assert reverse("people:my_sharing") in home.text  # click 1: "Changer mon accord"
    client.post(reverse("people:my_sharing"), {"choice": "stop"})  # click 2: "Ne plus partager"
    trainee.refresh_from_db()
    assert trainee.sharing == Sharing.WITHDRAWN
    # Applies on the referrer's next request.
    client.force_login(social_worker)
    assert "ne partage pas" in client.get(reverse("people:trainee_detail", args=[trainee.pk])).text
    assert social_worker.notifications.filter(text__contains="retiré son accord").exists()


def test_the_referrer_withdraws_at_the_person_request(client, trainee, social_worker, coordinator):
    client.force_login(social_worker)
    client.post(reverse("people:trainee_withdraw_sharing", args=[trainee.pk]))
    trainee.refresh_from_db()
    assert trainee.sharing == Sharing.WITHDRAWN
    event = ConsentEvent.objects.get(trainee=trainee, kind="withdrawn")
    assert event.recorded_by == social_worker
    client.force_login(coordinator)
    history = client.get(reverse("people:trainee_detail", args=[trainee.pk])).text
    assert "partage retiré" in history

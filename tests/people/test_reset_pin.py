import re

from django.urls import reverse

from parcours.audit.models import Entry
from parcours.people.models import is_trivial_pin


def url(trainee):
    return reverse("people:trainee_reset_pin", args=[trainee.pk])


def test_trainer_gives_a_new_pin_shown_once(client, trainer, trainee):
    trainee.user.locked = True
    trainee.user.failed_logins = 10
    trainee.user.save()
    client.force_login(trainer)
    response = client.post(url(trainee), follow=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    pin = re.search(r'class="pin-digits">(\d{6})<', response.text).group(1)
    assert not is_trivial_pin(pin)
    trainee.user.refresh_from_db()
    assert trainee.user.check_password(pin)
    assert not trainee.user.locked and trainee.user.failed_logins == 0
    assert Entry.objects.filter(
        action=Entry.Action.PIN_RESET, actor=trainer, trainee_id=trainee.pk
    ).exists()
    # Reloading the page neither shows the PIN again nor makes another one.
    again = client.get(reverse("people:trainee_new_pin", args=[trainee.pk]), follow=True)
    assert pin not in again.text
    assert "Ce code a déjà été affiché" in again.text
    trainee.user.refresh_from_db()
    assert trainee.user.check_password(pin)
    # The new PIN opens the account through the real form.
    client.logout()
    assert (
        client.post(reverse("people:trainee_login"), {"username": "amina", "pin": pin}).status_code
        == 302
    )


def test_it_requires_post(client, coordinator, trainee):
    client.force_login(coordinator)
    assert client.get(url(trainee)).status_code == 405


def test_social_worker_cannot_reset_a_pin(client, social_worker, trainee):
    client.force_login(social_worker)
    assert client.post(url(trainee)).status_code == 404
    trainee.user.refresh_from_db()
    assert trainee.user.check_password("246810")


def test_trainer_of_another_site_cannot_reset_a_pin(client, other_trainer, trainee):
    client.force_login(other_trainer)
    assert client.post(url(trainee)).status_code == 404


def test_unlock_keeps_the_pin_and_is_journalled(client, coordinator, trainee):
    trainee.user.locked = True
    trainee.user.save()
    client.force_login(coordinator)
    response = client.post(reverse("people:trainee_unlock", args=[trainee.pk]))
    assert response.status_code == 302
    trainee.user.refresh_from_db()
    assert not trainee.user.locked
    assert trainee.user.check_password("246810")
    assert Entry.objects.filter(
        action=Entry.Action.ACCOUNT_UNLOCKED, trainee_id=trainee.pk
    ).exists()

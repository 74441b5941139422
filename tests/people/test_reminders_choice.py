from django.urls import reverse

from tests.conftest import PIN


def test_the_trainee_opts_out_of_reminders(client, trainee):
    trainee.phone = "+33612345678"
    trainee.save()
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    page = client.get(reverse("people:my_reminders")).text
    assert "Oui, par SMS" in page and "par e-mail" not in page  # no address: no such choice
    client.post(reverse("people:my_reminders"), {"reminders": "none"})
    trainee.refresh_from_db()
    assert trainee.reminders == "none"


def test_sms_reminders_need_a_phone_number(client, trainer, trainee):
    client.force_login(trainer)
    url = reverse("people:trainee_contact", args=[trainee.pk])
    response = client.post(url, {"phone": "", "email": "amina@example.org", "reminders": "sms"})
    assert "il faut un numéro de téléphone" in response.text
    assert 'value="amina@example.org"' in response.text
    client.post(url, {"phone": "07 81 22 33 44", "email": "", "reminders": "sms"})
    trainee.refresh_from_db()
    assert (trainee.phone, trainee.reminders) == ("+33781223344", "sms")


def test_a_contact_correction_is_journalled_without_the_values(client, trainer, trainee):
    from parcours.audit.models import Entry

    client.force_login(trainer)
    url = reverse("people:trainee_contact", args=[trainee.pk])
    current = {"phone": trainee.phone, "email": trainee.email, "reminders": trainee.reminders}
    client.post(url, {**current, "reminders": "none"})  # a choice, not a correction
    assert not Entry.objects.filter(action=Entry.Action.TRAINEE_RECTIFIED).exists()
    client.post(url, {**current, "phone": "07 81 22 33 44", "reminders": "none"})
    entry = Entry.objects.get(action=Entry.Action.TRAINEE_RECTIFIED)
    assert (entry.actor, entry.trainee_id, entry.object_id) == (trainer, trainee.pk, "phone")
    assert "7812" not in str(entry.__dict__)

import re

from django.urls import reverse

from parcours.notifications.models import Notification
from parcours.people.models import ConsentEvent
from parcours.referrals.models import Referral

URL = reverse("referrals:create")


def form_data(**overrides):
    data = {
        "first_name": "Samira",
        "last_name": "Belkacem",
        "birth_year": "1991",
        "phone": "06 12 34 56 78",
        "email": "",
        "languages": "arabe, français",
        "reading_level": "little",
        "housing_facility": "CHU Les Tilleuls",
        "needs_digital": ["email"],
        "needs_admin": ["social_sante"],
        "needs_text": "Faire ses démarches CAF",
        "available_days": ["1", "3"],
        "available_times": ["afternoon"],
        "availability_note": "Pas le lundi",
        "consent": "on",
        "consent_method": "oral",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_social_worker_refers_a_person_with_their_consent(client, social_worker, coordinator):
    client.force_login(social_worker)
    response = client.post(URL, form_data())
    referral = Referral.objects.get()
    assert response.url == reverse("referrals:detail", args=[referral.pk])
    assert referral.referrer == social_worker
    assert referral.organisation == social_worker.organisation
    assert referral.status == Referral.Status.SUBMITTED
    assert referral.phone == "+33612345678"
    assert referral.needs == ["email", "social_sante"]
    assert referral.available_days == [1, 3]
    event = ConsentEvent.objects.get(referral=referral)
    assert (event.kind, event.method, event.recorded_by) == ("referral", "oral", social_worker)
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_without_consent_nothing_is_recorded_and_nothing_typed_is_lost(client, social_worker):
    client.force_login(social_worker)
    response = client.post(URL, form_data(consent=None))
    assert response.status_code == 200
    assert (
        "Sans l&#x27;accord de la personne, l&#x27;orientation n&#x27;est pas possible."
        in response.text
    )
    assert not Referral.objects.exists()
    for kept in [
        'value="Samira"',
        'value="Belkacem"',
        "Faire ses démarches CAF",
        'value="Pas le lundi"',
    ]:
        assert kept in response.text, kept
    assert re.search(r'<input[^>]*value="email"[^>]*checked', response.text)
    assert re.search(r'<input[^>]*value="oral"[^>]*checked', response.text)


def test_a_wrong_phone_number_is_explained_next_to_the_field(client, social_worker):
    client.force_login(social_worker)
    response = client.post(URL, form_data(phone="06 12"))
    assert "Ce numéro de téléphone n&#x27;existe pas." in response.text
    assert not Referral.objects.exists()


def test_international_numbers_are_accepted(client, social_worker):
    client.force_login(social_worker)
    client.post(URL, form_data(phone="+44 7911 123456"))
    assert Referral.objects.get().phone == "+447911123456"


def test_a_need_must_be_given(client, social_worker):
    client.force_login(social_worker)
    response = client.post(URL, form_data(needs_digital=None, needs_admin=None, needs_text=""))
    assert "Cochez au moins un besoin" in response.text


def test_the_referrer_follows_the_status_on_their_home(client, social_worker, referral):
    client.force_login(social_worker)
    response = client.get(reverse("people:home"))
    assert "Samira Belkacem" in response.text
    assert "à traiter" in response.text

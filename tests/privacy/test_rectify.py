"""Rectification: the coordinator, or the referrer while the person shares with them,
corrects identity and contact details; the change is journalled (fields, not values)."""

import pytest
from django.urls import reverse

from parcours.audit.models import Entry
from parcours.people.models import Sharing
from parcours.privacy import journal
from tests.conftest import PIN

pytestmark = pytest.mark.django_db

CORRECTED = {
    "first_name": "Amina",
    "last_name": "Rakotomalala",
    "birth_year": "1990",
    "languages": "malgache, français",
    "phone": "06 12 34 56 78",
    "email": "Amina.R@Example.org",
    "housing_facility": "CHU Les Tilleuls",
}


def test_the_coordinator_corrects_the_identity_from_the_record(client, coordinator, trainee):
    client.force_login(coordinator)
    record = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    url = reverse("privacy:trainee_rectify", args=[trainee.pk])
    assert url in record.text

    response = client.post(url, CORRECTED)

    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.last_name, trainee.phone, trainee.email, trainee.birth_year) == (
        "Rakotomalala",
        "+33612345678",
        "amina.r@example.org",
        1990,
    )
    entry = Entry.objects.get(action=journal.TRAINEE_RECTIFIED)
    assert (entry.actor, entry.trainee_id) == (coordinator, trainee.pk)
    # Which fields changed, never what they held.
    assert entry.object_id == "birth_year,email,housing_facility,languages,last_name,phone"
    assert "Rakotomalala" not in str(entry.__dict__)


def test_nothing_changed_writes_no_journal_entry(client, coordinator, trainee):
    client.force_login(coordinator)
    form = client.get(reverse("privacy:trainee_rectify", args=[trainee.pk])).context["form"]
    unchanged = {name: form[name].value() or "" for name in form.fields}
    client.post(reverse("privacy:trainee_rectify", args=[trainee.pk]), unchanged)
    assert not Entry.objects.filter(action=journal.TRAINEE_RECTIFIED).exists()


def test_a_wrong_phone_is_explained_in_french_and_the_form_keeps_what_was_typed(
    client, coordinator, trainee
):
    client.force_login(coordinator)
    page = client.post(
        reverse("privacy:trainee_rectify", args=[trainee.pk]),
        {**CORRECTED, "phone": "06 12", "birth_year": "1790"},
    )
    assert page.status_code == 200
    assert "Ce numéro de téléphone n&#x27;existe pas" in page.text
    assert "Cette année de naissance n&#x27;est pas possible" in page.text
    assert 'value="Rakotomalala"' in page.text and 'value="06 12"' in page.text
    trainee.refresh_from_db()
    assert trainee.last_name == "Rakoto"


def test_the_referrer_corrects_while_the_person_shares_with_them(client, social_worker, trainee):
    client.force_login(social_worker)
    url = reverse("privacy:trainee_rectify", args=[trainee.pk])
    assert url in client.get(reverse("people:trainee_detail", args=[trainee.pk])).text
    client.post(url, CORRECTED)
    trainee.refresh_from_db()
    assert trainee.last_name == "Rakotomalala"
    assert Entry.objects.get(action=journal.TRAINEE_RECTIFIED).actor == social_worker


def test_the_referrer_cannot_once_sharing_is_withdrawn(client, social_worker, trainee):
    trainee.sharing = Sharing.WITHDRAWN
    trainee.save()
    client.force_login(social_worker)
    url = reverse("privacy:trainee_rectify", args=[trainee.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, CORRECTED).status_code == 404
    assert url not in client.get(reverse("people:trainee_detail", args=[trainee.pk])).text


def test_trainers_and_other_social_workers_cannot(client, trainer, other_social_worker, trainee):
    for user in (trainer, other_social_worker):
        client.force_login(user)
        response = client.post(reverse("privacy:trainee_rectify", args=[trainee.pk]), CORRECTED)
        assert response.status_code == 404
    trainee.refresh_from_db()
    assert trainee.last_name == "Rakoto"


def test_the_trainee_page_says_whom_to_ask(client, trainee, trainer, enrolment):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    page = client.get(reverse("privacy:my_data"))
    assert "Une information est fausse" in page.text
    assert f"<strong>{trainer.first_name}</strong>" in page.text
    assert "à la coordination du programme" in page.text
    assert trainee.referrer.display_name in page.text

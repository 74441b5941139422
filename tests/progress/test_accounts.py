import pytest
from django.urls import reverse

from parcours.progress.forms import AccountEntryForm, looks_like_password
from parcours.progress.models import AccountEntry


def post(client, trainee, **data):
    base = {
        "service": "caf",
        "service_name": "",
        "identifier": "1234567",
        "recovery_email": "",
        "recovery_phone": "",
        "created_on": "2026-11-20",
    }
    return client.post(reverse("progress:accounts", args=[trainee.pk]), {**base, **data})


def test_the_notebook_keeps_identifier_and_recovery_means(client, trainer, trainee):
    client.force_login(trainer)
    post(client, trainee, recovery_email="amina@example.org", recovery_phone="06 12 34 56 78")
    entry = AccountEntry.objects.get()
    assert (entry.identifier, entry.recovery_email, entry.recovery_phone) == (
        "1234567",
        "amina@example.org",
        "+33612345678",
    )
    page = client.get(reverse("progress:accounts", args=[trainee.pk])).text
    assert "Mot de passe oublié" in page  # how to recover, for the trainer


def test_a_recovery_email_that_is_not_one_is_refused(client, trainer, trainee):
    client.force_login(trainer)
    response = post(client, trainee, recovery_email="Soleil2024!")
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.text
    assert 'value="1234567"' in response.text
    assert not AccountEntry.objects.exists()


def test_something_that_looks_like_a_password_is_refused_as_identifier(client, trainer, trainee):
    client.force_login(trainer)
    response = post(client, trainee, identifier="Amina2024!")
    assert "Cela ressemble à un mot de passe" in response.text
    assert not AccountEntry.objects.exists()


def test_the_form_never_has_a_password_field(client, trainer, trainee):
    assert not [name for name in AccountEntryForm().fields if "pass" in name or "secret" in name]
    client.force_login(trainer)
    assert 'type="password"' not in client.get(reverse("progress:accounts", args=[trainee.pk])).text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Amina2024!", True),
        ("xK9#mQ2p", True),
        ("amina.rakoto@gmail.com", False),
        ("1234567", False),
        ("06 12 34 56 78", False),
        ("amina_rakoto", False),
        ("AminaRakoto", False),
    ],
)
def test_what_looks_like_a_password(value, expected):
    assert looks_like_password(value) is expected


def test_the_referrer_never_sees_the_notebook(client, social_worker, trainee, account_entry):
    client.force_login(social_worker)
    assert client.get(reverse("progress:accounts", args=[trainee.pk])).status_code == 404

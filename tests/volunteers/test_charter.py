import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.audit.models import Entry
from parcours.volunteers.models import CharterAcceptance
from tests.volunteers.fixtures import accept_charter

pytestmark = pytest.mark.django_db
CHARTER = reverse("volunteers:charter")


@pytest.fixture
def trainer_client(client, trainer, charter_middleware):
    # Whatever the shared fixture did, this trainer has not accepted the charter yet.
    CharterAcceptance.objects.filter(user=trainer).delete()
    client.force_login(trainer)
    return client


def test_the_charter_comes_before_any_trainee_data(trainer_client, trainer, trainee):
    detail = reverse("people:trainee_detail", args=[trainee.pk])
    response = trainer_client.get(detail)
    assert response.status_code == 302
    assert response.url == f"{CHARTER}?next={detail.replace('/', '%2F')}"
    assert trainer_client.get(reverse("people:trainee_list")).url.startswith(CHARTER)
    assert trainer_client.get(reverse("people:home")).url.startswith(CHARTER)
    # Nothing was opened: no trace of the trainee's file in the journal.
    assert not Entry.objects.filter(action="trainee_viewed").exists()

    page = trainer_client.get(CHARTER + "?next=" + detail)
    assert page.status_code == 200
    assert "Ce que je vois reste ici." in page.text
    response = trainer_client.post(
        reverse("volunteers:charter_accept"), {"agree": "on", "next": detail}
    )
    assert response.url == detail
    acceptance = CharterAcceptance.objects.get(user=trainer)
    assert acceptance.version == "2026-11" and acceptance.accepted_at is not None
    assert Entry.objects.filter(
        action="charter_accepted", actor=trainer, object_id=str(acceptance.pk)
    ).exists()
    assert trainer_client.get(detail).status_code == 200


def test_the_box_must_be_ticked(trainer_client, trainer):
    response = trainer_client.post(reverse("volunteers:charter_accept"), {})
    assert response.status_code == 200
    assert "Cochez la case pour accepter la charte" in response.text
    assert not CharterAcceptance.objects.exists()


def test_signing_out_switching_language_and_static_files_stay_open(trainer_client):
    assert trainer_client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert not trainer_client.post(reverse("set_language"), {"language": "fr"}).url.startswith(
        CHARTER
    )
    assert trainer_client.get("/static/parcours/parcours.css").status_code == 200
    response = trainer_client.post(reverse("people:logout"))
    assert response.url == reverse("public_home")


def test_an_htmx_request_is_sent_to_the_charter_as_a_whole_page(trainer_client):
    response = trainer_client.get(reverse("courses:today"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(CHARTER)


def test_a_new_charter_version_is_accepted_again(trainer_client, trainer, settings, trainee):
    accept_charter(trainer)
    detail = reverse("people:trainee_detail", args=[trainee.pk])
    assert trainer_client.get(detail).status_code == 200
    settings.CHARTER_VERSION = "2027-03"
    assert trainer_client.get(detail).url.startswith(CHARTER)
    page = trainer_client.get(CHARTER)
    assert "Version 2027-03" in page.text


@pytest.mark.parametrize("persona", ["coordinator", "social_worker", "trainee"])
def test_other_roles_are_never_stopped(client, request, persona, charter_middleware):
    person = request.getfixturevalue(persona)
    client.force_login(getattr(person, "user", person))
    assert client.get(reverse("people:home")).status_code == 200


def test_the_coordinator_reads_the_charter_without_accepting_it(client, coordinator):
    client.force_login(coordinator)
    page = client.get(CHARTER)
    assert "Ce que je vois reste ici." in page.text
    assert reverse("volunteers:charter_accept") not in page.text


def test_a_volunteer_sees_their_commitment_on_the_charter_page(client, volunteer_commitment):
    client.force_login(volunteer_commitment.user)
    page = client.get(CHARTER)
    assert "Votre engagement va du" in page.text
    assert "Votre accès à Parcours s'arrête avec lui" in page.text


def test_an_outside_next_address_is_ignored(trainer_client, trainer):
    response = trainer_client.post(
        reverse("volunteers:charter_accept"), {"agree": "on", "next": "https://evil.example/"}
    )
    assert response.url == reverse("people:home")


def test_once_signed_in_the_check_costs_no_query(client, trainer, charter_middleware):
    accept_charter(trainer)
    client.force_login(trainer)  # the answer is settled at sign-in
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("people:home")).status_code == 200
    assert not [q for q in queries if "volunteers_charteracceptance" in q["sql"]]


def test_accepting_settles_the_check_for_the_session(trainer_client, trainer):
    trainer_client.post(reverse("volunteers:charter_accept"), {"agree": "on"})
    with CaptureQueriesContext(connection) as queries:
        assert trainer_client.get(reverse("people:home")).status_code == 200
    assert not [q for q in queries if "volunteers_charteracceptance" in q["sql"]]

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.people.models import User
from parcours.volunteers.models import Commitment, Invitation
from tests.courses.factories import CourseFactory, RoomFactory
from tests.people.factories import UserFactory
from tests.volunteers.factories import ApplicationFactory, CommitmentFactory

pytestmark = pytest.mark.django_db
PASSWORD = "trois chevaux bleus"


def accept(client, application, **changes):
    start = timezone.localdate() + datetime.timedelta(days=7)
    data = {
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=90)).isoformat(),
        "email": application.email,
    }
    data.update(changes)
    return client.post(reverse("volunteers:application_accept", args=[application.pk]), data)


def link_in(message):
    return re.search(r"http://testserver(/benevoles/invitation/[^/\s]+/)", message.body).group(1)


def test_accepting_records_the_commitment_and_sends_a_one_time_link(
    coordinator_client, coordinator
):
    application = ApplicationFactory(email="lea@example.org", status="meeting")
    response = accept(coordinator_client, application)
    assert response.url == reverse("volunteers:application", args=[application.pk])
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("accepted", coordinator)
    commitment = Commitment.objects.get()
    assert commitment.application == application and commitment.user is None
    assert commitment.end_date - commitment.start_date == datetime.timedelta(days=90)
    invitation = Invitation.objects.get()
    (message,) = mail.outbox
    assert message.to == ["lea@example.org"]
    link = link_in(message)
    assert invitation.token_hash not in link  # only the hash is kept
    assert Entry.objects.filter(action="invitation_sent", object_id=str(invitation.pk)).exists()
    # The period shows on the application's page.
    detail = coordinator_client.get(reverse("volunteers:application", args=[application.pk]))
    assert "Invitation envoyée à lea@example.org" in detail.text


def test_the_new_trainer_signs_up_reads_the_charter_and_the_link_dies(client, coordinator_client):
    application = ApplicationFactory(email="lea@example.org", first_name="Léa")
    accept(coordinator_client, application)
    link = link_in(mail.outbox[-1])
    client.logout()
    page = client.get(link)
    assert 'value="Léa"' in page.text  # the names come from the application
    response = client.post(
        link,
        {
            "first_name": "Léa",
            "last_name": "Fontaine",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.url == reverse("volunteers:charter")
    user = User.objects.get(email="lea@example.org")
    assert (user.role, user.is_active, user.username) == ("trainer", True, "lea@example.org")
    assert user.check_password(PASSWORD)
    assert Commitment.objects.get().user == user
    assert client.get(reverse("people:home")).wsgi_request.user == user
    client.logout()
    assert client.get(link).status_code == 404


def test_a_weak_password_is_refused_and_nothing_is_created(client, coordinator_client):
    application = ApplicationFactory(email="lea@example.org")
    accept(coordinator_client, application)
    link = link_in(mail.outbox[-1])
    client.logout()
    response = client.post(
        link,
        {"first_name": "Léa", "last_name": "F", "password1": "motdepasse123", "password2": "x"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="lea@example.org").exists()


def test_an_invitation_expires_and_a_new_link_replaces_it(client, coordinator_client):
    application = ApplicationFactory(email="lea@example.org")
    accept(coordinator_client, application)
    first = link_in(mail.outbox[-1])
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert client.get(first).status_code == 404
    commitment = Commitment.objects.get()
    coordinator_client.post(reverse("volunteers:commitment_invite", args=[commitment.pk]))
    second = link_in(mail.outbox[-1])
    assert second != first
    assert Invitation.objects.count() == 1
    client.logout()
    assert client.get(second).status_code == 200


def test_an_address_that_already_has_an_account_is_refused(coordinator_client, social_worker):
    application = ApplicationFactory(email=social_worker.email, role="social_worker")
    response = accept(coordinator_client, application)
    assert response.status_code == 200
    assert "Cette adresse a déjà un compte Parcours" in response.text
    application.refresh_from_db()
    assert application.status == "new"
    assert not Commitment.objects.exists()
    # Another address of the person's may be given instead.
    accept(coordinator_client, application, email="perso@example.org")
    assert Invitation.objects.get().email == "perso@example.org"


def test_accepting_needs_a_month_at_least(coordinator_client):
    application = ApplicationFactory()
    start = timezone.localdate()
    response = accept(
        coordinator_client,
        application,
        start_date=start.isoformat(),
        end_date=(start + datetime.timedelta(days=14)).isoformat(),
    )
    assert "Nous demandons un engagement d&#x27;au moins un mois" in response.text
    assert not Commitment.objects.exists()


def test_the_coordinator_assigns_courses_and_the_volunteer_works_at_their_sites(
    coordinator_client, site, other_site
):
    commitment = CommitmentFactory()
    here = CourseFactory(room=RoomFactory(site=site))
    there = CourseFactory(room=RoomFactory(site=other_site))
    url = reverse("volunteers:commitment_courses", args=[commitment.pk])
    coordinator_client.post(url, {"courses": [here.pk, there.pk]})
    assert set(commitment.user.courses.all()) == {here, there}
    assert set(commitment.user.sites.all()) == {site, other_site}
    coordinator_client.post(url, {"courses": [here.pk]})
    assert list(commitment.user.courses.all()) == [here]
    # Other trainers of the course stay.
    colleague = UserFactory(trainer=True)
    here.trainers.add(colleague)
    coordinator_client.post(url, {"courses": []})
    assert list(here.trainers.all()) == [colleague]


def test_courses_wait_for_the_account(coordinator_client, course):
    commitment = CommitmentFactory(user=None)
    response = coordinator_client.post(
        reverse("volunteers:commitment_courses", args=[commitment.pk]),
        {"courses": [course.pk]},
        follow=True,
    )
    assert "pas encore créé son compte" in response.text


def test_renewing_moves_the_end_and_is_journaled(coordinator_client, coordinator):
    commitment = CommitmentFactory()
    new_end = commitment.end_date + datetime.timedelta(days=60)
    response = coordinator_client.post(
        reverse("volunteers:commitment_renew", args=[commitment.pk]),
        {"end_date": new_end.isoformat()},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.end_date, commitment.renewals) == (new_end, 1)
    entry = Entry.objects.get(action="commitment_renewed")
    assert (entry.actor, entry.object_id) == (coordinator, str(commitment.pk))


def test_renewing_needs_a_later_end(coordinator_client):
    commitment = CommitmentFactory()
    response = coordinator_client.post(
        reverse("volunteers:commitment_renew", args=[commitment.pk]),
        {"end_date": commitment.end_date.isoformat()},
    )
    assert response.status_code == 200
    assert "Choisissez une date après la fin actuelle" in response.text

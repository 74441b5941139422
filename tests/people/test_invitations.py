import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parcours.people.models import Invitation, User


def invite(client, organisation, email="nouvelle@example.org"):
    client.post(reverse("people:organisation_invite", args=[organisation.pk]), {"email": email})
    return re.search(r"http://testserver(/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_coordinator_invites_and_the_social_worker_sets_a_password(
    client, coordinator, organisation
):
    client.force_login(coordinator)
    link = invite(client, organisation)
    assert Invitation.objects.get().token_hash not in link  # only the hash is stored
    client.logout()
    form = client.get(link)
    assert "nouvelle@example.org" in form.text
    response = client.post(
        link,
        {
            "first_name": "Inès",
            "last_name": "Morel",
            "password1": "trois chevaux bleus",
            "password2": "trois chevaux bleus",
        },
    )
    assert response.url == reverse("people:home")
    user = User.objects.get(email="nouvelle@example.org")
    assert (user.role, user.organisation) == ("social_worker", organisation)
    # One time only.
    client.logout()
    assert client.get(link).status_code == 404


def test_a_weak_password_is_refused_and_the_names_kept(client, coordinator, organisation):
    client.force_login(coordinator)
    link = invite(client, organisation)
    client.logout()
    response = client.post(
        link,
        {
            "first_name": "Inès",
            "last_name": "Morel",
            "password1": "motdepasse123",
            "password2": "motdepasse123",
        },
    )
    assert "trop courant" in response.text
    assert 'value="Inès"' in response.text
    assert not User.objects.filter(email="nouvelle@example.org").exists()


def test_an_invitation_expires_after_seven_days(client, coordinator, organisation):
    client.force_login(coordinator)
    link = invite(client, organisation)
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    client.logout()
    response = client.get(link)
    assert response.status_code == 404
    assert "Ce lien ne marche plus" in response.text


def test_the_organisation_contact_invites_colleagues(client, social_worker, organisation):
    social_worker.is_organisation_contact = True
    social_worker.save()
    client.force_login(social_worker)
    invite(client, organisation, "collegue@example.org")
    assert Invitation.objects.get().organisation == organisation


def test_organisations_choose_whether_colleagues_see_all_referrals(
    client, coordinator, organisation, trainee
):
    from tests.people.factories import UserFactory

    colleague = UserFactory(social_worker=True, organisation=organisation)
    client.force_login(coordinator)
    client.post(
        reverse("people:organisation_visibility", args=[organisation.pk]),
        {"social_workers_see_all": "1"},
    )
    client.force_login(colleague)
    assert "Amina" in client.get(reverse("people:trainee_list")).text


def test_the_coordinator_names_the_contact_person_who_may_then_invite(
    client, coordinator, social_worker, organisation
):
    client.force_login(coordinator)
    client.post(
        reverse("people:organisation_contact", args=[organisation.pk]), {"member": social_worker.pk}
    )
    social_worker.refresh_from_db()
    assert social_worker.is_organisation_contact
    client.force_login(social_worker)
    assert client.get(reverse("people:organisation_detail", args=[organisation.pk])).context[
        "may_manage"
    ]

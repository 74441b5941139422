from django.urls import reverse

from parcours.audit.models import Entry


def url(trainee):
    return reverse("people:trainee_detail", args=[trainee.pk])


def test_coordinator_opens_a_trainee_and_the_journal_records_it(client, coordinator, trainee):
    client.force_login(coordinator)
    response = client.get(url(trainee))
    assert response.status_code == 200
    assert "Amina Rakoto" in response.text
    entry = Entry.objects.get(action=Entry.Action.TRAINEE_VIEWED)
    assert (entry.actor, entry.trainee_id, entry.ip_address) == (
        coordinator,
        trainee.pk,
        "127.0.0.1",
    )


def test_referring_social_worker_opens_their_trainee_without_sign_in_actions(
    client, social_worker, trainee
):
    client.force_login(social_worker)
    response = client.get(url(trainee))
    assert response.status_code == 200
    assert "Donner un nouveau code" not in response.text


def test_social_worker_of_another_organisation_gets_404(client, other_social_worker, trainee):
    client.force_login(other_social_worker)
    assert client.get(url(trainee)).status_code == 404
    assert not Entry.objects.exists()


def test_colleague_sees_the_trainee_when_the_organisation_shares(client, organisation, trainee):
    from tests.people.factories import UserFactory

    colleague = UserFactory(social_worker=True, organisation=organisation)
    client.force_login(colleague)
    assert client.get(url(trainee)).status_code == 404
    organisation.social_workers_see_all = True
    organisation.save()
    assert client.get(url(trainee)).status_code == 200


def test_trainer_of_another_site_gets_404(client, other_trainer, trainee):
    client.force_login(other_trainer)
    assert client.get(url(trainee)).status_code == 404


def test_a_trainee_cannot_open_a_trainee_page_even_their_own(client, trainee, other_trainee):
    client.force_login(trainee.user)
    assert client.get(url(trainee)).status_code == 404
    assert client.get(url(other_trainee)).status_code == 404

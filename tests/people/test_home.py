from django.urls import reverse

from tests.conftest import PIN

URL = reverse("people:home")


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login"))


def test_coordinator_sees_programme_figures_and_locked_accounts(
    client, coordinator, trainee, other_trainee
):
    trainee.user.locked = True
    trainee.user.save()
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.context["counts"] == {"active": 2, "total": 2}
    assert "Comptes à débloquer" in response.text
    assert "Amina Rakoto" in response.text


def test_trainer_sees_the_trainees_of_their_sites_only(client, trainer, trainee, other_trainee):
    client.force_login(trainer)
    response = client.get(URL)
    assert "Amina Rakoto" in response.text
    assert "Karim" not in response.text


def test_social_worker_sees_the_people_they_referred(client, social_worker, trainee, other_trainee):
    client.force_login(social_worker)
    response = client.get(URL)
    assert "Amina Rakoto" in response.text
    assert "Karim" not in response.text


def test_trainee_sees_their_own_page(client, trainee, other_trainee):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    response = client.get(URL)
    assert "Bonjour Amina" in response.text
    assert trainee.referrer.display_name in response.text
    assert "Karim" not in response.text


def test_home_pages_are_not_cached(client, coordinator):
    client.force_login(coordinator)
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_coordinator_home_query_count_does_not_grow_with_trainees(
    client, coordinator, site, social_worker, django_assert_num_queries
):
    from tests.people.factories import TraineeFactory

    client.force_login(coordinator)
    TraineeFactory.create_batch(2, site=site, referrer=social_worker)
    with django_assert_num_queries(9) as small:
        client.get(URL)
    TraineeFactory.create_batch(20, site=site, referrer=social_worker)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL)


def test_every_trainee_page_offers_help_with_the_trainer_name(client, trainee, enrolment, trainer):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    for url in [
        reverse("people:home"),
        reverse("progress:my_successes"),
        reverse("people:my_reminders"),
    ]:
        page = client.get(url).text
        assert "J'ai besoin d'aide</summary>" in page
        assert f"<strong>{trainer.first_name}</strong>" in page

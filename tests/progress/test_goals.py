from django.urls import reverse

from parcours.progress.models import Goal, Milestone
from tests.conftest import PIN


def test_a_reached_goal_appears_on_the_trainee_home(client, trainer, trainee):
    client.force_login(trainer)
    client.post(
        reverse("progress:goal_add", args=[trainee.pk]),
        {"milestone": Milestone.objects.get(code="own_email").pk},
    )
    goal = Goal.objects.get()
    client.post(
        reverse("progress:goal_reached", args=[goal.pk]),
        {"reached_on": "2026-11-20", "evidence_url": ""},
    )
    goal.refresh_from_db()
    assert goal.status == "reached" and str(goal.reached_on) == "2026-11-20"
    client.logout()
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    home = client.get(reverse("people:home")).text
    assert "✓ " + goal.label in home


def test_a_goal_needs_a_milestone_or_words(client, trainer, trainee):
    client.force_login(trainer)
    response = client.post(
        reverse("progress:goal_add", args=[trainee.pk]), {"own_words": ""}, follow=True
    )
    assert "Choisissez une réussite de la liste" in response.text
    assert not Goal.objects.exists()


def test_a_success_goes_public_only_with_the_trainee_consent(client, trainer, trainee, goal):
    client.force_login(trainer)
    client.post(reverse("progress:goal_reached", args=[goal.pk]), {"reached_on": "2026-11-20"})
    client.post(
        reverse("progress:goal_public_text", args=[goal.pk]),
        {"public_text": "Une stagiaire écrit à sa fille par e-mail."},
    )
    client.logout()
    assert "écrit à sa fille" not in client.get("/").text
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    client.post(reverse("progress:my_successes"), {"goal": goal.pk, "public": "yes"})
    client.post(reverse("people:logout"))
    public = client.get("/").text
    assert "Une stagiaire écrit à sa fille par e-mail." in public
    assert "Amina" not in public and "Rakoto" not in public


def test_the_referrer_sees_the_path_only_with_consent(client, social_worker, trainee, goal):
    client.force_login(social_worker)
    assert client.get(reverse("progress:path", args=[trainee.pk])).status_code == 200
    trainee.sharing = "withdrawn"
    trainee.save()
    assert client.get(reverse("progress:path", args=[trainee.pk])).status_code == 404


def test_the_trainee_takes_home_their_path_as_a_pdf(client, trainee, goal):
    import io

    from pypdf import PdfReader

    goal.status = "reached"
    goal.reached_on = "2026-11-20"
    goal.save()
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    response = client.get(reverse("progress:my_path_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Le parcours de Amina" in text
    assert "Écrire à ma fille par e-mail" in text

from django.urls import reverse
from django.utils.html import escape

from parcours.progress.models import Diagnostic, Skill


def answer(client, diagnostic, level):
    page = client.get(reverse("progress:diagnostic", args=[diagnostic.pk]))
    skill = page.context["skill"]
    client.post(
        reverse("progress:diagnostic", args=[diagnostic.pk]), {"skill": skill.pk, "level": level}
    )
    return skill


def test_an_interrupted_diagnostic_resumes_at_the_next_skill(client, trainer, trainee):
    client.force_login(trainer)
    client.post(reverse("progress:diagnostic_start", args=[trainee.pk]))
    diagnostic = Diagnostic.objects.get()
    skills = list(Skill.objects.all())
    answered = [answer(client, diagnostic, 1) for _ in range(5)]
    assert answered == skills[:5]
    # The trainer stops; later (another day) they start again: same diagnostic, sixth skill.
    response = client.post(reverse("progress:diagnostic_start", args=[trainee.pk]))
    assert response.url == reverse("progress:diagnostic", args=[diagnostic.pk])
    page = client.get(response.url)
    assert page.context["skill"] == skills[5]
    assert "question 6 sur 26" in page.text
    assert escape(skills[5].easy_fr) in page.text


def test_a_finished_diagnostic_is_compared_with_the_first(client, trainer, trainee):
    client.force_login(trainer)
    for level in (0, 2):
        client.post(reverse("progress:diagnostic_start", args=[trainee.pk]))
        diagnostic = Diagnostic.objects.latest("started_at")
        for _ in range(Skill.objects.count()):
            answer(client, diagnostic, level)
        diagnostic.refresh_from_db()
        assert diagnostic.finished_at
    page = client.get(reverse("progress:path", args=[trainee.pk]))
    comparison = page.context["comparison"]
    assert not comparison["same"]
    assert all(row.first == 0 and row.latest == 2 and row.moved for row in comparison["rows"])
    assert "<svg" in page.text and "<table>" in page.text


def test_a_social_worker_cannot_run_a_diagnostic(client, social_worker, trainee, diagnostic):
    client.force_login(social_worker)
    assert client.get(reverse("progress:diagnostic", args=[diagnostic.pk])).status_code == 404

"""The journal's search with a trainee number that int() refuses.

Found while fixing what the web vulnerability scan (.ci/run) found: "²" passes
str.isdigit() but not int(), and was a server error.
"""

from django.urls import reverse


def test_a_trainee_number_int_refuses_is_ignored(client, coordinator, trainer, trainee):
    client.force_login(trainer)
    client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    client.force_login(coordinator)
    page = client.get(reverse("audit:journal"), {"stagiaire": "²"})
    assert page.status_code == 200
    assert len(page.context["page"]) == 1

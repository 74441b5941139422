import pytest
from django.urls import reverse

from parcours.audit.models import AppendOnlyError, Entry
from tests.conftest import PIN


def test_entries_cannot_be_changed_or_deleted(client, coordinator, trainee):
    client.force_login(coordinator)
    client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    entry = Entry.objects.get()
    entry.action = "pin_reset"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_coordinator_searches_the_journal(client, coordinator, trainer, trainee, other_trainee):
    client.force_login(trainer)
    client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    client.post(reverse("people:trainee_reset_pin", args=[trainee.pk]))
    client.force_login(coordinator)
    page = client.get(reverse("audit:journal"), {"action": "pin_reset"})
    assert [e.action for e in page.context["page"]] == ["pin_reset"]
    page = client.get(reverse("audit:journal"), {"stagiaire": str(other_trainee.pk)})
    assert list(page.context["page"]) == []


def test_the_trainee_sees_who_opened_their_record(client, trainer, trainee, other_trainee):
    client.force_login(trainer)
    client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    client.logout()
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    page = client.get(reverse("audit:my_journal"))
    assert f"<strong>{trainer.first_name}</strong>" in page.text
    assert "Fiche stagiaire consultée" in page.text

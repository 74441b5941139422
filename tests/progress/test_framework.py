from django.core.management import call_command
from django.urls import reverse

from parcours.progress.framework import load_framework
from parcours.progress.models import Domain, Milestone, Skill


def test_the_migration_loaded_the_whole_framework(db):
    assert (Domain.objects.count(), Skill.objects.count(), Milestone.objects.count()) == (6, 26, 13)
    email = Skill.objects.get(code="talk.email")
    assert email.pix and email.digcomp and email.easy_fr
    assert Milestone.objects.get(code="own_email").skills.filter(code="talk.email").exists()


def test_loading_the_framework_twice_creates_nothing_new(db):
    before = (Domain.objects.count(), Skill.objects.count(), Milestone.objects.count())
    assert load_framework(Domain, Skill, Milestone) == 0
    call_command("load_skills", verbosity=0)
    assert (Domain.objects.count(), Skill.objects.count(), Milestone.objects.count()) == before


def test_a_coordinator_adds_a_local_skill_and_milestone(client, coordinator):
    client.force_login(coordinator)
    domain = Domain.objects.get(code="talk")
    client.post(
        reverse("progress:framework"),
        {
            "kind": "skill",
            "skill-domain": domain.pk,
            "skill-label_fr": "Utiliser Slack",
            "skill-easy_fr": "J'écris sur Slack",
        },
    )
    client.post(
        reverse("progress:framework"), {"kind": "milestone", "milestone-label_fr": "A son logo"}
    )
    assert Skill.objects.get(label_fr="Utiliser Slack").local
    assert Milestone.objects.get(label_fr="A son logo").local
    # Reloading the reference data keeps local entries.
    load_framework(Domain, Skill, Milestone)
    assert Skill.objects.filter(local=True).count() == 1

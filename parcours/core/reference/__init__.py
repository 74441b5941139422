"""Reference data shipped with Parcours, read once per process."""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def coop_enums():
    return json.loads((HERE / "coop_cra_enums.json").read_text(encoding="utf-8"))


def need_themes():
    """The Coop's themes, as (code, label) choices grouped for a checklist.

    Codes are the Coop's own, so referral needs export in its vocabulary.
    """
    enums = coop_enums()
    return [
        ("Numérique", list(enums["Thematique_non_administratives"].items())),
        ("Démarches administratives", list(enums["Thematique_administratives"].items())),
    ]


def need_labels():
    enums = coop_enums()
    return {**enums["Thematique_non_administratives"], **enums["Thematique_administratives"]}


@cache
def skills_framework():
    return json.loads((HERE / "skills.json").read_text(encoding="utf-8"))


def skill_choices():
    """(domain code, domain label, [(skill code, skill label)…]) in the framework's order,
    local skills included, in the current language (two queries)."""
    from parcours.progress.models import Domain

    return [
        (domain.code, domain.label, [(skill.code, skill.label) for skill in domain.skills.all()])
        for domain in Domain.objects.prefetch_related("skills")
    ]


def skill_labels():
    from parcours.progress.models import Skill

    return {skill.code: skill.label for skill in Skill.objects.all()}

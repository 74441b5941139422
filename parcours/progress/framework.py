"""Loading the skills framework (reference data) from core/reference/skills.json.

Idempotent: entries are matched by code, so loading twice creates nothing new.
Takes the model classes so that the data migration can pass its historical models.
"""

from parcours.core.reference import skills_framework


def load_framework(Domain, Skill, Milestone):
    data = skills_framework()
    created = 0
    for position, domain_data in enumerate(data["domains"]):
        domain, new = Domain.objects.update_or_create(
            code=domain_data["code"],
            defaults={
                "label_fr": domain_data["fr"],
                "label_en": domain_data.get("en", ""),
                "position": position,
            },
        )
        created += new
        for skill_position, skill in enumerate(domain_data["skills"]):
            _obj, new = Skill.objects.update_or_create(
                code=skill["code"],
                defaults={
                    "domain": domain,
                    "label_fr": skill["fr"],
                    "label_en": skill.get("en", ""),
                    "easy_fr": skill.get("easy_fr", ""),
                    "pix": skill.get("pix", ""),
                    "digcomp": skill.get("digcomp", ""),
                    "position": skill_position,
                    "local": False,
                },
            )
            created += new
    for position, milestone_data in enumerate(data["milestones"]):
        milestone, new = Milestone.objects.update_or_create(
            code=milestone_data["code"],
            defaults={
                "label_fr": milestone_data["fr"],
                "label_en": milestone_data.get("en", ""),
                "position": position,
                "local": False,
            },
        )
        created += new
        milestone.skills.set(Skill.objects.filter(code__in=milestone_data.get("skills", [])))
    return created

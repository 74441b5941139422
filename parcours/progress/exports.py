"""Exports in the field's vocabulary: La Coop de la médiation numérique's CSV."""

import csv

from parcours.core.reference import coop_enums
from parcours.courses.models import Attendance

# Parcours' skill domains, as the Coop's themes (Thematique_non_administratives).
DOMAIN_TO_COOP_THEME = {
    "start": "prendre_en_main_du_materiel",
    "web": "navigation_sur_internet",
    "talk": "email",
    "procedures": "aide_aux_demarches_administratives",
    "files": "gere_ses_contenus_numeriques",
    "safety": "securite_numerique",
}
COOP_COLUMNS = [
    "type",
    "date",
    "duree",
    "thematiques",
    "autonomie",
    "tranche_age",
    "genre",
    "statut_social",
    "type_lieu",
    "materiel",
]


def age_bracket(birth_year, on):
    if not birth_year:
        return "non_communique"
    age = on.year - birth_year
    for upper, code in [
        (12, "moins_de_douze"),
        (18, "douze_dix_huit"),
        (25, "dix_huit_vingt_quatre"),
        (40, "vingt_cinq_trente_neuf"),
        (60, "quarante_cinquante_neuf"),
        (70, "soixante_soixante_neuf"),
    ]:
        if age < upper:
            return code
    return "soixante_dix_plus"


def coop_rows(start, end):
    """One row per attended session (an individual accompaniment in a collective class)."""
    attendances = (
        Attendance.objects.filter(
            lesson__date__gte=start,
            lesson__date__lte=end,
            lesson__cancelled=False,
            status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE],
        )
        .select_related("lesson", "trainee")
        .order_by("lesson__date", "pk")
    )
    for attendance in attendances.iterator(chunk_size=2000):
        themes = sorted(
            {
                DOMAIN_TO_COOP_THEME[code.split(".")[0]]
                for code in attendance.skills
                if code.split(".")[0] in DOMAIN_TO_COOP_THEME
            }
        )
        yield {
            "type": "individuel",
            "date": attendance.lesson.date.isoformat(),
            "duree": attendance.lesson.duration_minutes,
            "thematiques": "|".join(themes) or "diagnostic_numerique",
            # Parcours does not grade autonomy per session: guided help is the class's rule.
            "autonomie": "partiellement_autonome",
            "tranche_age": age_bracket(attendance.trainee.birth_year, attendance.lesson.date),
            # Not recorded by Parcours: the Coop's own "not communicated" values.
            "genre": "non_communique",
            "statut_social": "non_communique",
            "type_lieu": "lieu_activite",
            "materiel": "ordinateur",
        }


def write_coop_csv(stream, start, end):
    writer = csv.DictWriter(stream, fieldnames=COOP_COLUMNS, delimiter=";")
    writer.writeheader()
    count = 0
    for row in coop_rows(start, end):
        writer.writerow(row)
        count += 1
    return count


def allowed_values():
    """Each column's allowed values, from the Coop's enums (for checks and tests)."""
    enums = coop_enums()
    return {
        "type": set(enums["TypeActivite"]),
        "thematiques": set(enums["Thematique_non_administratives"]),
        "autonomie": set(enums["Autonomie"]),
        "tranche_age": set(enums["TrancheAge"]),
        "genre": set(enums["Genre"]),
        "statut_social": set(enums["StatutSocial"]),
        "type_lieu": set(enums["TypeLieu"]),
        "materiel": set(enums["Materiel"]),
    }


def default_period(today):
    return today.replace(month=1, day=1), today

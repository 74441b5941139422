"""The programme's sites as open data, in the French national schema for digital-mediation
places ("standard de données des lieux de médiation numérique", v1.0.2, Frictionless
Table Schema, licence etalab-2.0; copied beside this file with its valid example).

Required fields come from each site (name, address, postcode, city); the offer is the
same on every site and is described once below. What Parcours does not know stays
empty, which the schema allows for every field but the required ones. A site missing a
required field is left out of the export (and the statistics page says which).

Quirks of v1.0.2 (see the data README): multi-valued fields are separated by `|`; the
label "Étapes numériques (La Poste)" fails its own pattern, so it is not used.
"""

import csv
import io
import json
import os
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from parcours.courses.models import Course
from parcours.people.models import Site

SCHEMA_PATH = Path(__file__).parent / "standard-mediation-num_schema_v1.0.2.json"
EXAMPLE_PATH = Path(__file__).parent / "standard-mediation-num_exemple-valide.csv"

# The cartographie nationale's placeholder for a place whose SIRET is not known yet.
UNKNOWN_PIVOT = "00000000000000"
PIVOT_PATTERN = re.compile(r"^[a-zA-Z0-9]{9,14}$")

# What the programme offers on every site, in the schema's vocabulary.
OFFER = {
    "itinerance": "Fixe",
    "services": "|".join(
        [
            "Maîtrise des outils numériques du quotidien",
            "Aide aux démarches administratives",
            "Insertion professionnelle via le numérique",
            "Accès internet et matériel informatique",
        ]
    ),
    "prise_en_charge_specifique": "Illettrisme|Langues étrangères (autres)",
    "frais_a_charge": "Gratuit",
    # People come through their social worker's referral.
    "modalites_acces": "Envoyer un mail avec une fiche de prescription",
    "modalites_accompagnement": "Dans un atelier collectif|Accompagnement individuel",
    "presentation_resume": (
        "Atelier numérique chaque semaine, même salle, même heure, pour les personnes "
        "orientées par leur travailleur·se social·e : adresse e-mail, démarches en ligne, "
        "documents gardés en lieu sûr."
    ),
    "presentation_detail": (
        "Chaque personne avance sur ce dont elle a besoin, avec un diagnostic de départ, "
        "des objectifs personnels et un compte rendu régulier à sa personne référente, "
        "avec son accord. Les ordinateurs sont fournis."
    ),
}

OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


@cache
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def field_names():
    return [field["name"] for field in schema()["fields"]]


def pivot():
    """The programme's SIRET (or RNA), from OPENDATA_SIRET at call time; else the
    national placeholder for an unknown one."""
    value = os.environ.get("OPENDATA_SIRET", "").replace(" ", "")
    return value if PIVOT_PATTERN.match(value) else UNKNOWN_PIVOT


def _postcode(site):
    value = site.postcode.replace(" ", "")
    return value if re.fullmatch(r"\d{5}", value) else ""


def is_exportable(site):
    return bool(
        site.name.strip() and site.address.strip() and site.city.strip() and _postcode(site)
    )


def _opening_hours(courses):
    """OpenStreetMap opening_hours of a site's running courses: "Tu 14:00-15:00; Th 10:00-11:00"."""
    by_day = {}
    for course in courses:
        by_day.setdefault(course.weekday, []).append(
            f"{course.start_time:%H:%M}-{course.end_time:%H:%M}"
        )
    return "; ".join(
        f"{OSM_DAYS[day]} {','.join(sorted(set(slots)))}" for day, slots in sorted(by_day.items())
    )


def rows(today=None):
    """One dict per exportable site, every schema field present (None when unknown)."""
    today = today or timezone.localdate()
    sites = [site for site in Site.objects.order_by("pk") if is_exportable(site)]
    courses = {}
    for course in Course.objects.running(today).filter(room__site__in=sites).select_related("room"):
        courses.setdefault(course.room.site_id, []).append(course)
    names = field_names()
    result = []
    for site in sites:
        row = dict.fromkeys(names)
        row.update(OFFER)
        row.update(
            {
                "id": f"parcours-lieu-{site.pk}",
                "pivot": pivot(),
                "nom": site.name.strip(),
                "commune": site.city.strip(),
                "code_postal": _postcode(site),
                "adresse": site.address.strip(),
                "horaires": _opening_hours(courses.get(site.pk, [])) or None,
                "source": settings.PROGRAMME_NAME,
                "date_maj": today.isoformat(),
            }
        )
        result.append(row)
    return result


def skipped_sites():
    """Sites left out of the export for lack of a required field."""
    return [site for site in Site.objects.order_by("name") if not is_exportable(site)]


def to_csv(data):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = field_names()
    writer.writerow(names)
    for row in data:
        writer.writerow(["" if row[name] is None else row[name] for name in names])
    return out.getvalue()


def to_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)

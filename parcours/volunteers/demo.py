"""Volunteers' demo data: the public presentation's blocks, applications in every state,
a volunteer trainer whose commitment ends in ten days (benevole@example.org,
password parcours-demo), and the demo trainer's acceptance of the charter.

Called after parcours.core.demo.load(); does nothing when its data is already there.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from parcours.people.models import User
from parcours.volunteers.models import (
    Application,
    Block,
    CharterAcceptance,
    Commitment,
    Invitation,
    Note,
)

DEMO_PASSWORD = "parcours-demo"
VOLUNTEER_EMAIL = "benevole@example.org"

BLOCKS = [
    (
        "Qui sommes-nous ?",
        "Un atelier numérique pour les personnes hébergées dans nos lieux et suivies par "
        "un·e travailleur·se social·e.\n\nChacune vient une heure par semaine, toujours à la "
        "même heure, et apprend ce dont elle a besoin : créer son adresse e-mail, faire une "
        "démarche en ligne, garder ses documents.",
    ),
    (
        "Une séance, comment ça se passe ?",
        "Six à huit personnes, un ordinateur chacune, un·e ou deux formateur·rices.\n"
        "On commence par ce que la personne veut faire aujourd'hui : un courrier de la CAF, "
        "un CV, un message à sa famille. On note ce qui a été fait, et on recommence la "
        "semaine suivante.",
    ),
    (
        "Ce que nous attendons de vous",
        "Un mois au moins, une à trois heures par semaine, de la patience et de la "
        "discrétion. Pas besoin d'être informaticien·ne : savoir se servir d'un ordinateur "
        "et aimer expliquer suffit.\nAvant votre premier atelier, vous lisez et acceptez "
        "notre charte de confidentialité.",
    ),
]


def load():
    """Create the demo data unless it is already there. Returns True when created."""
    if Application.objects.exists() or Block.objects.exists():
        return False
    now = timezone.now()
    today = timezone.localdate()
    coordinator = User.objects.filter(role=User.Role.COORDINATOR).order_by("pk").first()
    with transaction.atomic():
        for position, (title, body) in enumerate(BLOCKS, start=1):
            Block.objects.create(title=title, body=body, position=position * 10)

        def application(first, last, role, status, days_ago, **fields):
            created = now - datetime.timedelta(days=days_ago)
            values = {
                "role": role,
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}.{last.lower()}@example.org",
                "phone": "+33611223344",
                "available_days": [1, 3],
                "available_times": ["afternoon"],
                "start_date": today + datetime.timedelta(days=14),
                "end_date": today + datetime.timedelta(days=120),
                "skills": "Bureautique, démarches en ligne.",
                "languages": "français, anglais",
                "motivation": "J'ai du temps le mardi et le jeudi, et j'aime expliquer.",
                "privacy_accepted_at": created,
                "language": "fr",
                "status": status,
                "created_at": created,
                "last_activity_at": created,
            }
            values.update(fields)
            if status not in Application.OPEN:
                values.setdefault("decided_at", created + datetime.timedelta(days=3))
                values.setdefault("decided_by", coordinator)
            return Application.objects.create(**values)

        S, R = Application.Status, Application.Role
        application("Léa", "Fontaine", R.VOLUNTEER, S.NEW, 1)
        # Untouched for ten days: flagged in the pipeline.
        application("Thomas", "Roux", R.INTERN, S.NEW, 10, skills="Étudiant en BTS SIO.")
        contacted = application(
            "Yasmine", "Cherif", R.SOCIAL_WORKER, S.CONTACTED, 6, last_activity_at=now
        )
        Note.objects.create(
            application=contacted,
            author=coordinator,
            text="Appelée : disponible le jeudi matin, rencontre à fixer.",
        )
        meeting = application("Paul", "Garnier", R.VOLUNTEER, S.MEETING, 9, last_activity_at=now)
        Note.objects.create(
            application=meeting, author=coordinator, text="Rencontre jeudi à 10 h au Pôle."
        )
        application(
            "Hugo",
            "Lambert",
            R.VOLUNTEER,
            S.DECLINED,
            30,
            decline_reason="Disponible deux semaines seulement : nous demandons un mois.",
        )
        application("Sarah", "Morel", R.INTERN, S.WITHDRAWN, 20)

        # Accepted, invitation not used yet.
        waiting = application(
            "Camille",
            "Petit",
            R.INTERN,
            S.ACCEPTED,
            12,
            start_date=today - datetime.timedelta(days=2),
            end_date=today + datetime.timedelta(days=60),
        )
        pending = Commitment.objects.create(
            application=waiting,
            start_date=waiting.start_date,
            end_date=waiting.end_date,
            created_by=coordinator,
        )
        Invitation.objects.create(
            commitment=pending,
            email=waiting.email,
            invited_by=coordinator,
            token_hash=Invitation.hash_token(secrets.token_urlsafe(32)),
            created_at=now - datetime.timedelta(days=2),
        )

        # Accepted two months ago; the commitment ends in ten days (renew or thank).
        volunteer = application(
            "Marc",
            "Dubois",
            R.VOLUNTEER,
            S.ACCEPTED,
            70,
            email=VOLUNTEER_EMAIL,
            start_date=today - datetime.timedelta(days=60),
            end_date=today + datetime.timedelta(days=10),
        )
        user = User.objects.create_staff(
            VOLUNTEER_EMAIL,
            DEMO_PASSWORD,
            first_name="Marc",
            last_name="Dubois",
            role=User.Role.TRAINER,
        )
        commitment = Commitment.objects.create(
            application=volunteer,
            user=user,
            start_date=volunteer.start_date,
            end_date=volunteer.end_date,
            created_by=coordinator,
        )
        Invitation.objects.create(
            commitment=commitment,
            email=VOLUNTEER_EMAIL,
            invited_by=coordinator,
            token_hash=Invitation.hash_token(secrets.token_urlsafe(32)),
            created_at=now - datetime.timedelta(days=66),
            accepted_at=now - datetime.timedelta(days=65),
        )
        # Every demo trainer has accepted the charter, so that signing in as one reaches
        # the home page (CharterMiddleware would otherwise show the charter first).
        for trainer in User.objects.filter(role=User.Role.TRAINER):
            CharterAcceptance.objects.get_or_create(user=trainer, version=settings.CHARTER_VERSION)
    return True

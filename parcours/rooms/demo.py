"""Demo rooms, loaded after the courses' demo data (which creates the two rooms).

"Salle informatique" (Pôle hébergement Les Tilleuls, 10 places) is furnished: ten
computers, one of which (PC-07) does not start and has an open incident, a printer
whose paper jam was fixed last month, headsets, a webcam, the network box; its
checklist was run once, at set-up, with one point to take up again.
"Salle Jules-Verne" (Centre Saint-Exupéry, 6 places) has six donated laptops.
Written directly, without notifications: these are past events.
"""

import datetime

from django.db import transaction
from django.utils import timezone, translation

from parcours.people.models import User
from parcours.rooms.models import (
    ChecklistPoint,
    ChecklistResult,
    ChecklistRun,
    Equipment,
    Incident,
    Room,
    default_checklist,
)

TILLEULS = ("Pôle hébergement Les Tilleuls", "Salle informatique")
JULES_VERNE = ("Centre Saint-Exupéry", "Salle Jules-Verne")


def _ago(days, hour=10):
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load():
    """Create the demo rooms' equipment unless it is there. Returns True when created."""
    tilleuls = Room.objects.filter(site__name=TILLEULS[0], name=TILLEULS[1]).first()
    jules_verne = Room.objects.filter(site__name=JULES_VERNE[0], name=JULES_VERNE[1]).first()
    if tilleuls is None or Equipment.objects.filter(room=tilleuls).exists():
        return False
    coordinator = User.objects.filter(role=User.Role.COORDINATOR).order_by("pk").first()
    trainer = (
        User.objects.filter(role=User.Role.TRAINER, sites=tilleuls.site_id).order_by("pk").first()
    )
    with transaction.atomic():
        _furnish_tilleuls(tilleuls, coordinator, trainer)
        if jules_verne is not None:
            _furnish_jules_verne(jules_verne)
    return True


def _furnish_tilleuls(room, coordinator, trainer):
    set_up = timezone.localdate() - datetime.timedelta(days=200)
    items = [
        Equipment(
            room=room,
            kind=Equipment.Kind.COMPUTER,
            label=f"PC-{n:02d}",
            serial_number=f"CZC92{n:03d}LX",
            operating_system="Linux Mint 22",
            origin=Equipment.Origin.DONATED,
            acquired_on=set_up,
            notes="Don de la Fondation Solidarité Numérique (reconditionné)." if n == 1 else "",
        )
        for n in range(1, 11)
    ]
    items += [
        Equipment(
            room=room,
            kind=Equipment.Kind.PRINTER,
            label="IMP-01",
            serial_number="VNB3K12345",
            origin=Equipment.Origin.BOUGHT,
            acquired_on=set_up,
            notes="Multifonction laser noir et blanc ; toner dans l'armoire.",
        ),
        Equipment(
            room=room,
            kind=Equipment.Kind.SCANNER,
            label="SCAN-01",
            origin=Equipment.Origin.BOUGHT,
            acquired_on=set_up,
        ),
        Equipment(
            room=room,
            kind=Equipment.Kind.WEBCAM,
            label="CAM-01",
            origin=Equipment.Origin.DONATED,
            acquired_on=set_up,
        ),
        Equipment(
            room=room,
            kind=Equipment.Kind.NETWORK,
            label="BOX-01",
            origin=Equipment.Origin.BOUGHT,
            acquired_on=set_up,
            notes="Fibre ; le mot de passe administrateur est chez la coordination.",
        ),
    ]
    items += [
        Equipment(
            room=room,
            kind=Equipment.Kind.HEADSET,
            label=f"CASQUE-{n:02d}",
            origin=Equipment.Origin.BOUGHT,
            acquired_on=set_up,
        )
        for n in range(1, 7)
    ]
    Equipment.objects.bulk_create(items)
    by_label = {item.label: item for item in Equipment.objects.filter(room=room)}

    broken = by_label["PC-07"]
    broken.status = Equipment.Status.BROKEN
    broken.save(update_fields=["status"])
    Incident.objects.create(
        equipment=broken,
        problem=Incident.Problem.NO_POWER,
        note="Rien ne s'allume, même le voyant de l'alimentation.",
        reported_by=trainer,
        reported_at=_ago(2, 14),
    )
    Incident.objects.create(
        equipment=by_label["IMP-01"],
        problem=Incident.Problem.PAPER,
        reported_by=trainer,
        reported_at=_ago(35, 15),
        status=Incident.Status.RESOLVED,
        assigned_to=coordinator,
        assigned_at=_ago(34, 9),
        resolved_by=coordinator,
        resolved_at=_ago(34, 11),
        resolution="Feuille coincée retirée ; rouleau d'entraînement nettoyé.",
    )

    with translation.override("fr"):
        labels = [str(label) for label in default_checklist()]
    points = ChecklistPoint.objects.bulk_create(
        ChecklistPoint(room=room, label=label, position=position)
        for position, label in enumerate(labels)
    )
    room.checklist_every_days = 30
    room.save(update_fields=["checklist_every_days"])
    run = ChecklistRun.objects.create(room=room, run_by=trainer or coordinator, run_at=_ago(12, 9))
    failing = labels[2]  # updates installed
    ChecklistResult.objects.bulk_create(
        ChecklistResult(
            run=run,
            point=point,
            label=point.label,
            ok=point.label != failing,
            note="PC-03 et PC-08 attendent un redémarrage." if point.label == failing else "",
            position=point.position,
        )
        for point in points
    )


def _furnish_jules_verne(room):
    if Equipment.objects.filter(room=room).exists():
        return
    Equipment.objects.bulk_create(
        Equipment(
            room=room,
            kind=Equipment.Kind.LAPTOP,
            label=f"PORTABLE-{n}",
            operating_system="Windows 11",
            origin=Equipment.Origin.DONATED,
            acquired_on=timezone.localdate() - datetime.timedelta(days=90),
        )
        for n in range(1, 7)
    )

"""Operations on rooms that write several rows: each in one transaction."""

from django.db import transaction
from django.utils import timezone

from parcours.rooms.models import ChecklistPoint, ChecklistResult, ChecklistRun, Equipment, Incident


def import_equipment(*, actor, room, rows):
    """Write the rows of a checked CSV file (`inventory.parse_csv`) into `room`: a label
    the room already has updates that item, any other label adds one. All or nothing.

    Returns (created, updated).
    """
    created = updated = 0
    with transaction.atomic():
        existing = {item.label: item for item in room.equipment.select_for_update()}
        for _line, values in rows:
            item = existing.get(values["label"])
            if item is None:
                Equipment.objects.create(room=room, **values)
                created += 1
            else:
                for field, value in values.items():
                    setattr(item, field, value)
                item.save()
                updated += 1
    return created, updated


def report_incident(*, actor, equipment, problem, note=""):
    """An incident on `equipment`, which is now out of order: a working item becomes
    broken (an item already in repair stays so; a retired one stays retired)."""
    with transaction.atomic():
        incident = Incident.objects.create(
            equipment=equipment, problem=problem, note=note, reported_by=actor
        )
        if equipment.status == Equipment.Status.WORKING:
            equipment.status = Equipment.Status.BROKEN
            equipment.save(update_fields=["status", "updated_at"])
    return incident


def assign_incident(*, actor, incident, assignee):
    incident.assign(assignee)
    incident.save(update_fields=["status", "assigned_to", "assigned_at"])
    return incident


def resolve_incident(*, actor, incident, resolution="", working_again=True):
    """Close the incident; with `working_again`, the item works again unless another
    incident on it is still open."""
    with transaction.atomic():
        incident.resolve(actor, resolution)
        incident.save(update_fields=["status", "resolved_by", "resolved_at", "resolution"])
        equipment = incident.equipment
        still_open = equipment.incidents.exclude(status=Incident.Status.RESOLVED).exists()
        if working_again and not still_open and equipment.is_out_of_order:
            equipment.status = Equipment.Status.WORKING
            equipment.save(update_fields=["status", "updated_at"])
    return incident


def set_checklist(*, actor, room, labels, every_days):
    """Replace the room's checklist points by `labels` (in order) and set its rhythm.
    Points kept by label keep their identity; past runs keep their own copy of labels."""
    with transaction.atomic():
        room.checklist_every_days = every_days
        room.save(update_fields=["checklist_every_days"])
        current = {point.label: point for point in room.checklist_points.all()}
        kept = []
        for position, label in enumerate(labels):
            point = current.pop(label, None)
            if point is None:
                point = ChecklistPoint(room=room, label=label)
            point.position = position
            kept.append(point)
        ChecklistPoint.objects.filter(pk__in=[p.pk for p in current.values()]).delete()
        for point in kept:
            point.save()
    return kept


def run_checklist(*, actor, room, results, now=None):
    """Record one run of the room's checklist. `results`: (point, ok, note) in order."""
    with transaction.atomic():
        run = ChecklistRun.objects.create(room=room, run_by=actor, run_at=now or timezone.now())
        ChecklistResult.objects.bulk_create(
            ChecklistResult(
                run=run, point=point, label=point.label, ok=ok, note=note, position=position
            )
            for position, (point, ok, note) in enumerate(results)
        )
    return run

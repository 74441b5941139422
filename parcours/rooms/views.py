from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours import access
from parcours.rooms import actions, inventory, labels
from parcours.rooms.forms import (
    AssignForm,
    ChecklistForm,
    ChecklistRunForm,
    EquipmentForm,
    ImportForm,
    IncidentReportForm,
    ResolveForm,
    RoomForm,
    assignable_staff,
)
from parcours.rooms.models import Equipment, Incident, default_checklist


def _posted(request, files=False):
    """The form's data on POST, else None: an empty POST (no answer ticked) must still
    bind the form and show what is missing."""
    if request.method != "POST":
        return (None, None) if files else None
    return (request.POST, request.FILES) if files else request.POST


# --- rooms -------------------------------------------------------------------------


@access.require(access.may_see_rooms)
def room_list(request):
    rooms = access.rooms_for(request.user).select_related("site").with_state()
    today = timezone.localdate()
    rows = [
        {
            "room": room,
            "overdue": room.checklist_is_overdue(
                room.last_run_at, has_points=room.points_count > 0, today=today
            ),
        }
        for room in rooms
    ]
    ctx = {"rows": rows, "may_manage": access.may_manage_rooms(request.user)}
    return render(request, "rooms/room_list.html", ctx)


def room_detail(request, pk):
    room = access.get_room_for(request.user, pk)
    items = list(room.equipment.all())
    open_incidents = list(
        Incident.objects.filter(equipment__room=room)
        .exclude(status=Incident.Status.RESOLVED)
        .select_related("equipment", "reported_by", "assigned_to")
    )
    runs = list(room.checklist_runs.select_related("run_by").prefetch_related("results")[:5])
    last_run = runs[0] if runs else None
    points = list(room.checklist_points.all())
    in_use = [item for item in items if item.status != Equipment.Status.RETIRED]
    computers = [item for item in in_use if item.kind in Equipment.COMPUTER_KINDS]
    ctx = {
        "room": room,
        "items": items,
        "computers_working": sum(1 for item in computers if item.status == "working"),
        "computers_total": len(computers),
        "out_of_order": [item for item in in_use if item.is_out_of_order],
        "open_incidents": open_incidents,
        "points": points,
        "runs": runs,
        "last_run": last_run,
        "last_failures": [r for r in last_run.results.all() if not r.ok] if last_run else [],
        "overdue": room.checklist_is_overdue(
            last_run.run_at if last_run else None, has_points=bool(points)
        ),
        "due_on": room.checklist_due_on(last_run.run_at) if last_run else None,
        "may_manage": access.may_manage_rooms(request.user),
    }
    return render(request, "rooms/room_detail.html", ctx)


@access.require(access.may_manage_rooms)
def room_form(request, pk=None):
    room = access.get_room_for(request.user, pk, manage=True) if pk else None
    form = RoomForm(_posted(request), instance=room)
    if request.method == "POST" and form.is_valid():
        room = form.save()
        messages.success(request, _("Salle enregistrée."))
        return redirect("rooms:room_detail", pk=room.pk)
    return render(request, "rooms/room_form.html", {"form": form, "room": room})


# --- inventory ---------------------------------------------------------------------


@access.require(access.may_manage_rooms)
def equipment_create(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    form = EquipmentForm(_posted(request), initial={"room": room})
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, _("%(label)s est ajouté à l'inventaire.") % {"label": item.label})
        if "another" in request.POST:
            return redirect("rooms:equipment_create", pk=item.room_id)
        return redirect("rooms:room_detail", pk=item.room_id)
    return render(request, "rooms/equipment_form.html", {"form": form, "room": room})


def equipment_edit(request, pk):
    item = access.get_equipment_for(request.user, pk, manage=True)
    form = EquipmentForm(_posted(request), instance=item)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, _("Modifications enregistrées."))
        return redirect("rooms:equipment_detail", pk=item.pk)
    return render(
        request, "rooms/equipment_form.html", {"form": form, "room": item.room, "item": item}
    )


def equipment_export(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    response = HttpResponse(
        inventory.export_csv(room.equipment.all()), content_type="text/csv; charset=utf-8"
    )
    filename = f"inventaire-salle-{room.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def equipment_import(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    form = ImportForm(*_posted(request, files=True))
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = inventory.parse_csv(form.cleaned_data["file"].read())
        except inventory.InventoryError as error:
            errors = error.messages
        else:
            created, updated = actions.import_equipment(actor=request.user, room=room, rows=rows)
            messages.success(
                request,
                _("Import terminé : %(created)s appareil(s) ajouté(s), %(updated)s mis à jour.")
                % {"created": created, "updated": updated},
            )
            return redirect("rooms:room_detail", pk=room.pk)
    ctx = {"form": form, "room": room, "errors": errors, "columns": inventory.COLUMNS}
    return render(request, "rooms/import.html", ctx, status=400 if errors else 200)


def equipment_labels(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    ctx = labels.labels_context(request, room, request.GET.getlist("materiel"))
    return render(request, "rooms/labels.html", ctx)


def equipment_labels_pdf(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    pdf = labels.render_pdf(request, room, request.GET.getlist("materiel"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="etiquettes-salle-{room.pk}.pdf"'
    return response


# --- an item and its incidents -------------------------------------------------------


def equipment_detail(request, pk):
    """The page an asset label's QR code opens: the item, a button per common problem,
    its incident history."""
    item = access.get_equipment_for(request.user, pk)
    incidents = list(item.incidents.select_related("reported_by", "assigned_to", "resolved_by"))
    may_manage = access.may_manage_rooms(request.user)
    ctx = {
        "item": item,
        "room": item.room,
        "incidents": incidents,
        "open_incidents": [i for i in incidents if i.is_open],
        "report_form": IncidentReportForm(equipment=item),
        "may_manage": may_manage,
    }
    if may_manage:
        # One pair of forms per open incident, with ids of their own.
        staff = assignable_staff(item.room) if ctx["open_incidents"] else []
        for incident in ctx["open_incidents"]:
            auto_id = f"id_%s_{incident.pk}"
            incident.assign_form = AssignForm(
                staff=staff,
                auto_id=auto_id,
                initial={"assigned_to": incident.assigned_to_id or request.user.pk},
            )
            incident.resolve_form = ResolveForm(auto_id=auto_id)
    return render(request, "rooms/equipment_detail.html", ctx)


@require_POST
def incident_report(request, pk):
    item = access.get_equipment_for(request.user, pk)
    form = IncidentReportForm(request.POST, equipment=item)
    if form.is_valid():
        actions.report_incident(
            actor=request.user,
            equipment=item,
            problem=form.cleaned_data["problem"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request, _("Merci, c'est signalé. %(label)s est noté en panne.") % {"label": item.label}
        )
        return redirect("rooms:equipment_detail", pk=item.pk)
    # Only a forged or stale button gets here; keep the note that was typed.
    incidents = list(item.incidents.select_related("reported_by", "assigned_to", "resolved_by"))
    ctx = {
        "item": item,
        "room": item.room,
        "incidents": incidents,
        "open_incidents": [i for i in incidents if i.is_open],
        "report_form": form,
        "may_manage": False,
    }
    return render(request, "rooms/equipment_detail.html", ctx, status=400)


@require_POST
def incident_assign(request, pk):
    incident = access.get_incident_for(request.user, pk, manage=True)
    form = AssignForm(request.POST, staff=assignable_staff(incident.equipment.room))
    if not incident.is_open:
        messages.info(request, _("Cet incident est déjà résolu."))
    elif form.is_valid():
        actions.assign_incident(
            actor=request.user, incident=incident, assignee=form.cleaned_data["assigned_to"]
        )
        messages.success(
            request,
            _("Incident confié à %(name)s.")
            % {"name": form.cleaned_data["assigned_to"].display_name},
        )
    else:
        messages.error(request, " ".join(form.errors["assigned_to"]))
    return redirect(reverse("rooms:equipment_detail", args=[incident.equipment_id]) + "#incidents")


@require_POST
def incident_resolve(request, pk):
    incident = access.get_incident_for(request.user, pk, manage=True)
    form = ResolveForm(request.POST)
    if not incident.is_open:
        messages.info(request, _("Cet incident est déjà résolu."))
    elif form.is_valid():
        actions.resolve_incident(
            actor=request.user,
            incident=incident,
            resolution=form.cleaned_data["resolution"],
            working_again=form.cleaned_data["working_again"],
        )
        messages.success(request, _("Incident résolu."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect(reverse("rooms:equipment_detail", args=[incident.equipment_id]) + "#incidents")


# --- checklists ----------------------------------------------------------------------


def checklist_edit(request, pk):
    room = access.get_room_for(request.user, pk, manage=True)
    points = list(room.checklist_points.all())
    labels_text = "\n".join(p.label for p in points) or "\n".join(
        str(label) for label in default_checklist()
    )
    form = ChecklistForm(
        _posted(request),
        initial={"points": labels_text, "every_days": room.checklist_every_days},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_checklist(
            actor=request.user,
            room=room,
            labels=form.cleaned_data["points"],
            every_days=form.cleaned_data["every_days"],
        )
        messages.success(request, _("Liste de vérification enregistrée."))
        return redirect(reverse("rooms:room_detail", args=[room.pk]) + "#checklist")
    return render(
        request, "rooms/checklist_form.html", {"form": form, "room": room, "is_new": not points}
    )


def checklist_run(request, pk):
    room = access.get_room_for(request.user, pk)
    points = list(room.checklist_points.all())
    form = ChecklistRunForm(_posted(request), points=points)
    if request.method == "POST" and points and form.is_valid():
        results = form.results()
        actions.run_checklist(actor=request.user, room=room, results=results)
        failed = sum(1 for _point, ok, _note in results if not ok)
        if failed:
            messages.warning(
                request,
                _("Vérification enregistrée : %(n)s point(s) à reprendre.") % {"n": failed},
            )
        else:
            messages.success(request, _("Vérification enregistrée : tout est OK."))
        return redirect(reverse("rooms:room_detail", args=[room.pk]) + "#checklist")
    ctx = {"form": form, "room": room, "may_manage": access.may_manage_rooms(request.user)}
    return render(request, "rooms/checklist_run.html", ctx)

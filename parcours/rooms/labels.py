"""Asset labels: a sheet of stickers, each with a QR code opening the item's page
(where a trainer reports a problem in two taps). Printed from the browser or as a PDF."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from parcours.people.card import qr_svg
from parcours.rooms.models import Equipment


def item_url(request, item):
    """The absolute address a label's QR code holds."""
    return request.build_absolute_uri(reverse("rooms:equipment_detail", args=[item.pk]))


def labels_context(request, room, only=()):
    """The room's items in use (or those of `only`, a list of ids), each with its QR."""
    items = room.equipment.exclude(status=Equipment.Status.RETIRED)
    # isdecimal, not isdigit: int() refuses "²", which isdigit accepts.
    ids = [int(pk) for pk in only if str(pk).isdecimal()]
    if ids:
        items = room.equipment.filter(pk__in=ids)
    labels = []
    for item in items:
        url = item_url(request, item)
        labels.append({"item": item, "url": url, "qr": qr_svg(url)})
    return {"room": room, "labels": labels, "only": ids}


def render_pdf(request, room, only=()):
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "rooms/labels_pdf.html", {**labels_context(request, room, only), "for_pdf": True}
    )
    stylesheet = CSS(filename=finders.find("rooms/labels.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])

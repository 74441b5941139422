"""The printable login card: first name, username, course, and a QR code that opens
the trainee sign-in page with the username filled in. Never the PIN."""

import qrcode
import qrcode.image.svg
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode


def sign_in_url(request, trainee):
    path = reverse("people:trainee_login") + "?" + urlencode({"u": trainee.user.username})
    return request.build_absolute_uri(path)


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration: the SVG is inlined in HTML.
    return svg[svg.index("<svg") :]


def card_context(request, trainee):
    enrolment = (
        trainee.enrolments.current()
        .select_related("course__room__site")
        .order_by("start_date")
        .first()
    )
    url = sign_in_url(request, trainee)
    return {
        "trainee": trainee,
        "course": enrolment.course if enrolment else None,
        "url": url,
        "qr": qr_svg(url),
    }


def render_pdf(request, trainee):
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "people/login_card.html", {**card_context(request, trainee), "for_pdf": True}
    )
    stylesheet = CSS(filename=finders.find("parcours/card.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])

"""Asset labels: a QR code per item, opening the item's page (sign-in required)."""

import io

from django.urls import reverse

from parcours.people.card import qr_svg
from tests.rooms.factories import EquipmentFactory


def test_the_label_sheet_has_a_qr_code_of_each_item_page(client, coordinator, room):
    items = [EquipmentFactory(room=room, label=f"PC-0{n}") for n in range(1, 4)]
    EquipmentFactory(room=room, label="PC-VIEUX", status="retired")
    client.force_login(coordinator)
    response = client.get(reverse("rooms:equipment_labels", args=[room.pk]))
    page = response.text
    assert page.count('class="asset-label"') == 3
    assert "PC-VIEUX" not in page
    for item in items:
        url = f"http://testserver/materiel/{item.pk}/"
        assert url == "http://testserver" + reverse("rooms:equipment_detail", args=[item.pk])
        assert qr_svg(url) in page
    # No inline style or script: the page works under the CSP.
    assert "style=" not in page.replace('rel="stylesheet"', "") and "<script>" not in page


def test_one_label_can_be_printed_alone(client, coordinator, room):
    first, second = EquipmentFactory(room=room), EquipmentFactory(room=room)
    client.force_login(coordinator)
    url = reverse("rooms:equipment_labels", args=[room.pk]) + f"?materiel={second.pk}"
    page = client.get(url).text
    assert page.count('class="asset-label"') == 1
    assert second.label in page and f"/materiel/{first.pk}/" not in page


def test_the_labels_pdf_holds_each_label(client, coordinator, room):
    from pypdf import PdfReader

    EquipmentFactory(room=room, label="PC-01")
    EquipmentFactory(room=room, printer=True, label="IMP-01")
    client.force_login(coordinator)
    response = client.get(reverse("rooms:equipment_labels_pdf", args=[room.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "PC-01" in text and "IMP-01" in text


def test_the_qr_target_requires_sign_in(client, equipment):
    url = reverse("rooms:equipment_detail", args=[equipment.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("people:login") + f"?next={url}"


def test_the_qr_target_shows_the_item_and_its_report_buttons(client, trainer, equipment):
    client.force_login(trainer)
    page = client.get(reverse("rooms:equipment_detail", args=[equipment.pk])).text
    assert "PC-01" in page and equipment.room.name in page
    for value in ("no_power", "no_internet", "screen", "other"):
        assert f'name="problem" value="{value}"' in page
    assert "Ne s&#x27;allume pas" in page

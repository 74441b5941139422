"""CSV import and export of a room's inventory (coordinators)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.rooms import inventory
from parcours.rooms.models import Equipment
from tests.rooms.factories import EquipmentFactory, RoomFactory

GOOD = (
    "type;etiquette;numero_de_serie;systeme;origine;date;etat;notes\n"
    "ordinateur;PC-01;SN-1;Linux Mint 22;don;2024-03-15;fonctionne;\n"
    "Ordinateur;PC-02;SN-2;Linux Mint 22;Don;15/03/2024;en panne;ventilateur bruyant\n"
    "imprimante;IMP-01;;;acheté;;;toner dans l'armoire\n"
)


def upload(client, room, text, encoding="utf-8", name="inventaire.csv"):
    file = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post(reverse("rooms:equipment_import", args=[room.pk]), {"file": file})


def fields(item):
    return (
        item.kind,
        item.label,
        item.serial_number,
        item.operating_system,
        item.origin,
        item.acquired_on,
        item.status,
        item.notes,
    )


def test_import_adds_every_item_of_a_well_formed_file(client, coordinator, room):
    client.force_login(coordinator)
    response = upload(client, room, GOOD)
    assert response.status_code == 302
    items = {item.label: item for item in room.equipment.all()}
    assert set(items) == {"PC-01", "PC-02", "IMP-01"}
    assert fields(items["PC-02"]) == (
        "computer",
        "PC-02",
        "SN-2",
        "Linux Mint 22",
        "donated",
        datetime.date(2024, 3, 15),
        "broken",
        "ventilateur bruyant",
    )
    assert items["IMP-01"].status == "working" and items["IMP-01"].origin == "bought"
    page = client.get(response.url).text
    assert "3 appareil(s) ajouté(s), 0 mis à jour" in page


def test_a_malformed_file_is_rejected_with_its_line_number_and_nothing_is_imported(
    client, coordinator, room
):
    EquipmentFactory(room=room, label="PC-01", operating_system="Windows 10")
    text = GOOD.replace("en panne", "cassé")  # line 3
    client.force_login(coordinator)
    response = upload(client, room, text)
    assert response.status_code == 400
    assert "Ligne 3 : valeur inconnue pour état : « cassé »" in response.text
    assert "rien n'a changé" in response.text
    # Not even the good lines: PC-01 is not updated, PC-02 and IMP-01 are not added.
    assert list(room.equipment.values_list("label", "operating_system")) == [
        ("PC-01", "Windows 10")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type;etiquette\nordinateur;\n", "Ligne 2 : l&#x27;étiquette est vide."),
        ("type;etiquette\n;PC-01\n", "Ligne 2 : le type est vide."),
        ("type;etiquette;date\nordinateur;PC-01;hier\n", "Ligne 2 : la date « hier »"),
        (
            "type;etiquette\nordinateur;PC-01\nordinateur;PC-01\n",
            "Ligne 3 : l&#x27;étiquette « PC-01 » est déjà à la ligne 2.",
        ),
        (
            "type;etiquette;couleur\nordinateur;PC-01;gris\n",
            "Ligne 1 : colonne « couleur » inconnue",
        ),
        ("etiquette;etat\nPC-01;fonctionne\n", "Ligne 1 : colonne « type » manquante."),
        ("type;etiquette\n\n\nordinateur;" + "X" * 60 + "\n", "Ligne 4 : étiquette :"),
        ("type;etiquette\n", "Le fichier ne contient aucune ligne de matériel."),
    ],
)
def test_each_problem_names_its_line(client, coordinator, room, text, message):
    client.force_login(coordinator)
    response = upload(client, room, text)
    assert response.status_code == 400
    assert message in response.text
    assert not room.equipment.exists()


def test_import_reads_commas_windows_encoding_and_english_headers(client, coordinator, room):
    text = 'kind,label,status,acquired_on,notes\r\nprinter,IMP-é,broken,01/02/2023,"a, b"\r\n'
    client.force_login(coordinator)
    assert upload(client, room, text, encoding="cp1252").status_code == 302
    item = room.equipment.get()
    assert (item.label, item.kind, item.status, item.acquired_on, item.notes) == (
        "IMP-é",
        "printer",
        "broken",
        datetime.date(2023, 2, 1),
        "a, b",
    )


def test_export_then_import_gives_back_the_same_inventory(client, coordinator, room):
    EquipmentFactory(
        room=room,
        label="PC-01",
        serial_number="SN-1",
        acquired_on=datetime.date(2024, 3, 15),
        notes="Écran ; clavier « AZERTY »\nsur deux lignes",
    )
    EquipmentFactory(room=room, printer=True, label="IMP-01", origin="", broken=True)
    EquipmentFactory(room=room, label="=SOMME(A1)", notes="-2", status="retired")
    client.force_login(coordinator)
    response = client.get(reverse("rooms:equipment_export", args=[room.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    exported = response.content
    assert exported.startswith("\ufeff".encode())
    # A spreadsheet must not run a cell as a formula.
    assert b"'=SOMME(A1)" in exported and b";'-2" in exported

    other = RoomFactory(site=room.site, name="Salle 2")
    file = SimpleUploadedFile("inventaire.csv", exported, content_type="text/csv")
    response = client.post(reverse("rooms:equipment_import", args=[other.pk]), {"file": file})
    assert response.status_code == 302
    assert sorted(map(fields, other.equipment.all())) == sorted(map(fields, room.equipment.all()))

    # Imported again into the same room: the same items, updated, none added.
    file = SimpleUploadedFile("inventaire.csv", exported, content_type="text/csv")
    client.post(reverse("rooms:equipment_import", args=[other.pk]), {"file": file})
    assert other.equipment.count() == 3
    assert sorted(map(fields, other.equipment.all())) == sorted(map(fields, room.equipment.all()))


def test_an_import_updates_items_by_label(coordinator, room):
    EquipmentFactory(room=room, label="PC-01", status="broken")
    rows = inventory.parse_csv(b"type;etiquette;etat\nordinateur;PC-01;fonctionne\n")
    from parcours.rooms.actions import import_equipment

    assert import_equipment(actor=coordinator, room=room, rows=rows) == (0, 1)
    assert room.equipment.get().status == Equipment.Status.WORKING


def test_the_import_page_keeps_the_form_and_explains_the_columns(client, coordinator, room):
    client.force_login(coordinator)
    response = client.get(reverse("rooms:equipment_import", args=[room.pk]))
    assert 'enctype="multipart/form-data"' in response.text
    assert "numero_de_serie" in response.text
    response = client.post(reverse("rooms:equipment_import", args=[room.pk]), {})
    assert "Choisissez un fichier CSV." in response.text

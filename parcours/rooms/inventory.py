"""A room's inventory as CSV: export, and the parsing that checks a whole file before
anything is imported (`actions.import_equipment` writes it in one transaction).

The file opens in a French spreadsheet as it is: semicolons, UTF-8 with a byte-order
mark, French words for types, origins and states. Reading is lenient where spreadsheets
differ (comma or semicolon, UTF-8 or Windows-1252, accents and case in the headers,
dates as 2024-03-15 or 15/03/2024) and strict about everything else: a cell it does not
understand stops the import with its line number.
"""

import csv
import datetime
import io
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from parcours.rooms.models import Equipment

# (header written on export, model field); headers are read after `_normal`.
COLUMNS = [
    ("type", "kind"),
    ("etiquette", "label"),
    ("numero_de_serie", "serial_number"),
    ("systeme", "operating_system"),
    ("origine", "origin"),
    ("date", "acquired_on"),
    ("etat", "status"),
    ("notes", "notes"),
]
REQUIRED = {"kind", "label"}
HEADER_ALIASES = {
    **{header: field for header, field in COLUMNS},
    **{field: field for _header, field in COLUMNS},
    "statut": "status",
    "numero_serie": "serial_number",
    "systeme_d_exploitation": "operating_system",
    "date_d_arrivee": "acquired_on",
    "date_d_achat": "acquired_on",
}
CHOICES = {
    "kind": Equipment.Kind,
    "origin": Equipment.Origin,
    "status": Equipment.Status,
}
MAX_BYTES = 1024 * 1024
MAX_ERRORS = 10
# Cells a spreadsheet would run as a formula: written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class InventoryError(Exception):
    """The file cannot be imported; `messages` say where and why, line by line."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


def _normal(text):
    """Lower case, no accents, words joined by underscores: "Numéro de série" →
    "numero_de_serie"."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for sep in (" ", "-", "'", "’"):
        text = text.replace(sep, "_")
    return "_".join(part for part in text.split("_") if part)


def _choice_lookup(choices):
    """Every way a spreadsheet may spell a choice: its code, its French and its English
    label, normalised."""
    lookup = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[_normal(str(label))] = value
    for value in choices.values:
        lookup[_normal(value)] = value
    return lookup


def _french_label(choices, value):
    if not value:
        return ""
    with translation.override("fr"):
        return str(choices(value).label)


def _safe_cell(value):
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _unsafe_cell(value):
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def export_csv(items):
    """The items as CSV text (with its byte-order mark: spreadsheets then read UTF-8)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _field in COLUMNS])
    for item in items:
        writer.writerow(
            [
                _safe_cell(cell)
                for cell in (
                    _french_label(Equipment.Kind, item.kind),
                    item.label,
                    item.serial_number,
                    item.operating_system,
                    _french_label(Equipment.Origin, item.origin),
                    item.acquired_on.isoformat() if item.acquired_on else "",
                    _french_label(Equipment.Status, item.status),
                    item.notes,
                )
            ]
        )
    return out.getvalue()


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # What Excel on Windows writes for "CSV (séparateur : point-virgule)".
        return data.decode("cp1252", errors="replace")


def _parse_date(text):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _line_error(line, message):
    return _("Ligne %(line)s : %(message)s") % {"line": line, "message": message}


def parse_csv(data):
    """The rows of a CSV file as a list of (line number, dict of Equipment fields).

    Raises InventoryError with every problem found (the first MAX_ERRORS), each naming
    its line: a file is imported whole or not at all.
    """
    if len(data) > MAX_BYTES:
        raise InventoryError([_("Le fichier est trop gros (1 Mo au plus).")])
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InventoryError([_("Le fichier est vide.")]) from None
    except csv.Error as error:
        raise InventoryError([_line_error(1, str(error))]) from None

    fields = []
    errors = []
    for name in header:
        field = HEADER_ALIASES.get(_normal(name))
        if field is None and _normal(name):
            errors.append(
                _line_error(
                    1,
                    _("colonne « %(name)s » inconnue (colonnes possibles : %(known)s).")
                    % {"name": name.strip(), "known": ", ".join(h for h, _f in COLUMNS)},
                )
            )
        fields.append(field)
    missing = [h for h, f in COLUMNS if f in REQUIRED and f not in fields]
    for header_name in missing:
        errors.append(_line_error(1, _("colonne « %(name)s » manquante.") % {"name": header_name}))
    if errors:
        raise InventoryError(errors)

    lookups = {field: _choice_lookup(choices) for field, choices in CHOICES.items()}
    rows = []
    seen_labels = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append(_line_error(start, str(error)))
            break
        line = start
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(fields) and any(c.strip() for c in cells[len(fields) :]):
            errors.append(
                _line_error(
                    line,
                    _("%(found)s cellules pour %(expected)s colonnes.")
                    % {"found": len(cells), "expected": len(fields)},
                )
            )
            continue
        values = {}
        for field, cell in zip(fields, cells, strict=False):
            if field is not None:
                values[field] = _unsafe_cell(cell.strip())
        row_errors = _check_row(values, lookups)
        label = values.get("label", "")
        if label and label in seen_labels:
            row_errors.append(
                _("l'étiquette « %(label)s » est déjà à la ligne %(other)s.")
                % {"label": label, "other": seen_labels[label]}
            )
        seen_labels.setdefault(label, line)
        errors += [_line_error(line, message) for message in row_errors]
        if not row_errors:
            rows.append((line, values))
    if errors:
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = errors[:MAX_ERRORS] + [_("… et %(n)s autre(s) erreur(s).") % {"n": more}]
        raise InventoryError(errors)
    if not rows:
        raise InventoryError([_("Le fichier ne contient aucune ligne de matériel.")])
    return rows


def _check_row(values, lookups):
    """Turn the cells of one line into Equipment fields, in place; return the problems."""
    problems = []
    for field, choices in CHOICES.items():
        text = values.get(field, "")
        if not text:
            if field == "kind":
                problems.append(_("le type est vide."))
            values[field] = Equipment.Status.WORKING if field == "status" else ""
            continue
        value = lookups[field].get(_normal(text))
        if value is None:
            with translation.override("fr"):
                known = ", ".join(str(label) for label in choices.labels)
            problems.append(
                _("valeur inconnue pour %(column)s : « %(value)s » (possibles : %(known)s).")
                % {"value": text, "column": _column_name(field), "known": known}
            )
        else:
            values[field] = value
    date_text = values.get("acquired_on", "")
    if date_text:
        try:
            values["acquired_on"] = _parse_date(date_text)
        except ValueError:
            problems.append(
                _("la date « %(value)s » n'est pas comprise (écrivez 2024-03-15 ou 15/03/2024).")
                % {"value": date_text}
            )
    else:
        values["acquired_on"] = None
    if not values.get("label"):
        problems.append(_("l'étiquette est vide."))
    if problems:
        return problems
    item = Equipment(**values)
    try:
        item.full_clean(exclude=["room"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems += [f"{_column_name(field)} : {message}" for message in messages]
    return problems


def _column_name(field):
    return str(Equipment._meta.get_field(field).verbose_name)

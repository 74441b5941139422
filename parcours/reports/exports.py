"""Statistics as CSV and XLSX, and the PDFs (a report; the yearly activity report).

The exports hold the very figures of the statistics page (`statistics.compute`), so that
what a funder reads in a spreadsheet is what the coordination saw.
"""

import csv
import hashlib
import importlib.metadata
import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.reports.statistics import SUMMARY, success_label


def _english():
    return (get_language() or "fr").startswith("en")


def tables(stats):
    """The statistics as named tables: (key, sheet title, header, rows)."""
    english = _english()
    month_header = [_("Mois"), *[str(label) for _key, label in SUMMARY]]
    return [
        (
            "summary",
            _("Synthèse"),
            [_("Indicateur"), _("Valeur")],
            [[str(label), value] for _key, label, value in stats.summary_rows()],
        ),
        (
            "months",
            _("Par mois"),
            month_header,
            [
                [month["month"].strftime("%Y-%m"), *[month[key] for key, _label in SUMMARY]]
                for month in stats.months
            ],
        ),
        (
            "organisations",
            _("Par structure"),
            [_("Structure partenaire"), _("Stagiaires")],
            [[row["label"], row["count"]] for row in stats.by_organisation],
        ),
        (
            "ages",
            _("Par âge"),
            [_("Tranche d'âge"), _("Stagiaires")],
            [[row["label"], row["count"]] for row in stats.by_age],
        ),
        (
            "successes",
            _("Réussites"),
            [_("Réussite"), _("Nombre")],
            [[success_label(row, english), row["count"]] for row in stats.successes],
        ),
    ]


def _about(stats):
    return [
        [_("Du"), stats.start.isoformat()],
        [_("Au"), stats.end.isoformat()],
        [_("Lieu"), stats.site.name if stats.site else _("Tous les lieux")],
    ]


def statistics_csv(stats):
    """One tidy table: table, row, indicator, value (opens in any spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Tableau"), _("Ligne"), _("Indicateur"), _("Valeur")])
    for label, value in _about(stats):
        writer.writerow([_("Période"), "", label, value])
    for key, title, header, rows in tables(stats):
        for row in rows:
            if key == "summary":
                writer.writerow([title, "", row[0], "" if row[1] is None else row[1]])
                continue
            for column, value in zip(header[1:], row[1:], strict=True):
                writer.writerow([title, row[0], column, "" if value is None else value])
    # A byte-order mark, so that spreadsheet programs read the accents right.
    return "\ufeff" + out.getvalue()


def statistics_xlsx(stats):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for _key, title, header, rows in tables(stats):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 40
    about = workbook.create_sheet(title=_("À propos"))
    for row in _about(stats):
        about.append(row)
    about.column_dimensions["A"].width = 20
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render_pdf(template, context):
    """A PDF from a template, with the print stylesheet (A4, DejaVu fonts)."""
    return html_to_pdf(pdf_html(template, context))


def pdf_html(template, context):
    """The HTML a PDF is laid out from: a template, a few milliseconds."""
    return render_to_string(template, {"programme_name": settings.PROGRAMME_NAME, **context})


def html_to_pdf(html):
    """`pdf_html`'s HTML laid out on A4 by WeasyPrint: about half a second of CPU."""
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is asked for

    stylesheet = CSS(filename=_print_stylesheet())
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def pdf_fingerprint(html):
    """A digest of all that `html_to_pdf(html)` depends on: the HTML, the print
    stylesheet and WeasyPrint's version. Equal fingerprints, identical PDFs; a deployment
    that changes the stylesheet or WeasyPrint gives new fingerprints, not old PDFs."""
    digest = hashlib.sha256()
    digest.update(html.encode())
    digest.update(Path(_print_stylesheet()).read_bytes())
    digest.update(importlib.metadata.version("weasyprint").encode())
    return digest.hexdigest()


def _print_stylesheet():
    return finders.find("reports/print.css")


def period_label(start, end):
    return _("du %(start)s au %(end)s") % {
        "start": date_format(start, "j F Y"),
        "end": date_format(end, "j F Y"),
    }

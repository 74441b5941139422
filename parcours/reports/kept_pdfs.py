"""Reports' PDFs, laid out once and kept in the shared cache (settings.CACHES).

WeasyPrint takes about half a second of CPU per report, and a report is downloaded again
and again (the social worker, the coordination). What a PDF shows depends on who looks
(`access.report_entries_for`), on the report's state, comments and names, and on the
language: rather than tracking each of these, the view renders the HTML (milliseconds)
and a PDF is served from the cache only if it was laid out from the very same HTML
(`exports.pdf_fingerprint`). Any change gives a new PDF; an old one is never served.

One PDF is kept per report and language, whoever asked for it: a second viewer who sees
other entries gets a new PDF, which replaces the first.

A kept PDF holds names. It goes after KEPT_FOR, and at once when one of its trainees is
erased or rectified (parcours/privacy/actions.py) or when its report is deleted.
"""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from parcours.reports import exports

KEPT_FOR = datetime.timedelta(days=1)


def key(report_pk, language):
    return f"parcours:report-pdf:{report_pk}:{language}"


def keys(report_pks):
    """The keys of these reports' PDFs, in every language of the site."""
    return [key(pk, code) for pk in report_pks for code, _name in settings.LANGUAGES]


def report_pdf(report, html):
    """The PDF of `html` (`exports.pdf_html` of the report, in the active language): the
    kept one if it was made from the same HTML, else a new one, kept in its place."""
    language = translation.get_language()
    if language not in dict(settings.LANGUAGES):
        # forget() would not find it: not kept.
        return exports.html_to_pdf(html)
    fingerprint = exports.pdf_fingerprint(html)
    shared = caches["shared"]
    kept = shared.get(key(report.pk, language))
    if kept is not None and kept[0] == fingerprint:
        return kept[1]
    pdf = exports.html_to_pdf(html)
    shared.set(key(report.pk, language), (fingerprint, pdf), KEPT_FOR.total_seconds())
    return pdf


def forget(report_pks):
    """Delete the kept PDFs of these reports (a person erased, a report deleted)."""
    report_pks = list(report_pks)
    if report_pks:
        caches["shared"].delete_many(keys(report_pks))

"""Bar charts drawn on the server as SVG: readable without JavaScript, allowed by our CSP
(presentation attributes only, no style attribute), printable by WeasyPrint.

Each chart is an image with a title; its figures are in the table printed beside it,
which is what screen readers use.
"""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 270
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 56
COLOURS = ["#0b4f8a", "#a4161a", "#1e6b32"]


def _nice_max(value):
    """A round top for the axis: 1, 2, 5, 10, 20, 50…"""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _number(value):
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def month_label(month):
    """ "janv." or, for January and the first month, "janv. 2026"."""
    return date_format(month, "M Y")


def bar_chart(chart_id, title, labels, series, *, legend=None):
    """An SVG bar chart. `series` is a list of value lists (one per stacked series, in
    the order of `legend`), each as long as `labels`. None counts as 0."""
    n = max(len(labels), 1)
    totals = [sum((values[i] or 0) for values in series) for i in range(len(labels))]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar_w = max(slot * 0.7, 1)
    every = max(1, round(n / 12))  # at most about twelve labels under the axis
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, sans-serif" font-size="13">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#b8c0cc" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1b1b1b">'
            f"{_number(top * fraction)}</text>"
        )
    for i, label in enumerate(labels):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base = TOP + plot_h
        for s, values in enumerate(series):
            value = values[i] or 0
            if value <= 0:
                continue
            h = plot_h * value / top
            base -= h
            name = f"{legend[s]} : " if legend else ""
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label.replace(chr(10), " "))} — {escape(name)}'
                f"{_number(value)}</title></rect>"
            )
        if i % every == 0:
            # A second line ("2026") under the month that opens a year.
            lines = label.split("\n")
            tspans = "".join(
                f'<tspan x="{x + bar_w / 2:.1f}" dy="{0 if n == 0 else 14}">{escape(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            parts.append(
                f'<text y="{TOP + plot_h + 16}" text-anchor="middle" fill="#1b1b1b">{tspans}</text>'
            )
    if legend and len(series) > 1:
        x = LEFT
        for s, name in enumerate(legend):
            parts.append(
                f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10" '
                f'fill="{COLOURS[s % len(COLOURS)]}"/>'
                f'<text x="{x + 14}" y="{HEIGHT - 5}" fill="#1b1b1b">{escape(name)}</text>'
            )
            x += 20 + 7 * len(str(name))
    parts.append("</svg>")
    # Safe: every text put in the SVG went through escape(); the rest are our numbers.
    return mark_safe("".join(parts))  # nosec B308 B703


def statistics_charts(stats):
    """The trend charts of the statistics page and the activity report, each with the
    table that goes beside it: [{id, title, svg, header, rows}]."""
    from django.utils.translation import gettext as _

    months = stats.months
    labels = [
        date_format(m["month"], "M\nY" if i == 0 or m["month"].month == 1 else "M")
        for i, m in enumerate(months)
    ]
    table_months = [date_format(m["month"], "F Y") for m in months]
    specs = [
        ("chart-active", _("Stagiaires venus, par mois"), [("active_trainees", _("Stagiaires"))]),
        ("chart-hours", _("Heures d'accompagnement, par mois"), [("hours", _("Heures"))]),
        (
            "chart-sessions",
            _("Séances tenues et annulées, par mois"),
            [("sessions_held", _("Tenues")), ("sessions_cancelled", _("Annulées"))],
        ),
        (
            "chart-rate",
            _("Taux de présence, par mois (%)"),
            [("attendance_rate", _("Taux de présence (%)"))],
        ),
        (
            "chart-referrals",
            _("Nouvelles orientations, par mois"),
            [("new_referrals", _("Orientations"))],
        ),
        ("chart-successes", _("Réussites, par mois"), [("successes", _("Réussites"))]),
    ]
    charts = []
    for chart_id, title, series in specs:
        values = [[m[key] for m in months] for key, _label in series]
        legend = [str(label) for _key, label in series]
        charts.append(
            {
                "id": chart_id,
                "title": title,
                "svg": bar_chart(chart_id, title, labels, values, legend=legend),
                "header": legend,
                "rows": [
                    (table_months[i], [values[s][i] for s in range(len(series))])
                    for i in range(len(months))
                ],
            }
        )
    return charts

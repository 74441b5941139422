"""Programme statistics for a period and, optionally, one site.

Every figure is an SQL aggregate (aggregate/annotate, TruncMonth): the number of queries
is fixed, whatever the number of trainees, sessions or attendances. Python only walks
the months of the period and the few groups the database returns.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.core.reference import coop_enums
from parcours.courses.models import Attendance, Lesson
from parcours.courses.regularity import CAME

# The summary's figures, in order: key, label. The page, CSV, XLSX and PDF all use it.
SUMMARY = [
    ("active_trainees", _("Stagiaires venus au moins une fois")),
    ("new_referrals", _("Nouvelles orientations")),
    ("sessions_held", _("Séances tenues")),
    ("sessions_cancelled", _("Séances annulées")),
    ("attendances", _("Présences")),
    ("hours", _("Heures d'accompagnement")),
    ("attendance_rate", _("Taux de présence (%)")),
    ("successes", _("Réussites (objectifs atteints)")),
]

# Age brackets of La Coop de la médiation numérique (TrancheAge): code, lowest age.
AGE_BRACKETS = [
    ("moins_de_douze", 0),
    ("douze_dix_huit", 12),
    ("dix_huit_vingt_quatre", 18),
    ("vingt_cinq_trente_neuf", 25),
    ("quarante_cinquante_neuf", 40),
    ("soixante_soixante_neuf", 60),
    ("soixante_dix_plus", 70),
]
AGE_UNKNOWN = "non_communique"


@dataclass
class Statistics:
    start: datetime.date
    end: datetime.date
    site: object = None
    summary: dict = field(default_factory=dict)
    months: list = field(default_factory=list)
    by_organisation: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    successes: list = field(default_factory=list)
    computed_at: datetime.datetime | None = None

    def summary_rows(self):
        return [(key, label, self.summary[key]) for key, label in SUMMARY]


def months_between(start, end):
    """First days of the months from `start`'s to `end`'s."""
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _rate(came, recorded):
    return round(100 * came / recorded) if recorded else None


def _hours(minutes):
    return round((minutes or 0) / 60, 1)


def _month(value):
    """TruncMonth gives a date, or an aware datetime for a datetime field."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _key(start, end, site, today):
    # No language: the few translated labels are kept lazy (they pickle as such).
    return f"parcours:statistics:{start}:{end}:{site.pk if site else 'all'}:{today}"


def cached(start, end, site=None):
    """`compute`, kept in the shared cache (settings.CACHES) for the same period, site and
    day: on a national network one computation aggregates millions of attendance rows
    (seconds), and coordinators, funders' exports and the dashboard ask for the same
    figures many times a day. The worker computes the usual periods ahead (`refresh`), so
    the dashboard's first look does not wait either. The page says when the figures were
    computed."""
    today = timezone.localdate()
    key = _key(start, end, site, today)
    shared = caches["shared"]
    stats = shared.get(key)
    if stats is None:
        stats = compute(start, end, site, today=today)
        shared.set(key, stats, _kept_seconds())
    return stats


def _kept_seconds():
    # Twice the worker's interval, so that its next computation replaces the figures
    # before they expire: while the worker runs, a usual period is never computed in a
    # request.
    return 2 * settings.STATISTICS_CACHE_SECONDS


def usual_periods(today):
    """The periods coordinators ask for most: the dashboard's default (the last twelve
    months), this year so far (the activity report) and last year."""
    from parcours.reports.forms import default_statistics_period

    return [
        default_statistics_period(today),
        (today.replace(month=1, day=1), today),
        (datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    ]


def refresh(today=None):
    """Compute the usual periods for the whole programme and keep them (the worker's
    periodic job). Returns the periods computed."""
    today = today or timezone.localdate()
    periods = usual_periods(today)
    shared = caches["shared"]
    for start, end in periods:
        shared.set(_key(start, end, None, today), compute(start, end, today=today), _kept_seconds())
    return periods


def compute(start, end, site=None, today=None):
    today = today or timezone.localdate()
    came = Q(status__in=CAME)

    attendances = Attendance.objects.filter(
        lesson__date__range=(start, end), lesson__cancelled=False
    )
    lessons = Lesson.objects.filter(date__range=(start, end))
    from parcours.progress.models import Goal
    from parcours.referrals.models import Referral

    referrals = Referral.objects.exclude(status=Referral.Status.MERGED).filter(
        created_at__gte=_day_start(start), created_at__lt=_day_start(end + datetime.timedelta(1))
    )
    goals = Goal.objects.reached().filter(reached_on__range=(start, end))
    if site is not None:
        attendances = attendances.filter(lesson__course__room__site=site)
        lessons = lessons.filter(course__room__site=site)
        referrals = referrals.filter(Q(course__room__site=site) | Q(trainee__site=site))
        goals = goals.filter(trainee__site=site)
    held = Q(cancelled=False, date__lte=today)

    totals = attendances.aggregate(
        recorded=Count("pk"),
        came=Count("pk", filter=came),
        minutes=Sum("lesson__duration_minutes", filter=came),
        active=Count("trainee", filter=came, distinct=True),
    )
    lesson_totals = lessons.aggregate(
        held=Count("pk", filter=held), cancelled=Count("pk", filter=Q(cancelled=True))
    )
    stats = Statistics(start=start, end=end, site=site, computed_at=timezone.now())
    stats.summary = {
        "active_trainees": totals["active"],
        "new_referrals": referrals.count(),
        "sessions_held": lesson_totals["held"],
        "sessions_cancelled": lesson_totals["cancelled"],
        "attendances": totals["came"],
        "hours": _hours(totals["minutes"]),
        "attendance_rate": _rate(totals["came"], totals["recorded"]),
        "successes": goals.count(),
    }

    # --- trends by month -------------------------------------------------------------
    by_month = {
        _month(row["month"]): row
        for row in attendances.annotate(month=TruncMonth("lesson__date"))
        .values("month")
        .annotate(
            recorded=Count("pk"),
            came=Count("pk", filter=came),
            minutes=Sum("lesson__duration_minutes", filter=came),
            active=Count("trainee", filter=came, distinct=True),
        )
        .order_by("month")
    }
    lessons_by_month = {
        _month(row["month"]): row
        for row in lessons.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(held=Count("pk", filter=held), cancelled=Count("pk", filter=Q(cancelled=True)))
        .order_by("month")
    }
    referrals_by_month = {
        _month(row["month"]): row["n"]
        for row in referrals.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    goals_by_month = {
        _month(row["month"]): row["n"]
        for row in goals.annotate(month=TruncMonth("reached_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    for month in months_between(start, end):
        row = by_month.get(month, {})
        lesson_row = lessons_by_month.get(month, {})
        stats.months.append(
            {
                "month": month,
                "active_trainees": row.get("active", 0),
                "attendances": row.get("came", 0),
                "hours": _hours(row.get("minutes")),
                "attendance_rate": _rate(row.get("came", 0), row.get("recorded", 0)),
                "sessions_held": lesson_row.get("held", 0),
                "sessions_cancelled": lesson_row.get("cancelled", 0),
                "new_referrals": referrals_by_month.get(month, 0),
                "successes": goals_by_month.get(month, 0),
            }
        )

    # --- who came: by partner organisation, by age bracket ----------------------------
    present = attendances.filter(came)
    stats.by_organisation = [
        {"label": row["trainee__organisation__name"] or _("Sans structure"), "count": row["n"]}
        for row in present.values("trainee__organisation__name")
        .annotate(n=Count("trainee", distinct=True))
        .order_by("-n", "trainee__organisation__name")
    ]
    year = end.year
    bracket = Case(
        When(trainee__birth_year__isnull=True, then=Value(AGE_UNKNOWN)),
        *[
            When(**{"trainee__birth_year__gt": year - lowest_next}, then=Value(code))
            for code, lowest_next in _brackets_upper_bounds()
        ],
        default=Value(AGE_BRACKETS[-1][0]),
        output_field=CharField(),
    )
    counts = {
        row["bracket"]: row["n"]
        for row in present.annotate(bracket=bracket)
        .values("bracket")
        .annotate(n=Count("trainee", distinct=True))
        .order_by("bracket")
    }
    labels = coop_enums()["TrancheAge"]
    stats.by_age = [
        {"code": code, "label": labels[code], "count": counts.get(code, 0)}
        for code in [code for code, _lowest in AGE_BRACKETS] + [AGE_UNKNOWN]
    ]

    # --- successes by kind ------------------------------------------------------------------
    stats.successes = [
        {
            "code": row["milestone__code"] or "",
            "label_fr": row["milestone__label_fr"],
            "label_en": row["milestone__label_en"],
            "count": row["n"],
        }
        for row in goals.values("milestone__code", "milestone__label_fr", "milestone__label_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "milestone__code")
    ]
    return stats


def _brackets_upper_bounds():
    """(bracket, age at which the next bracket starts) for every bracket but the last:
    someone born after `year - bound` is younger than `bound` at the end of `year`."""
    return [
        (code, AGE_BRACKETS[index + 1][1])
        for index, (code, _lowest) in enumerate(AGE_BRACKETS[:-1])
    ]


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def success_label(row, english=False):
    if not row["code"]:
        return str(_("Autre réussite, avec ses mots"))
    return (row["label_en"] or row["label_fr"]) if english else row["label_fr"]

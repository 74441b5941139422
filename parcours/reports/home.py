"""What the reports app adds to home pages. The people app's home view merges these
dicts into its context and includes the matching templates:

- trainer: `trainer_home(user)` with "reports/_trainer_home.html";
- social worker: `social_worker_home(user)` with "reports/_social_worker_home.html".

Each costs a fixed number of queries, whatever the number of trainees or reports.
"""

import datetime

from django.utils import timezone

from parcours import access
from parcours.reports import periods

ANSWERS_SHOWN_DAYS = 30


def trainer_home(user):
    """Drafts waiting for the trainer, and the social workers' recent answers about
    their trainees (rating per trainee, and the comment or request)."""
    # Prefetched, not joined: with the join, PostgreSQL misjudges the trainer's reports
    # subquery and compares every draft with every entry (200 ms at national, 3 without).
    reports = access.reports_for(user).prefetch_related("social_worker__organisation")
    since = timezone.now() - datetime.timedelta(days=ANSWERS_SHOWN_DAYS)
    answered = list(reports.filter(answered_at__gte=since).order_by("-answered_at")[:10])
    ratings = {}
    for entry in (
        access.report_entries_for(user)
        .filter(report__in=[report.pk for report in answered])
        .exclude(rating="")
        .order_by("trainee__first_name")
    ):
        ratings.setdefault(entry.report_id, []).append(entry)
    return {
        "report_drafts": list(reports.drafts().order_by("period_end", "pk")[:20]),
        "report_answers": [
            {"report": report, "ratings": ratings.get(report.pk, [])} for report in answered
        ],
    }


def social_worker_home(user):
    """The reports sent to the social worker: those to read first, then the latest."""
    reports = access.reports_for(user).order_by("-period_end")
    return {
        "reports_to_read": list(reports.filter(read_at__isnull=True)[:10]),
        "reports_recent": list(reports.filter(read_at__isnull=False)[:3]),
        "report_rhythm": periods.rhythm_label(user),
    }

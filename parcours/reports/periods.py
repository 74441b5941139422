"""Report periods: which rhythm applies to a social worker, where a period starts and
ends, and how long trainers have to send a draft.

Periods run Monday to Sunday. Fortnights are counted from a fixed Monday, so that every
social worker on a fortnightly rhythm shares the same fortnights whenever they chose it.
"""

import datetime
import os

from django.utils import timezone

from parcours.reports.models import OrganisationRhythm, Rhythm, SocialWorkerRhythm

# Fortnights start on the Mondays an even number of weeks after this one.
FORTNIGHT_EPOCH = datetime.date(2024, 1, 1)
DEFAULT_RHYTHM = Rhythm.WEEKLY
# Days the trainers have, once a draft is prepared (the day after its period ends, when
# the worker runs), to add their comments and send it; then the worker sends it as it
# is. Read at call time, so a deployment can change it (REPORT_SEND_DELAY_DAYS) without a
# settings entry, and tests can set it.
DEFAULT_SEND_DELAY_DAYS = 3


def send_delay_days():
    try:
        return max(0, int(os.environ.get("REPORT_SEND_DELAY_DAYS", DEFAULT_SEND_DELAY_DAYS)))
    except ValueError:
        return DEFAULT_SEND_DELAY_DAYS


def due_on(prepared_at):
    """The last day trainers can send a draft prepared at `prepared_at`. Counted from
    preparation rather than from the period's end, so that a draft prepared late (the
    worker was stopped) still leaves the trainers their days."""
    return timezone.localdate(prepared_at) + datetime.timedelta(days=send_delay_days())


def overdue_before(today=None):
    """Drafts prepared before this moment are overdue: their `due_on` is past."""
    today = today or timezone.localdate()
    day = today - datetime.timedelta(days=send_delay_days())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def organisation_rhythm(organisation):
    if organisation is None:
        return DEFAULT_RHYTHM
    found = OrganisationRhythm.objects.filter(organisation=organisation).first()
    return found.rhythm if found else DEFAULT_RHYTHM


def rhythm_for(social_worker):
    """Their own choice, else their organisation's, else weekly."""
    own = SocialWorkerRhythm.objects.filter(user=social_worker).first()
    if own is not None:
        return own.rhythm
    return organisation_rhythm(social_worker.organisation)


def period_containing(day, rhythm):
    """(first day, last day) of the `rhythm` period holding `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    if rhythm == Rhythm.FORTNIGHTLY:
        weeks = (monday - FORTNIGHT_EPOCH).days // 7
        if weeks % 2:
            monday -= datetime.timedelta(weeks=1)
        return monday, monday + datetime.timedelta(days=13)
    return monday, monday + datetime.timedelta(days=6)


def last_ended_period(rhythm, today=None):
    """The most recent `rhythm` period that is over by `today`."""
    today = today or timezone.localdate()
    current_start, _end = period_containing(today, rhythm)
    return period_containing(current_start - datetime.timedelta(days=1), rhythm)


def period_to_report(rhythm, *, last_end=None, today=None):
    """The period the next report of a social worker covers, or None if none is due.

    `last_end` is the end of their latest report: when they changed rhythm, the new
    period starts after it, so no day is reported twice.
    """
    start, end = last_ended_period(rhythm, today)
    if last_end is not None and last_end >= start:
        start = last_end + datetime.timedelta(days=1)
    if start > end:
        return None
    return start, end


def rhythm_label(social_worker):
    return Rhythm(rhythm_for(social_worker)).label

"""Private calendar feeds (ICS): each person's lessons, for Outlook, Google, Thunderbird.

The address carries a secret token; whoever holds it reads the feed without signing in
(calendar applications cannot sign in). Only the token's sha256 is stored, like
invitations: a database leak does not hand out working addresses, and renewing the
address is the only way to see a token again.
"""

import datetime
import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from parcours import access
from parcours.courses.models import CalendarFeed
from parcours.people.models import User

# Calendar applications keep what they saw last: the window covers what a person
# looks back on and plans ahead for, and keeps the feed small for any data size.
WEEKS_BEFORE = 4
WEEKS_AFTER = 12


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def feed_for(user):
    """The user's calendar feed, or None if they never created an address."""
    return CalendarFeed.objects.filter(user=user).first()


def new_token(user):
    """Give `user` a fresh address and return its raw token: the previous one stops working.

    The raw token is returned once and never stored.
    """
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        # created_at is auto_now_add: set it by hand so that it dates the current address.
        defaults={"token_hash": hash_token(token), "created_at": timezone.now()},
    )
    return token


def user_for_token(token):
    """The owner of the feed `token`, or None. Whether they may still read it is
    access.may_see_calendar_feed's call."""
    feed = (
        CalendarFeed.objects.select_related("user__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return feed.user if feed is not None else None


def lessons_in_window(user, today=None):
    """The lessons of `user`'s feed, in one query.

    Trainers, coordinators and trainees: the lessons of the courses they may see.
    Social workers: one row per (lesson, trainee of theirs currently enrolled in the
    course), annotated with `trainee_pk` and `trainee_first_name`.
    """
    today = today or timezone.localdate()
    lessons = (
        access.lessons_for(user)
        .filter(
            date__gte=today - datetime.timedelta(weeks=WEEKS_BEFORE),
            date__lte=today + datetime.timedelta(weeks=WEEKS_AFTER),
        )
        .select_related("course__room__site")
        .order_by("date", "start_time", "pk")
    )
    if user.role == User.Role.SOCIAL_WORKER:
        # The filter and the annotations share one join on enrolments (Django reuses
        # a multi-valued join within the same filter()/annotate() chain), so each
        # row pairs a lesson with one trainee enrolled in its course right now.
        lessons = (
            lessons.filter(
                course__enrolments__trainee__in=access.trainees_for(user).values("pk"),
                course__enrolments__end_date__isnull=True,
            )
            .annotate(
                trainee_pk=F("course__enrolments__trainee_id"),
                trainee_first_name=F("course__enrolments__trainee__first_name"),
            )
            .order_by("date", "start_time", "pk", "trainee_first_name", "trainee_pk")
        )
    return lessons


def build_calendar(user, today=None):
    """The ICS document of `user`'s lessons (see `lessons_in_window`), as bytes."""
    today = today or timezone.localdate()
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    now = timezone.now()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        cal = Calendar.new(
            prodid="-//Parcours//FR",
            version="2.0",
            method="PUBLISH",
            # Stable: a random one (icalendar's default) would change on every fetch.
            uid=f"calendar-{user.pk}@parcours",
            name=_("%(programme)s — mes séances") % {"programme": settings.PROGRAMME_NAME},
            refresh_interval=datetime.timedelta(hours=1),
        )
        cal.add("X-PUBLISHED-TTL", "PT1H")  # REFRESH-INTERVAL's older name, read by Outlook
        cal.add("X-WR-TIMEZONE", settings.TIME_ZONE)
        for lesson in lessons_in_window(user, today):
            cal.add_component(_event(lesson, tz, now))
    cal.add_missing_timezones(
        first_date=today - datetime.timedelta(days=366),
        last_date=today + datetime.timedelta(days=366),
    )
    return cal.to_ical()


def _event(lesson, tz, now):
    course = lesson.course
    start = datetime.datetime.combine(lesson.date, lesson.start_time, tzinfo=tz)
    uid, summary = f"lesson-{lesson.pk}@parcours", course.title
    trainee_pk = getattr(lesson, "trainee_pk", None)
    if trainee_pk is not None:
        # A social worker's feed: one event per trainee, named by first name only.
        uid = f"lesson-{lesson.pk}-trainee-{trainee_pk}@parcours"
        summary = f"{course.title} — {lesson.trainee_first_name}"
    event = Event.new(
        uid=uid,
        stamp=now,
        start=start,
        end=start + datetime.timedelta(minutes=lesson.duration_minutes),
        summary=summary,
        location=_location(course.room),
        status="CANCELLED" if lesson.cancelled else "CONFIRMED",
        description=_("Séance en plus") if lesson.extra else None,
    )
    return event


def _location(room):
    site = room.site
    town = " ".join(part for part in (site.postcode, site.city) if part)
    return ", ".join(part for part in (room.name, site.name, site.address, town) if part)

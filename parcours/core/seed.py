"""Realistic synthetic data at three sizes, for benchmarks and manual tests:
`parcours seed --scale small|city|national [--seed N]`.

The generator simulates the programme week after week rather than filling tables at
random, so that every page shows what it would show in real use and every invariant
holds: each trainee came through an accepted referral (with the referrer's consent
recorded), holds one seat of one weekly course from their first to their last day,
and has one attendance row per held lesson while enrolled (about three quarters
present, some late, excused or absent; fading attendance before some leave; rare
walk-ins to another course of their site); lessons skip French public holidays and the
programme's closures, a few are cancelled; reports to each referrer follow their rhythm
and are frozen from the very attendance, goals and diagnostics generated here (the same
content `parcours/reports/content.py` computes); the locker holds folders and files.

Speed (minutes for `national`, not hours):
- rows go through parcours/core/bulkload.py: ids chosen in Python, COPY on PostgreSQL,
  executemany on SQLite, one transaction; no save(), no signal, no query per row;
- secrets are hashed once: every synthetic trainee has the hash of SEED_PIN and every
  staff member the hash of SEED_PASSWORD (hashing 60,000 PINs with Argon2 would take
  an hour), so any seeded account can sign in with them;
- each site is generated and written before the next, so memory stays flat.

Locker files are rows with real (tiny, hard-linked) objects, so `parcours locker verify`
stays meaningful: see parcours/core/seed_locker.py. If the transaction fails, the
objects already written stay as orphans (`locker verify` lists them).

Deterministic: the same seed, scale, day and starting database give the same rows
(the password hashes aside, which are salted).
"""

import bisect
import datetime
import hashlib
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from parcours.core import seed_names as words
from parcours.core.bulkload import Json, Loader
from parcours.core.reference import need_labels
from parcours.core.seed_locker import Blobs
from parcours.core.seed_reports import Facts
from parcours.courses.models import AbsenceAlert, Attendance, Closure, Course, Enrolment, Lesson
from parcours.locker.models import Folder, Link, Locker, Share, StoredFile
from parcours.people.models import (
    ConsentEvent,
    Organisation,
    Sharing,
    Site,
    Trainee,
    TwoFactorDevice,
    User,
)
from parcours.progress.models import AccountEntry, Answer, Diagnostic, Goal, Milestone, Skill
from parcours.referrals.models import Referral
from parcours.reports import periods
from parcours.reports.models import (
    OrganisationRhythm,
    Report,
    ReportEntry,
    Rhythm,
    SocialWorkerRhythm,
)
from parcours.rooms.models import (
    ChecklistPoint,
    ChecklistResult,
    ChecklistRun,
    Equipment,
    Incident,
    Room,
    default_checklist,
)
from parcours.volunteers.models import CharterAcceptance

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
# Course start times; a room holds one course per (weekday, time).
SLOTS = [datetime.time(9, 30), datetime.time(14, 0), datetime.time(16, 0), datetime.time(10, 0)]


@dataclass(frozen=True)
class Scale:
    """How much to generate. `weeks` of history end today; reports are kept for the
    last `report_weeks` (None: the whole history)."""

    name: str
    sites: int
    organisations: int
    social_workers: int
    trainees: int
    weeks: int
    coordinators: int = 1
    trainers_per_site: int = 2
    courses_per_site: int = 4
    report_weeks: int | None = None
    diagnostic_share: float = 0.3
    locker_share: float = 0.4

    def __post_init__(self):
        if self.social_workers < self.organisations:
            raise ValueError("every organisation needs a social worker")
        if self.trainees < self.courses:
            raise ValueError("every course needs a trainee")
        if not 1 <= self.courses_per_site <= len(SLOTS) * 5:
            raise ValueError(f"a site holds 1 to {len(SLOTS) * 5} courses")
        if self.weeks < 4:
            raise ValueError("at least four weeks of history")

    @property
    def trainers(self):
        return self.sites * self.trainers_per_site

    @property
    def courses(self):
        return self.sites * self.courses_per_site

    @property
    def open_referrals(self):
        """Referrals that did not (yet) become an enrolment: (submitted, waiting,
        declined, merged)."""
        n = self.trainees
        return max(1, n // 400), max(1, n // 100), max(1, n // 25), max(1, n // 200)


SCALES = {
    "small": Scale("small", sites=1, organisations=3, social_workers=10, trainees=60, weeks=52),
    "city": Scale(
        "city",
        sites=10,
        organisations=20,
        social_workers=200,
        trainees=3_000,
        weeks=104,
        coordinators=2,
        courses_per_site=8,
    ),
    "national": Scale(
        "national",
        sites=300,
        organisations=150,
        social_workers=3_000,
        trainees=60_000,
        weeks=208,
        coordinators=5,
        courses_per_site=6,
        report_weeks=52,
    ),
}

SEED_PASSWORD = "parcours-seed"
SEED_PIN = "482916"
# The known coordinator's authenticator secret (coordinators sign in with a code when
# PARCOURS_REQUIRE_COORDINATOR_2FA is on): pyotp.TOTP(SEED_TOTP_SECRET).now() is the code.
SEED_TOTP_SECRET = "PARCOURSSEEDDEMOTOTPSECRETKEY234"
COORDINATOR_EMAIL = "coordination@seed.example.org"
TRAINER_EMAIL = "formatrice@seed.example.org"
SOCIAL_WORKER_EMAIL = "referente@seed.example.org"
TRAINEE_USERNAME = "nour"
EMAIL_DOMAIN = "seed.example.org"

ACCOUNTS = [
    ("coordinator (then the code of TOTP_SECRET)", COORDINATOR_EMAIL, SEED_PASSWORD),
    ("trainer, a lesson today", TRAINER_EMAIL, SEED_PASSWORD),
    ("social worker, reports to read", SOCIAL_WORKER_EMAIL, SEED_PASSWORD),
    ("trainee Nour Haddad, with documents", TRAINEE_USERNAME, f"PIN {SEED_PIN}"),
    ("any other seeded staff member", "(see the people pages)", SEED_PASSWORD),
    ("any other seeded trainee", "(see the trainee list)", f"PIN {SEED_PIN}"),
]

# Parents before children: see Loader.
MODELS = [
    Organisation,
    OrganisationRhythm,
    Site,
    User,
    User.sites.through,
    TwoFactorDevice,
    SocialWorkerRhythm,
    CharterAcceptance,
    Closure,
    Room,
    Equipment,
    Incident,
    ChecklistPoint,
    ChecklistRun,
    ChecklistResult,
    Course,
    Course.trainers.through,
    Lesson,
    Trainee,
    Referral,
    ConsentEvent,
    Enrolment,
    Attendance,
    AbsenceAlert,
    Goal,
    Diagnostic,
    Answer,
    AccountEntry,
    Locker,
    Folder,
    StoredFile,
    Share,
    Link,
    Report,
    ReportEntry,
]


class AlreadySeeded(Exception):
    pass


class _NoBar:
    def __init__(self, **kwargs):
        pass

    def update(self, n=1):
        pass

    def close(self):
        pass


def already_seeded():
    return User.objects.filter(username=COORDINATOR_EMAIL).exists()


def generate(scale, *, seed=0, progress=None, today=None):
    """Write `scale`'s data into the default database, in one transaction.

    `progress` makes a progress bar: called as progress(total=..., desc=..., unit=...),
    it returns an object with update(n) and close() (tqdm.tqdm fits). Returns the
    number of rows written per model ("app.Model": n). Raises AlreadySeeded when the
    seed's known accounts are already there; other data (the demo's) is kept and added to.
    """
    if already_seeded():
        raise AlreadySeeded(COORDINATOR_EMAIL)
    generator = _Generator(scale, seed=seed, today=today or timezone.localdate())
    with transaction.atomic():
        return generator.run(progress or _NoBar)


# --- the simulation -------------------------------------------------------------------


@dataclass
class _Tenure:
    """One trainee's seat in one course, from `start` to `end` (None: still there)."""

    start: datetime.date
    end: datetime.date | None
    pinned: bool = False  # one of the known social worker's trainees in the known course


class _Person:
    """What the generator remembers of a trainee while it works on their site."""

    __slots__ = (
        "id",
        "known",
        "user_id",
        "first_name",
        "last_name",
        "referrer_id",
        "course",
        "tenure",
        "sharing",
        "withdrawn_on",
        "sessions",
        "goals",
        "answers",
        "phone",
    )

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))
        self.sessions = []  # (date, start time, course title, status, note, skills)
        self.goals = []  # (reached_on, id, fr, en)
        self.answers = []  # (answered_at, skill code, level)


class _Course:
    __slots__ = (
        "id",
        "title",
        "weekday",
        "start_time",
        "duration",
        "capacity",
        "trainers",
        "lessons",
        "dates",
    )

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))


class _Generator:
    def __init__(self, scale, *, seed, today):
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.now = self.at(today, 0)
        first = today - scale.weeks * WEEK
        self.start = first - datetime.timedelta(days=first.weekday())  # a Monday
        self.load = Loader(MODELS, now=self.now)
        self.delay = periods.send_delay_days()
        self.alert_after = settings.ABSENCE_ALERT_AFTER
        self.slots_taken = set()
        self.add_attendance = self.load.adder(
            Attendance,
            "lesson_id",
            "trainee_id",
            "status",
            "walk_in",
            "note",
            "skills",
            "recorded_by_id",
            "updated_at",
        )

    def at(self, day, hour, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def run(self, progress):
        self.load.check_constraints_at_once()
        self.reference_data()
        self.password = make_password(SEED_PASSWORD)
        self.pin = make_password(SEED_PIN)
        self.organisations_and_people()
        self.closures()
        self.report_periods()
        self.blobs = Blobs()
        self.allocate_trainees()
        bar = progress(total=self.scale.sites, desc="sites", unit="site")
        for index in range(self.scale.sites):
            self.site(index)
            bar.update(1)
        bar.close()
        return self.load.finish()

    # --- reference data, organisations, staff -------------------------------------

    def reference_data(self):
        self.skills = list(Skill.objects.order_by("pk").values_list("code", "pk"))
        self.milestones = list(
            Milestone.objects.order_by("pk").values_list("pk", "label_fr", "label_en")
        )
        self.needs = sorted(need_labels())
        self.names_taken = {
            "site": set(Site.objects.values_list("name", flat=True)),
            "organisation": set(Organisation.objects.values_list("name", flat=True)),
        }
        self.usernames = {name.lower() for name in User.objects.values_list("username", flat=True)}
        with translation.override("fr"):
            self.checklist = [str(label) for label in default_checklist()]

    def unique(self, kind, name):
        taken = self.names_taken[kind]
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        taken.add(candidate)
        return candidate

    def person_name(self):
        return self.pick(words.FIRST_NAMES), self.pick(words.LAST_NAMES)

    def staff(self, role, index, *, email=None, organisation_id=None, joined, **fields):
        first, last = self.person_name()
        if email is None:
            email = f"{slugify(first)}.{slugify(last)}.{role[:5]}{index}@{EMAIL_DOMAIN}"
        self.usernames.add(email)
        return self.load.add(
            User,
            username=email,
            email=email,
            password=self.password,
            first_name=first,
            last_name=last,
            role=role,
            organisation_id=organisation_id,
            date_joined=self.at(joined, 9),
            **fields,
        )

    def organisations_and_people(self):
        scale, rng = self.scale, self.rng
        self.coordinators = [
            self.staff(
                User.Role.COORDINATOR,
                index,
                email=COORDINATOR_EMAIL if index == 0 else None,
                joined=self.start - 4 * WEEK,
            )
            for index in range(scale.coordinators)
        ]
        self.load.add(
            TwoFactorDevice,
            user_id=self.coordinators[0],
            secret=SEED_TOTP_SECRET,
            confirmed_at=self.at(self.start - 4 * WEEK, 9),
        )
        self.organisations = []
        self.rhythms = {}
        for index in range(scale.organisations):
            city = self.pick(words.CITIES)[0]
            name = self.unique(
                "organisation",
                f"{self.pick(words.ORGANISATION_KINDS)} {self.pick(words.ORGANISATION_NAMES)} "
                f"— {city}",
            )
            pk = self.load.add(
                Organisation,
                name=name,
                social_workers_see_all=index != 0 and rng.random() < 0.2,
                created_at=self.at(self.start - 2 * WEEK, 10),
            )
            rhythm = Rhythm.WEEKLY if index == 0 or rng.random() < 0.7 else Rhythm.FORTNIGHTLY
            self.load.add(
                OrganisationRhythm, organisation_id=pk, rhythm=rhythm, updated_at=self.now
            )
            self.organisations.append(pk)
            self.rhythms[pk] = rhythm
        # Each organisation works with the sites of its area (a slice of them).
        sites, orgs = scale.sites, scale.organisations
        self.site_organisations = defaultdict(list)
        for index in range(orgs):
            if orgs <= sites:
                covered = range(index * sites // orgs, (index + 1) * sites // orgs)
            else:
                covered = [index % sites]
            for site in covered:
                self.site_organisations[site].append(index)
        self.social_workers = defaultdict(list)  # organisation index -> [user id]
        self.org_of, self.rhythm_of = {}, {}
        for index in range(scale.social_workers):
            org_index = index % orgs
            organisation = self.organisations[org_index]
            pk = self.staff(
                User.Role.SOCIAL_WORKER,
                index,
                email=SOCIAL_WORKER_EMAIL if index == 0 else None,
                organisation_id=organisation,
                joined=self.start - DAY * rng.randrange(0, 60),
                is_organisation_contact=index < orgs,
            )
            rhythm = self.rhythms[organisation]
            if index and rng.random() < 0.05:
                rhythm = Rhythm.FORTNIGHTLY if rhythm == Rhythm.WEEKLY else Rhythm.WEEKLY
                self.load.add(SocialWorkerRhythm, user_id=pk, rhythm=rhythm, updated_at=self.now)
            self.social_workers[org_index].append(pk)
            self.org_of[pk], self.rhythm_of[pk] = org_index, rhythm
        self.known_social_worker = self.social_workers[0][0]

    def closures(self):
        """Two programme-wide breaks a year: mid-August and the end-of-year holidays."""
        self.closed = set()
        horizon = self.today + 8 * WEEK
        for year in range(self.start.year - 1, horizon.year + 1):
            for first, last, reason in (
                (datetime.date(year, 8, 4), datetime.date(year, 8, 17), "Fermeture d'été"),
                (
                    datetime.date(year, 12, 24),
                    datetime.date(year + 1, 1, 1),
                    "Fêtes de fin d'année",
                ),
            ):
                if last < self.start or first > horizon:
                    continue
                self.load.add(Closure, site_id=None, start_date=first, end_date=last, reason=reason)
                day = first
                while day <= last:
                    self.closed.add(day)
                    day += DAY
        from parcours.courses.schedule import french_holidays

        self.closed |= set(french_holidays(range(self.start.year, horizon.year + 1)))

    def report_periods(self):
        """For each rhythm, the periods reported on, and the one whose report is the
        latest already sent (the known social worker has not read it yet)."""
        window = self.scale.report_weeks or self.scale.weeks
        since = self.today - window * WEEK
        self.periods = {}
        self.latest_sent = {}
        for rhythm in Rhythm.values:
            found = []
            start, end = periods.last_ended_period(rhythm, self.today)
            while start >= max(since, self.start):
                found.append((start, end))
                start, end = periods.last_ended_period(rhythm, start)
            found.reverse()
            self.periods[rhythm] = found
            sent = [p for p in found if self.due_on(p[1]) < self.today]
            self.latest_sent[rhythm] = sent[-1][0] if sent else None
        self.reports = {}  # (social worker, period start) -> report facts

    def due_on(self, period_end):
        return period_end + DAY + datetime.timedelta(days=self.delay)

    # --- trainees to courses ---------------------------------------------------------

    def allocate_trainees(self):
        """Trainees per course, evenly (the first course is the known trainer's)."""
        courses, trainees = self.scale.courses, self.scale.trainees
        self.per_course = [
            trainees // courses + (1 if index < trainees % courses else 0)
            for index in range(courses)
        ]
        self.phones = list(range(trainees))
        self.rng.shuffle(self.phones)
        self.trainee_count = 0

    def phone(self):
        """A number in the ranges set aside for fiction: 06 39 98 xx xx, then 07 00 xx xx xx."""
        n = self.phones[self.trainee_count % len(self.phones)]
        if n < 10_000:
            return f"+3363998{n:04d}"
        return f"+33700{n:06d}"

    # --- one site --------------------------------------------------------------------

    def site(self, index):
        rng = self.rng
        city, postcode = self.pick(words.CITIES)
        name = self.unique(
            "site", f"{self.pick(words.SITE_KINDS)} {self.pick(words.PLACE_NAMES)} — {city}"
        )
        site = self.load.add(
            Site,
            name=name,
            address=f"{rng.randrange(1, 120)} {self.pick(words.STREETS)}",
            postcode=postcode,
            city=city,
        )
        place = name.split(" — ")[0].split(" ", 1)[-1]
        self.housing = [
            f"{kind} {place}" for kind in rng.sample(words.HOUSING_KINDS, rng.randrange(1, 4))
        ]
        trainers = []
        for n in range(self.scale.trainers_per_site):
            known = index == 0 and n == 0
            joined = self.start - DAY * rng.randrange(0, 90)
            pk = self.staff(
                User.Role.TRAINER,
                index * self.scale.trainers_per_site + n,
                email=TRAINER_EMAIL if known else None,
                joined=joined,
            )
            self.load.add(User.sites.through, user_id=pk, site_id=site)
            self.load.add(
                CharterAcceptance,
                user_id=pk,
                version=settings.CHARTER_VERSION,
                accepted_at=self.at(max(joined, self.today - 30 * DAY), 9),
            )
            trainers.append(pk)
        rooms = self.rooms(site, trainers)
        persons, site_lessons = [], []
        for n in range(self.scale.courses_per_site):
            course_index = index * self.scale.courses_per_site + n
            course = self.course(course_index, rooms, trainers)
            site_lessons += [
                (lesson, course) for lesson in course.lessons if lesson[1] < self.today
            ]
            for tenure in self.tenures(course, course_index):
                persons.append(self.trainee(site, index, course, tenure))
        self.walk_ins(persons, site_lessons)
        for person in persons:
            person.sessions.sort(key=lambda s: (s[0], s[1]))
            self.path(person)
            self.locker(person)
            self.report_entries(person)
        self.other_referrals(index, persons)

    def rooms(self, site, trainers):
        rng = self.rng
        names = rng.sample(words.ROOM_NAMES, 2 if rng.random() < 0.5 else 1)
        rooms = []
        for name in names:
            seats = self.pick([10, 10, 12, 12, 8])
            laptops = rng.random() < 0.3
            room = self.load.add(
                Room, site_id=site, name=name, seats=seats, checklist_every_days=30
            )
            rooms.append((room, seats))
            set_up = self.start - DAY * rng.randrange(7, 60)
            items = [
                (Equipment.Kind.LAPTOP if laptops else Equipment.Kind.COMPUTER, f"PC-{n:02d}")
                for n in range(1, seats + 1)
            ]
            items += [(Equipment.Kind.PRINTER, "IMP-01"), (Equipment.Kind.NETWORK, "BOX-01")]
            items += [(Equipment.Kind.HEADSET, f"CASQUE-{n:02d}") for n in range(1, 5)]
            for kind, label in items:
                broken = kind in Equipment.COMPUTER_KINDS and rng.random() < 0.04
                item = self.load.add(
                    Equipment,
                    room_id=room,
                    kind=kind,
                    label=label,
                    operating_system="Linux Mint 22" if kind in Equipment.COMPUTER_KINDS else "",
                    origin=self.pick(ORIGINS),
                    acquired_on=set_up,
                    status=Equipment.Status.BROKEN if broken else Equipment.Status.WORKING,
                    updated_at=self.now,
                )
                if broken:
                    self.load.add(
                        Incident,
                        equipment_id=item,
                        problem=self.pick(["no_power", "screen", "slow"]),
                        reported_by_id=self.pick(trainers),
                        reported_at=self.at(self.today - DAY * rng.randrange(1, 20), 15),
                    )
                elif kind == Equipment.Kind.PRINTER and rng.random() < 0.5:
                    reported = self.today - DAY * rng.randrange(30, 300)
                    self.load.add(
                        Incident,
                        equipment_id=item,
                        problem="paper",
                        status=Incident.Status.RESOLVED,
                        reported_by_id=self.pick(trainers),
                        reported_at=self.at(reported, 15),
                        assigned_to_id=self.coordinators[0],
                        assigned_at=self.at(reported + DAY, 9),
                        resolved_by_id=self.coordinators[0],
                        resolved_at=self.at(reported + DAY, 11),
                        resolution="Feuille coincée retirée ; rouleau nettoyé.",
                    )
            points = [
                self.load.add(ChecklistPoint, room_id=room, label=label, position=position)
                for position, label in enumerate(self.checklist)
            ]
            runs = [set_up]
            if rng.random() < 0.85:
                runs.append(self.today - DAY * rng.randrange(1, 28))
            for day in runs:
                run = self.load.add(
                    ChecklistRun,
                    room_id=room,
                    run_by_id=self.pick(trainers),
                    run_at=self.at(day, 9),
                )
                for position, (point, label) in enumerate(zip(points, self.checklist, strict=True)):
                    self.load.add(
                        ChecklistResult,
                        run_id=run,
                        point_id=point,
                        label=label,
                        ok=rng.random() < 0.9,
                        position=position,
                    )
        return rooms

    def course(self, course_index, rooms, trainers):
        """One weekly course and its lessons: [(id, date, cancelled, evening)], where
        `evening` is when its attendance was last saved."""
        rng = self.rng
        known = course_index == 0
        room, seats = rooms[course_index % len(rooms)] if not known else rooms[0]
        taken = self.slots_taken
        while True:
            weekday = rng.randrange(5)
            start_time = self.pick(SLOTS)
            if known:
                weekday = self.today.weekday() if self.today.weekday() < 5 else 1
                start_time = datetime.time(14, 0)
            if (room, weekday, start_time) not in taken:
                break
        taken.add((room, weekday, start_time))
        title = (
            f"{self.pick(words.COURSE_TITLES)} du {words.WEEKDAYS[weekday]} "
            f"{'matin' if start_time.hour < 12 else 'après-midi'}"
        )
        first = self.start + datetime.timedelta(days=weekday)
        duration = self.pick([60, 60, 60, 90, 90, 120])
        capacity = min(seats, self.pick([8, 10, 10, 10, 12]))
        course_trainers = [trainers[0]] if known else [self.pick(trainers)]
        if not known and rng.random() < 0.2:
            course_trainers = list(trainers[:2])
        pk = self.load.add(
            Course,
            title=title,
            room_id=room,
            weekday=weekday,
            start_time=start_time,
            duration_minutes=duration,
            capacity=capacity,
            first_date=first,
        )
        for trainer in course_trainers:
            self.load.add(Course.trainers.through, course_id=pk, user_id=trainer)
        course = _Course(
            id=pk,
            title=title,
            weekday=weekday,
            start_time=start_time,
            duration=duration,
            capacity=capacity,
            trainers=course_trainers,
        )
        lessons = []
        day, horizon = first, self.today + 8 * WEEK
        while day <= horizon:
            if day not in self.closed:
                lessons.append(self.lesson(course, day))
            day += WEEK
        if known and not any(lesson[1] == self.today for lesson in lessons):
            # The known trainer always has a class today, whatever the day.
            lessons.append(self.lesson(course, self.today, extra=True))
            lessons.sort(key=lambda lesson: lesson[1])
        course.lessons, course.dates = lessons, [lesson[1] for lesson in lessons]
        return course

    def lesson(self, course, day, *, extra=False):
        rng = self.rng
        past = day < self.today
        cancelled = not extra and rng.random() < (0.02 if past else 0.01)
        pk = self.load.add(
            Lesson,
            course_id=course.id,
            date=day,
            start_time=course.start_time,
            duration_minutes=course.duration,
            extra=extra,
            cancelled=cancelled,
            cancel_reason=self.pick(words.CANCEL_REASONS) if cancelled else "",
            reminders_sent_at=(
                self.at(day - DAY, 10) if day <= self.today and not cancelled else None
            ),
        )
        return pk, day, cancelled, self.at(day, 20)

    def tenures(self, course, course_index):
        """The seats' successive occupants: each seat's history is split among the
        trainees it gets, with a few weeks empty between two of them."""
        rng = self.rng
        count = self.per_course[course_index]
        pinned = min(4, count) if course_index == 0 else 0
        seats = course.capacity
        per_seat = [0] * seats
        for n in range(count - pinned):
            per_seat[pinned + n % (seats - pinned)] += 1
        first = self.start + datetime.timedelta(days=course.weekday)
        tenures = [_Tenure(first, None, pinned=True) for _ in range(pinned)]
        for k in per_seat[pinned:]:
            if k == 0:
                continue
            span_start = first + DAY * rng.randrange(0, 21)
            current = rng.random() < 0.85
            trailing = 0 if current else rng.randrange(7, 57)
            gaps = [self.pick([0, 0, 7, 7, 14, 28]) for _ in range(k - 1)]
            total = (self.today - span_start).days
            available = total - sum(gaps) - trailing
            if available < 7 * k:  # a short history: no gaps
                gaps, trailing, available = [0] * (k - 1), 0, total
            weights = [rng.uniform(0.4, 1.6) for _ in range(k)]
            scale = available / sum(weights)
            start = span_start
            for n, weight in enumerate(weights):
                length = max(1, int(weight * scale))
                last = n == k - 1
                start = min(start, self.today - DAY)
                end = (
                    None if last and current else min(start + DAY * (length - 1), self.today - DAY)
                )
                tenures.append(_Tenure(start, end))
                if not last:
                    start = end + DAY * (1 + gaps[n])
        return tenures

    # --- one trainee -----------------------------------------------------------------

    def trainee(self, site, site_index, course, tenure):
        rng = self.rng
        known_trainee = tenure.pinned and self.trainee_count == 0
        self.trainee_count += 1
        if known_trainee:
            first, last, username = "Nour", "Haddad", TRAINEE_USERNAME
        else:
            first, last = self.person_name()
            base = slugify(first).replace("-", "") or "stagiaire"
            username = f"{base}{self.trainee_count}"
            while username in self.usernames:
                username += "x"
        self.usernames.add(username)
        if tenure.pinned:
            referrer = self.known_social_worker
        else:
            referrer = self.pick(
                self.social_workers[self.pick(self.site_organisations[site_index])]
            )
        organisation = self.organisations[self.org_of[referrer]]
        start = tenure.start
        created = start - DAY * rng.randrange(5, 40)
        decided = max(created, start - DAY * rng.randrange(0, 4))
        phone = self.phone() if rng.random() < 0.6 else ""
        email = (
            f"{slugify(first)}.{slugify(last)}{self.trainee_count}@example.org"
            if rng.random() < 0.2
            else ""
        )
        birth_year = rng.randrange(1950, 2006)
        languages = self.pick(words.LANGUAGES)
        housing = self.pick(self.housing)
        sharing = Sharing.CONFIRMED
        if not tenure.pinned:
            roll = rng.random()
            if roll > 0.82:
                sharing = [Sharing.PENDING, Sharing.REFUSED, Sharing.WITHDRAWN][
                    int((roll - 0.82) / 0.06)
                ]
        if tenure.end is None:
            status = Trainee.Status.ACTIVE
        elif (self.today - tenure.end).days < 42 and rng.random() < 0.3:
            status = Trainee.Status.PAUSED
        else:
            status = Trainee.Status.LEFT
        reminders = "sms" if phone else ("email" if email else "none")
        user = self.load.add(
            User,
            username=username,
            password=self.pin,
            role=User.Role.TRAINEE,
            language=self.pick(["", "", "", "", "", "", "", "", "ar", "en"]),
            date_joined=self.at(decided, 15),
        )
        pk = self.load.add(
            Trainee,
            user_id=user,
            first_name=first,
            last_name=last,
            birth_year=birth_year,
            languages=languages,
            phone=phone,
            email=email,
            housing_facility=housing,
            site_id=site,
            referrer_id=referrer,
            organisation_id=organisation,
            status=status,
            sharing=sharing,
            reminders=reminders,
            created_at=self.at(decided, 15),
        )
        times = "morning" if course.start_time.hour < 12 else "afternoon"
        method = self.pick(["oral", "oral", "written"])
        referral = self.load.add(
            Referral,
            referrer_id=referrer,
            organisation_id=organisation,
            first_name=first,
            last_name=last,
            birth_year=birth_year,
            phone=phone,
            email=email,
            languages=languages,
            reading_level=self.pick(["none", "little", "little", "good"]),
            housing_facility=housing,
            needs=rng.sample(self.needs, rng.randrange(1, 4)),
            needs_text="Gagner en autonomie pour ses démarches." if rng.random() < 0.3 else "",
            available_days=sorted({course.weekday, rng.randrange(5)}),
            available_times=[times],
            consent_method=method,
            consent_at=self.at(created, 10),
            status=Referral.Status.ENROLLED,
            course_id=course.id,
            decided_at=self.at(decided, 15),
            decided_by_id=self.coordinators[0],
            trainee_id=pk,
            created_at=self.at(created, 10),
        )
        self.consent(ConsentEvent.Kind.REFERRAL, method, created, referral, pk, referrer, 10)
        withdrawn_on = None
        answered = min(start + DAY * rng.randrange(0, 15), self.today - DAY)
        if sharing in {Sharing.CONFIRMED, Sharing.WITHDRAWN}:
            self.consent(ConsentEvent.Kind.CONFIRMED, "online", answered, None, pk, user, 16)
        if sharing == Sharing.REFUSED:
            self.consent(ConsentEvent.Kind.REFUSED, "online", answered, None, pk, user, 16)
        if sharing == Sharing.WITHDRAWN:
            latest = tenure.end or self.today - DAY
            withdrawn_on = answered + DAY * rng.randrange(0, max(1, (latest - answered).days + 1))
            self.consent(ConsentEvent.Kind.WITHDRAWN, "online", withdrawn_on, None, pk, user, 17)
        self.load.add(
            Enrolment,
            course_id=course.id,
            trainee_id=pk,
            start_date=start,
            end_date=tenure.end,
            created_by_id=self.coordinators[0],
        )
        person = _Person(
            id=pk,
            known=known_trainee,
            user_id=user,
            first_name=first,
            last_name=last,
            referrer_id=referrer,
            course=course,
            tenure=tenure,
            sharing=sharing,
            withdrawn_on=withdrawn_on,
            phone=phone,
        )
        self.attendance(person, course)
        return person

    def consent(self, kind, method, day, referral, trainee, by, hour):
        self.load.add(
            ConsentEvent,
            kind=kind,
            method=method,
            referral_id=referral,
            trainee_id=trainee,
            recorded_by_id=by,
            created_at=self.at(day, hour),
        )

    # --- attendance -----------------------------------------------------------------

    def attendance(self, person, course):
        """One row per held lesson of the tenure, before today (the hot loop: millions
        of rows for `national`)."""
        random, tenure = self.rng.random, person.tenure
        last_day = min(tenure.end or self.today, self.today - DAY)
        held = [
            lesson
            for lesson in course.lessons[
                bisect.bisect_left(course.dates, tenure.start) : bisect.bisect_right(
                    course.dates, last_day
                )
            ]
            if not lesson[2]
        ]
        roll = random()
        if tenure.end is not None and not tenure.pinned and roll < 0.3 and held:
            # Fading away before leaving: the last five lessons are mostly missed.
            fading = [0.88] * max(0, len(held) - 5) + [0.6, 0.45, 0.3, 0.2, 0.1]
            chances = fading[-len(held) :]
        else:
            chance = 0.9 if tenure.pinned or roll < 0.7 else 0.65
            chances = [chance] * len(held)
        add, sessions, trainer = self.add_attendance, person.sessions, course.trainers[0]
        start_time, title = course.start_time, course.title
        run = []
        for (lesson, day, _cancelled, evening), chance in zip(held, chances, strict=True):
            note, skills, codes = "", NO_SKILLS, []
            if random() < chance:
                status = LATE if random() < 0.07 else PRESENT
                if random() < 0.4:
                    note, skills, codes = NOTES[int(random() * len(NOTES))]
            else:
                status = EXCUSED if random() < 0.35 else ABSENT
            add(lesson, person.id, status, False, note, skills, trainer, evening)
            sessions.append((day, start_time, title, status, note, codes))
            # Unexcused absences in a row: alerted once, when the run reaches the threshold.
            if status == ABSENT:
                run.append(lesson)
                if len(run) == self.alert_after:
                    self.load.add(
                        AbsenceAlert,
                        trainee_id=person.id,
                        course_id=course.id,
                        first_missed_id=run[0],
                        created_at=evening,
                    )
            else:
                run = []

    def walk_ins(self, persons, site_lessons):
        """About one lesson in thirty gets a trainee of the site from another course."""
        rng = self.rng
        if len(persons) < 2 or not site_lessons:
            return
        taken = set()
        for _ in range(len(site_lessons) // 30):
            (lesson, day, cancelled, evening), course = self.pick(site_lessons)
            if cancelled:
                continue
            for _try in range(5):
                person = self.pick(persons)
                tenure = person.tenure
                if (
                    person.course.weekday != course.weekday
                    and tenure.start <= day <= (tenure.end or self.today)
                    and (day, person.id) not in taken
                ):
                    # One walk-in a day per person: two sessions at the same date and
                    # time would have no order.
                    taken.add((day, person.id))
                    status = PRESENT if rng.random() < 0.9 else LATE
                    self.add_attendance(
                        lesson, person.id, status, True, "", NO_SKILLS, course.trainers[0], evening
                    )
                    person.sessions.append((day, course.start_time, course.title, status, "", []))
                    break

    # --- goals, diagnostics, accounts ------------------------------------------------

    def path(self, person):
        rng, tenure = self.rng, person.tenure
        trainer = person.course.trainers[0]
        last_day = min(tenure.end or self.today, self.today) - DAY
        if last_day < tenure.start:
            return
        count = 2 if tenure.pinned else self.pick([0, 1, 1, 2, 2, 3])
        milestones = rng.sample(self.milestones, count)
        for n, (milestone, fr, en) in enumerate(milestones):
            own = n == 1 and rng.random() < 0.3
            created = min(tenure.start + DAY * rng.randrange(0, 21), last_day)
            reached_on = created + DAY * rng.randrange(21, 200)
            status, public = Goal.Status.OPEN, False
            if (reached_on <= last_day and rng.random() < 0.6) or (tenure.pinned and n == 0):
                status = Goal.Status.REACHED
                reached_on = min(reached_on, last_day)
                public = rng.random() < 0.03
            elif tenure.end is not None and rng.random() < 0.15:
                status = Goal.Status.DROPPED
            words_fr = self.pick(words.OWN_GOALS) if own else ""
            goal = self.load.add(
                Goal,
                trainee_id=person.id,
                milestone_id=None if own else milestone,
                own_words=words_fr,
                status=status,
                reached_on=reached_on if status == Goal.Status.REACHED else None,
                public=public,
                public_text=self.pick(words.PUBLIC_TEXTS) if public else "",
                created_by_id=trainer,
                created_at=self.at(created, 11),
            )
            if status == Goal.Status.REACHED:
                person.goals.append((reached_on, goal, words_fr or fr, words_fr or (en or fr)))
        if rng.random() < self.scale.diagnostic_share or tenure.pinned:
            self.diagnostics(person, trainer, last_day)
        if rng.random() < 0.3 or tenure.pinned:
            on = min(tenure.start + DAY * rng.randrange(7, 60), last_day)
            self.load.add(
                AccountEntry,
                trainee_id=person.id,
                service=AccountEntry.Service.EMAIL,
                service_name=self.pick(words.MAIL_SERVICES),
                identifier=f"{slugify(person.first_name)}.{slugify(person.last_name)}"
                f"{person.id}@example.org",
                recovery_phone=person.phone,
                created_on=on,
                created_by_id=trainer,
            )
            if rng.random() < 0.4:
                self.load.add(
                    AccountEntry,
                    trainee_id=person.id,
                    service=AccountEntry.Service.CAF,
                    identifier=f"{rng.randrange(10**6, 10**7)}",
                    created_on=min(on + DAY * rng.randrange(7, 60), last_day),
                    created_by_id=trainer,
                )

    def diagnostics(self, person, trainer, last_day):
        """A first diagnostic in the first weeks; a second one months later for some."""
        rng, tenure = self.rng, person.tenure
        days = [min(tenure.start + DAY * rng.randrange(0, 8), last_day)]
        later = tenure.start + DAY * rng.randrange(84, 200)
        if later <= last_day and (rng.random() < 0.6 or tenure.pinned):
            days.append(later)
        levels = {code: self.pick([0, 0, 0, 1, 1, 2]) for code, _pk in self.skills}
        for n, day in enumerate(days):
            if n:
                for code in rng.sample(list(levels), 8):
                    levels[code] = min(3, levels[code] + rng.randrange(1, 3))
            started = self.at(day, 14, 5)
            answered = (
                len(self.skills) if rng.random() < 0.9 else rng.randrange(3, len(self.skills))
            )
            diagnostic = self.load.add(
                Diagnostic,
                trainee_id=person.id,
                started_by_id=trainer,
                started_at=started,
                finished_at=started + datetime.timedelta(minutes=answered)
                if answered == len(self.skills)
                else None,
            )
            for minute, (code, skill) in enumerate(self.skills[:answered], start=1):
                moment = started + datetime.timedelta(minutes=minute)
                self.load.add(
                    Answer,
                    diagnostic_id=diagnostic,
                    skill_id=skill,
                    level=levels[code],
                    answered_at=moment,
                )
                person.answers.append((moment, code, levels[code]))

    # --- locker ------------------------------------------------------------------------

    def locker(self, person):
        rng, tenure = self.rng, person.tenure
        if not tenure.pinned and rng.random() >= self.scale.locker_share:
            return
        last_day = min(tenure.end or self.today, self.today) - DAY
        if last_day < tenure.start:
            return
        self.load.add(Locker, trainee_id=person.id)
        known = person.known
        names = ["Logement", "Santé"] if known else rng.sample(words.FOLDERS, rng.randrange(0, 4))
        folders = [None]
        for name in names:
            folders.append(
                self.load.add(
                    Folder,
                    trainee_id=person.id,
                    name=name,
                    created_at=self.at(self.day_in(tenure.start, last_day), 15),
                )
            )
        count = 4 if known else rng.randrange(1, 6)
        for n, (name, blob) in enumerate(rng.sample(words.FILES, count)):
            key = self.blobs.key(rng)
            data = self.blobs.data(blob)
            self.blobs.store(key, blob)
            created = self.day_in(tenure.start, last_day)
            trashed = not known and rng.random() < 0.05 and (self.today - created).days < 25
            by_trainee = known or rng.random() < 0.85
            file = self.load.add(
                StoredFile,
                trainee_id=person.id,
                folder_id=folders[min(n, len(folders) - 1)] if known else self.pick(folders),
                name=name,
                key=key,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                content_type=self.blobs.content_type(blob),
                state=StoredFile.State.READY,
                uploaded_by_id=person.user_id if by_trainee else person.course.trainers[0],
                created_at=self.at(created, 15, 30),
                trashed_at=self.at(self.today - DAY * rng.randrange(1, 20), 18)
                if trashed
                else None,
            )
            if not trashed and (rng.random() < 0.1 or (known and n == 0)):
                self.load.add(
                    Share,
                    trainee_id=person.id,
                    file_id=file,
                    user_id=person.referrer_id,
                    created_at=self.at(created, 16),
                )
            if not trashed and rng.random() < 0.02:
                self.load.add(
                    Link,
                    file_id=file,
                    token_hash=hashlib.sha256(rng.randbytes(24)).hexdigest(),
                    expires_at=self.at(created + 7 * DAY, 16),
                    max_downloads=3,
                    downloads=rng.randrange(0, 4),
                    created_at=self.at(created, 16),
                )

    def day_in(self, first, last):
        return first + DAY * self.rng.randrange(0, (last - first).days + 1)

    # --- reports -----------------------------------------------------------------------

    def report_entries(self, person):
        """The person's part of each report of their referrer while they shared, with the
        content frozen as `reports.content.build` would have at sending."""
        if person.sharing not in {Sharing.CONFIRMED, Sharing.WITHDRAWN}:
            return
        tenure = person.tenure
        rhythm = self.rhythm_of[person.referrer_id]
        last = tenure.end or self.today
        facts = None
        for start, end in self.periods[rhythm]:
            if end < tenure.start or start > last:
                continue
            if person.withdrawn_on and self.due_on(end) >= person.withdrawn_on:
                break
            if facts is None:
                facts = Facts(person)
            report = self.report(person, rhythm, start, end)
            self.entry(report, person, facts, start, end)

    def report(self, person, rhythm, start, end):
        key = (person.referrer_id, start)
        found = self.reports.get(key)
        if found is not None:
            return found
        rng = self.rng
        created = self.at(end + DAY, 6)
        due = self.due_on(end)
        facts = {"sent": due < self.today, "automatic": False, "read": False, "rated": False}
        values = {}
        if facts["sent"]:
            if rng.random() < 0.05:
                facts["automatic"] = True
                sent_at = self.at(due + DAY, 6)
                values.update(sent_by_id=None, sent_automatically=True)
            else:
                sent_at = self.at(end + DAY * rng.randrange(1, self.delay + 2), 17)
                values.update(sent_by_id=person.course.trainers[0])
            recent = (self.today - sent_at.date()).days < 8
            unread = key[0] == self.known_social_worker and start == self.latest_sent[rhythm]
            read_at = sent_at + datetime.timedelta(hours=rng.randrange(2, 96))
            if not unread and rng.random() < (0.5 if recent else 0.85) and read_at < self.now:
                facts["read"] = True
                values["read_at"] = read_at
                facts["rated"] = rng.random() < 0.5
                if rng.random() < 0.15:
                    kind, text = self.pick(words.ANSWERS)
                    values.update(
                        answered_at=read_at + datetime.timedelta(minutes=10),
                        answer_kind=kind,
                        answer_text=text,
                    )
            values.update(status=Report.Status.SENT, sent_at=sent_at)
            facts["sent_at"] = sent_at
        facts["id"] = self.load.add(
            Report,
            social_worker_id=person.referrer_id,
            period_start=start,
            period_end=end,
            rhythm=rhythm,
            created_at=created,
            **values,
        )
        self.reports[key] = facts
        return facts

    def entry(self, report, person, facts, start, end):
        rng = self.rng
        trainer = person.course.trainers[0]
        values = {}
        if report["sent"]:
            values["content"] = Json(json.dumps(facts.content(start, end, self.at)))
            if not report["automatic"]:
                values["ready_at"] = report["sent_at"] - datetime.timedelta(minutes=5)
                if rng.random() < 0.6:
                    values.update(comment=self.pick(words.REPORT_COMMENTS), comment_by_id=trainer)
            if report["rated"]:
                values["rating"] = self.pick(RATINGS)
        elif rng.random() < 0.3:  # a draft this trainer already reviewed
            values.update(
                comment=self.pick(words.REPORT_COMMENTS),
                comment_by_id=trainer,
                ready_at=self.at(end + DAY, 17),
            )
        self.load.add(ReportEntry, report_id=report["id"], trainee_id=person.id, **values)

    # --- referrals that did not become an enrolment -----------------------------------

    def other_referrals(self, site_index, persons):
        """This site's share of the submitted, waiting, declined and merged referrals
        (every site has trainees: Scale checks it)."""
        rng, today = self.rng, self.today
        sites = self.scale.sites
        courses = sorted({person.course.id for person in persons})
        kinds = zip(
            [
                Referral.Status.SUBMITTED,
                Referral.Status.WAITING,
                Referral.Status.DECLINED,
                Referral.Status.MERGED,
            ],
            self.scale.open_referrals,
            strict=True,
        )
        for status, total in kinds:
            for _ in range(total // sites + (1 if site_index < total % sites else 0)):
                org_index = self.pick(self.site_organisations[site_index])
                referrer = self.pick(self.social_workers[org_index])
                first, last = self.person_name()
                values, trainee = {}, None
                if status == Referral.Status.SUBMITTED:
                    created = today - DAY * rng.randrange(1, 21)
                elif status == Referral.Status.WAITING:
                    created = today - DAY * rng.randrange(14, 70)
                    since = self.at(created + 5 * DAY, 11)
                    values.update(
                        course_id=self.pick(courses), waiting_since=since, decided_at=since
                    )
                elif status == Referral.Status.DECLINED:
                    created = today - DAY * rng.randrange(21, self.scale.weeks * 7)
                    values.update(
                        decided_at=self.at(created + DAY * rng.randrange(1, 10), 11),
                        decline_reason=self.pick(words.DECLINE_REASONS),
                    )
                else:  # merged: the person was already a trainee; a second referrer follows
                    person = self.pick(persons)
                    trainee, first, last = person.id, person.first_name, person.last_name
                    earliest = min(person.tenure.start + 7 * DAY, today - DAY)
                    created = self.day_in(earliest, today - DAY)
                    values.update(trainee_id=trainee, decided_at=self.at(created, 11))
                if status != Referral.Status.SUBMITTED:
                    values["decided_by_id"] = self.coordinators[0]
                referral = self.load.add(
                    Referral,
                    referrer_id=referrer,
                    organisation_id=self.organisations[org_index],
                    first_name=first,
                    last_name=last,
                    birth_year=rng.randrange(1950, 2006),
                    languages=self.pick(words.LANGUAGES),
                    reading_level=self.pick(["none", "little", "good"]),
                    needs=rng.sample(self.needs, rng.randrange(1, 3)),
                    available_days=sorted(rng.sample(range(5), 2)),
                    available_times=[self.pick(["morning", "afternoon", "evening"])],
                    consent_method="oral",
                    consent_at=self.at(created, 10),
                    status=status,
                    created_at=self.at(created, 10),
                    **values,
                )
                self.consent(
                    ConsentEvent.Kind.REFERRAL, "oral", created, referral, trainee, referrer, 10
                )


PRESENT, LATE, EXCUSED, ABSENT = Attendance.Status.values
# Enum `values` are computed at each access.
ORIGINS = Equipment.Origin.values
RATINGS = ReportEntry.Rating.values
NO_SKILLS = Json("[]")
# (note, skills encoded once for the database, skills for the report contents)
NOTES = [(note, Json(json.dumps(skills)), skills) for note, skills in words.NOTES]

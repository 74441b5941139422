"""`parcours seed`: synthetic data that satisfies the models and the application's rules,
so that every page works on it, generated the same way twice from the same seed."""

import datetime

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from parcours.core import seed
from parcours.courses.models import Attendance, Course, Enrolment, Lesson
from parcours.locker.models import Folder, StoredFile
from parcours.people.models import ConsentEvent, Organisation, Sharing, Site, Trainee, User
from parcours.referrals.models import Referral
from parcours.reports import content
from parcours.reports.models import Report

TINY = seed.Scale(
    "tiny", sites=2, organisations=2, social_workers=3, trainees=30, weeks=10, courses_per_site=2
)


def todays_lesson():
    """The known trainer's lesson today, in their first course (they may teach others)."""
    trainer = User.objects.get(username=seed.TRAINER_EMAIL)
    lessons = Lesson.objects.filter(date=timezone.localdate(), course__trainers=trainer)
    return lessons.order_by("course_id").first()


def counts_in_database():
    return {model._meta.label: model._base_manager.count() for model in seed.MODELS}


@pytest.fixture
def tiny(db):
    return seed.generate(TINY, seed=7)


@pytest.fixture
def small(db):
    call_command("seed", "--scale", "small", "--no-progress", stdout=open("/dev/null", "w"))


# --- sizes ------------------------------------------------------------------------------


def test_counts_per_model_match_the_scale(tiny):
    assert Site.objects.count() == TINY.sites
    assert Organisation.objects.count() == TINY.organisations
    roles = dict(User.objects.values_list("role").annotate(n=Count("pk")))
    assert roles == {
        User.Role.COORDINATOR: TINY.coordinators,
        User.Role.TRAINER: TINY.trainers,
        User.Role.SOCIAL_WORKER: TINY.social_workers,
        User.Role.TRAINEE: TINY.trainees,
    }
    assert Trainee.objects.count() == TINY.trainees
    assert Course.objects.count() == TINY.courses
    assert Enrolment.objects.count() == TINY.trainees
    assert Referral.objects.filter(status=Referral.Status.ENROLLED).count() == TINY.trainees
    assert Referral.objects.count() == TINY.trainees + sum(TINY.open_referrals)


def test_what_generate_reports_is_what_the_database_holds(tiny):
    in_database = counts_in_database()
    assert tiny == {label: n for label, n in in_database.items() if n}
    assert tiny["courses.Attendance"] > 100 and tiny["reports.ReportEntry"] > 20


def test_the_small_scale_has_its_sizes(small):
    scale = seed.SCALES["small"]
    assert Site.objects.count() == 1
    assert User.objects.filter(role=User.Role.SOCIAL_WORKER).count() == scale.social_workers
    assert Trainee.objects.count() == scale.trainees
    # A year of weekly lessons for ~40 seats: a few thousand rows, three quarters present.
    statuses = dict(Attendance.objects.values_list("status").annotate(n=Count("pk")))
    total = sum(statuses.values())
    assert 1_000 < total < 3_000
    assert 0.65 < statuses[Attendance.Status.PRESENT] / total < 0.85
    for status in Attendance.Status.values:
        assert statuses[status] > 0


def test_scales_refuse_sizes_the_generator_cannot_honour():
    with pytest.raises(ValueError):
        seed.Scale("x", sites=1, organisations=3, social_workers=2, trainees=10, weeks=10)
    with pytest.raises(ValueError):
        seed.Scale("x", sites=2, organisations=1, social_workers=1, trainees=3, weeks=10)


# --- invariants ---------------------------------------------------------------------------


def test_seats_and_enrolments_follow_the_rules(tiny):
    over_capacity = Course.objects.with_seats().filter(free_seats__lt=0)
    assert not over_capacity.exists()
    assert not Enrolment.objects.filter(end_date__lt=F("start_date")).exists()
    # Every trainee came through an accepted referral with the referrer's consent.
    for trainee in Trainee.objects.all():
        referral = trainee.referrals.get(status=Referral.Status.ENROLLED)
        assert referral.referrer_id == trainee.referrer_id
        assert referral.consent_events.filter(kind=ConsentEvent.Kind.REFERRAL).exists()
    confirmed = Trainee.objects.filter(sharing=Sharing.CONFIRMED)
    assert confirmed.count() == confirmed.filter(consent_events__kind="confirmed").count()


def test_attendance_is_recorded_only_for_held_lessons_of_the_enrolment(tiny):
    today = timezone.localdate()
    enrolments = {e.trainee_id: e for e in Enrolment.objects.all()}  # one per trainee
    rows = Attendance.objects.select_related("lesson")
    assert rows.count() > 100
    for row in rows:
        lesson, enrolment = row.lesson, enrolments[row.trainee_id]
        assert not lesson.cancelled and lesson.date < today
        in_course = lesson.course_id == enrolment.course_id
        assert in_course != row.walk_in
        if in_course:
            assert enrolment.start_date <= lesson.date
            assert enrolment.end_date is None or lesson.date <= enrolment.end_date


def test_lessons_skip_public_holidays_and_closures(tiny):
    from parcours.courses.models import Closure
    from parcours.courses.schedule import french_holidays

    today = timezone.localdate()
    regular = Lesson.objects.filter(extra=False)
    holidays = french_holidays(range(today.year - 1, today.year + 2))
    assert not regular.filter(date__in=list(holidays)).exists()
    for closure in Closure.objects.all():
        assert not regular.filter(date__range=(closure.start_date, closure.end_date)).exists()


def test_frozen_report_contents_are_what_the_reports_app_computes(tiny):
    sent = Report.objects.filter(status=Report.Status.SENT)
    assert sent.exists()
    for report in sent:
        entries = list(report.entries.all())
        built = content.build(report, entries)
        for entry in entries:
            assert entry.content == built[entry.pk]


def test_made_up_contact_details_stay_out_of_real_use(tiny):
    phones = Trainee.objects.exclude(phone="").values_list("phone", flat=True)
    assert phones and all(p.startswith(("+3363998", "+33700")) for p in phones)
    emails = list(User.objects.exclude(email="").values_list("email", flat=True))
    emails += Trainee.objects.exclude(email="").values_list("email", flat=True)
    assert emails and all(e.endswith("example.org") for e in emails)
    assert len(set(phones)) == len(phones)


def test_every_seeded_file_has_its_object_and_passes_verify(tiny, capsys):
    assert StoredFile.objects.filter(state=StoredFile.State.READY).count() > 5
    call_command("locker", "verify", "--strict")
    assert "0 missing, 0 different; 0 orphan objects" in capsys.readouterr().out


# --- the known accounts -----------------------------------------------------------------


def sign_in(client, login, secret):
    if "@" in login:
        response = client.post(reverse("people:login"), {"email": login, "password": secret})
    else:
        response = client.post(reverse("people:trainee_login"), {"username": login, "pin": secret})
    assert response.status_code == 302, response.text[:500]
    if response.url == reverse("people:login_code"):  # the coordinator's second factor
        code = pyotp.TOTP(seed.SEED_TOTP_SECRET).now()
        response = client.post(reverse("people:login_code"), {"code": code})
        assert response.status_code == 302, response.text[:500]
    assert response.url == reverse("people:home")
    return client


def test_the_known_accounts_sign_in(tiny, client):
    for login in (seed.COORDINATOR_EMAIL, seed.TRAINER_EMAIL, seed.SOCIAL_WORKER_EMAIL):
        sign_in(client, login, seed.SEED_PASSWORD)
        client.logout()
    sign_in(client, seed.TRAINEE_USERNAME, seed.SEED_PIN)


def test_any_seeded_trainee_signs_in_with_the_seed_pin(tiny, client):
    someone = Trainee.objects.exclude(user__username=seed.TRAINEE_USERNAME).last()
    sign_in(client, someone.user.username, seed.SEED_PIN)


def test_the_known_accounts_have_what_manual_tests_need(tiny):
    lesson = todays_lesson()
    assert not lesson.cancelled
    assert Enrolment.objects.current().filter(course=lesson.course).count() >= 4
    social_worker = User.objects.get(username=seed.SOCIAL_WORKER_EMAIL)
    assert social_worker.referred_trainees.filter(enrolments__end_date__isnull=True).count() >= 4
    sent = Report.objects.filter(social_worker=social_worker, status=Report.Status.SENT)
    assert sent.filter(read_at__isnull=False).exists()
    assert sent.filter(read_at__isnull=True).exists()
    nour = Trainee.objects.get(user__username=seed.TRAINEE_USERNAME)
    assert nour.referrer == social_worker and nour.sharing == Sharing.CONFIRMED
    assert Folder.objects.filter(trainee=nour).count() == 2
    assert StoredFile.objects.filter(trainee=nour, folder__isnull=False).exists()


def main_pages():
    """(login, secret, [url…]) for each known account, on the seeded data."""
    social_worker = User.objects.get(username=seed.SOCIAL_WORKER_EMAIL)
    nour = Trainee.objects.get(user__username=seed.TRAINEE_USERNAME)
    lesson = todays_lesson()
    room = lesson.course.room
    draft_or_sent = Report.objects.filter(entries__trainee=nour).order_by("-period_end").first()
    unread = Report.objects.filter(
        social_worker=social_worker, status=Report.Status.SENT, read_at__isnull=True
    ).first()
    folder = Folder.objects.filter(trainee=nour).first()
    trainee_pages = [
        reverse("people:trainee_detail", args=[nour.pk]),
        reverse("progress:path", args=[nour.pk]),
    ]
    return [
        (
            seed.COORDINATOR_EMAIL,
            seed.SEED_PASSWORD,
            [
                reverse("people:home"),
                reverse("people:trainee_list"),
                *trainee_pages,
                reverse("referrals:list"),
                reverse("referrals:triage"),
                reverse("courses:today"),
                reverse("courses:course_list"),
                reverse("courses:course_detail", args=[lesson.course_id]),
                reverse("reports:list"),
                reverse("reports:detail", args=[draft_or_sent.pk]),
                reverse("reports:follow_up"),
                reverse("reports:statistics"),
                reverse("rooms:room_list"),
                reverse("rooms:room_detail", args=[room.pk]),
            ],
        ),
        (
            seed.TRAINER_EMAIL,
            seed.SEED_PASSWORD,
            [
                reverse("people:home"),
                reverse("courses:today"),
                reverse("courses:lesson", args=[lesson.pk]),
                reverse("courses:course_detail", args=[lesson.course_id]),
                reverse("people:trainee_list"),
                *trainee_pages,
                reverse("reports:list"),
                reverse("reports:detail", args=[draft_or_sent.pk]),
                reverse("rooms:room_list"),
            ],
        ),
        (
            seed.SOCIAL_WORKER_EMAIL,
            seed.SEED_PASSWORD,
            [
                reverse("people:home"),
                reverse("people:trainee_list"),
                *trainee_pages,
                reverse("referrals:list"),
                reverse("reports:list"),
                reverse("reports:detail", args=[unread.pk]),
                reverse("locker:shared_with_me"),
            ],
        ),
        (
            seed.TRAINEE_USERNAME,
            seed.SEED_PIN,
            [
                reverse("people:home"),
                reverse("progress:my_successes"),
                reverse("progress:my_accounts"),
                reverse("locker:index"),
                reverse("locker:folder", args=[folder.pk]),
            ],
        ),
    ]


def test_main_pages_of_each_role_open_on_the_small_scale(small, client):
    for login, secret, urls in main_pages():
        sign_in(client, login, secret)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (login, url, response.status_code)
        client.logout()


def test_the_today_page_shows_the_trainers_roster(small, client):
    lesson = todays_lesson()
    sign_in(client, seed.TRAINER_EMAIL, seed.SEED_PASSWORD)
    page = client.get(reverse("courses:lesson", args=[lesson.pk])).text
    assert "Nour" in page and "Haddad" in page


# --- running again ----------------------------------------------------------------------


def snapshot():
    """Every seeded row, password hashes aside (they are salted)."""
    rows = {}
    for model in seed.MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "password"]
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows


class Rollback(Exception):
    pass


def generated(seed_value, today):
    try:
        with transaction.atomic():
            seed.generate(TINY, seed=seed_value, today=today)
            rows = snapshot()
            raise Rollback
    except Rollback:
        return rows


def test_the_same_seed_gives_the_same_data(db):
    today = timezone.localdate()
    first = generated(3, today)
    assert first == generated(3, today)
    assert first["people.Trainee"] != generated(4, today)["people.Trainee"]


def test_the_day_given_is_today_for_the_generator(db):
    day = datetime.date(2026, 3, 10)  # a Tuesday
    seed.generate(TINY, seed=1, today=day)
    trainer = User.objects.get(username=seed.TRAINER_EMAIL)
    assert Lesson.objects.filter(date=day, course__trainers=trainer).exists()
    assert not Attendance.objects.filter(lesson__date__gte=day).exists()
    horizon = Lesson.objects.order_by("-date").first().date
    assert day + datetime.timedelta(weeks=7) < horizon <= day + datetime.timedelta(weeks=8)


def test_seeding_twice_refuses_and_changes_nothing(small):
    before = counts_in_database()
    with pytest.raises(CommandError, match="already holds seeded data"):
        call_command("seed", "--scale", "small", "--no-progress")
    assert counts_in_database() == before


def test_seeding_adds_to_existing_data_and_leaves_it_alone(enrolment, other_trainee):
    before = counts_in_database()
    amina = enrolment.trainee
    made = seed.generate(TINY, seed=1)
    after = counts_in_database()
    assert {label: after[label] - before[label] for label in after if made.get(label)} == made
    amina.refresh_from_db()
    assert (amina.first_name, amina.user.username) == ("Amina", "amina")
    assert Enrolment.objects.get(pk=enrolment.pk).course_id == enrolment.course_id
    # Ids continue after the existing rows, so nothing was overwritten.
    assert Trainee.objects.filter(first_name="Amina", last_name="Rakoto").count() >= 1

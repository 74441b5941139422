"""Every role's main pages cost the same number of SQL queries whatever the size of the
data: the seed generator (parcours/core/seed.py) writes a small and a three-times larger
programme, and each page's exact query count is compared between the two.

The known seeded accounts are used at both sizes; at the larger size they have more
trainees, lessons, reports and files, which is what must not cost more queries.
"""

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.core import seed
from parcours.courses.models import Lesson
from parcours.locker.models import Folder
from parcours.people.models import Trainee, User
from parcours.referrals.models import Referral
from parcours.reports.models import Report

SIZES = [
    seed.Scale(
        "a", sites=1, organisations=2, social_workers=3, trainees=16, weeks=8, courses_per_site=2
    ),  # fmt: skip
    seed.Scale(
        "b", sites=2, organisations=3, social_workers=9, trainees=60, weeks=20, courses_per_site=3
    ),  # fmt: skip
]


def pages():
    """(role, label, url) for each role's main pages, on the seeded known accounts."""
    trainer = User.objects.get(email=seed.TRAINER_EMAIL)
    social_worker = User.objects.get(email=seed.SOCIAL_WORKER_EMAIL)
    trainee = Trainee.objects.get(user__username=seed.TRAINEE_USERNAME)
    lesson = Lesson.objects.filter(course__trainers=trainer, date=timezone.localdate()).first()
    # The richest record of the roster (diagnostics, goals) at both sizes: the pages show
    # more sections for it, and the same sections must cost the same queries.
    pupil = (
        Trainee.objects.filter(
            site__in=trainer.sites.all(),
            enrolments__end_date=None,
            diagnostics__finished_at__isnull=False,
        )
        .annotate(goal_count=Count("goals", distinct=True))
        .order_by("-goal_count", "pk")
        .first()
    )
    report = Report.objects.sent().filter(social_worker=social_worker).latest("period_end")
    followed = social_worker.referred_trainees.filter(sharing="confirmed").first()
    folder = Folder.objects.filter(trainee=trainee).first()
    # The oldest referral to triage and the first on a waiting list: the course choice of
    # each (their own course, the places their organisation's people go) at both sizes.
    submitted = Referral.objects.to_triage().first()
    waiting = Referral.objects.filter(status=Referral.Status.WAITING).order_by("pk").first()
    return [
        ("coordinator", "home", reverse("people:home")),
        ("coordinator", "trainee list", reverse("people:trainee_list")),
        ("coordinator", "trainee record", reverse("people:trainee_detail", args=[pupil.pk])),
        ("coordinator", "statistics", reverse("reports:statistics")),
        ("coordinator", "referrals to triage", reverse("referrals:triage")),
        ("coordinator", "referral to triage", reverse("referrals:detail", args=[submitted.pk])),
        ("coordinator", "waiting referral", reverse("referrals:detail", args=[waiting.pk])),
        ("coordinator", "reports follow-up", reverse("reports:follow_up")),
        ("coordinator", "courses", reverse("courses:course_list")),
        ("trainer", "home", reverse("people:home")),
        ("trainer", "today", reverse("courses:today")),
        ("trainer", "lesson roster", reverse("courses:lesson", args=[lesson.pk])),
        ("trainer", "course", reverse("courses:course_detail", args=[lesson.course_id])),
        ("trainer", "trainee record", reverse("people:trainee_detail", args=[pupil.pk])),
        ("trainer", "trainee's path", reverse("progress:path", args=[pupil.pk])),
        ("trainer", "reports", reverse("reports:list")),
        ("social_worker", "home", reverse("people:home")),
        ("social_worker", "reports", reverse("reports:list")),
        ("social_worker", "report", reverse("reports:detail", args=[report.pk])),
        ("social_worker", "referrals", reverse("referrals:list")),
        ("social_worker", "trainee record", reverse("people:trainee_detail", args=[followed.pk])),
        ("trainee", "home", reverse("people:home")),
        ("trainee", "documents", reverse("locker:index")),
        ("trainee", "folder", reverse("locker:folder", args=[folder.pk])),
    ]


def users():
    return {
        "coordinator": User.objects.get(email=seed.COORDINATOR_EMAIL),
        "trainer": User.objects.get(email=seed.TRAINER_EMAIL),
        "social_worker": User.objects.get(email=seed.SOCIAL_WORKER_EMAIL),
        "trainee": User.objects.get(username=seed.TRAINEE_USERNAME),
    }


def count_queries():
    clients = {}
    for role, user in users().items():
        clients[role] = Client()
        clients[role].force_login(user)
    counts = {}
    for role, label, url in pages():
        client = clients[role]
        assert client.get(url).status_code == 200, (role, label)  # warm caches
        caches["shared"].clear()  # figures kept by the statistics: count their computation
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (role, label)
        counts[(role, label)] = len(queries)
    return counts


@pytest.mark.django_db
def test_main_pages_cost_the_same_queries_at_two_sizes(settings):
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False  # the pages, not the sign-in
    measured = []
    for scale in SIZES:
        with transaction.atomic():
            seed.generate(scale, seed=7)
            # Whether a late report exists depends on the weekday at this size: make one,
            # so that the follow-up shows the same sections at both sizes.
            Report.objects.sent().filter(pk=Report.objects.sent().order_by("pk")[0].pk).update(
                sent_automatically=True
            )
            measured.append((count_queries(), Trainee.objects.count(), Lesson.objects.count()))
            transaction.set_rollback(True)
    (small, small_trainees, small_lessons), (large, large_trainees, large_lessons) = measured
    # The larger programme really is larger.
    assert large_trainees >= 3 * small_trainees and large_lessons >= 3 * small_lessons
    different = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert different == {}

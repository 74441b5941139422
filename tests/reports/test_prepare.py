"""Preparing reports when a period ends: who is in them, and only once."""

import datetime

import pytest
from django.core import mail

from parcours.people.models import Sharing
from parcours.reports import actions, content
from parcours.reports.models import Report, Rhythm
from tests.courses.factories import EnrolmentFactory
from tests.people.factories import TraineeFactory
from tests.reports.fixtures import attend, weeks_ago


@pytest.fixture
def karim_in_the_same_course(amina_since_a_while, other_trainee):
    """Karim (other_social_worker's) in Amina's course, present the same days."""
    enrolment = EnrolmentFactory(course=amina_since_a_while.course, trainee=other_trainee)
    enrolment.start_date = amina_since_a_while.start_date
    enrolment.save()
    return enrolment


def test_report_of_referente_holds_exactly_aminas_sessions_of_the_period(
    social_worker, trainee, other_trainee, amina_since_a_while, karim_in_the_same_course
):
    course = amina_since_a_while.course
    start, end = weeks_ago(1)
    before = attend(course, trainee, start - datetime.timedelta(days=1), note="Avant la période")
    tuesday = attend(course, trainee, start + datetime.timedelta(days=1), note="Premier e-mail")
    thursday = attend(course, trainee, start + datetime.timedelta(days=3), status="absent")
    after = attend(course, trainee, end + datetime.timedelta(days=1), note="Après la période")
    attend(course, other_trainee, start + datetime.timedelta(days=1), note="Karim : CV")

    report, created = actions.prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )

    assert created
    assert [entry.trainee for entry in report.entries.all()] == [trainee]
    (section,) = content.build(report, report.entries.all()).values()
    assert [s["date"] for s in section["sessions"]] == [
        tuesday.lesson.date.isoformat(),
        thursday.lesson.date.isoformat(),
    ]
    assert [s["status"] for s in section["sessions"]] == ["present", "absent"]
    assert (section["came"], section["missed"], section["rate"]) == (1, 1, 50)
    text = repr(section)
    assert "Premier e-mail" in text
    for outside in (before, after):
        assert outside.note not in text
    assert "Karim" not in text


def test_karim_is_in_the_report_of_his_own_referrer_only(
    social_worker, other_social_worker, trainee, other_trainee, karim_in_the_same_course
):
    start, end = weeks_ago(1)
    attend(karim_in_the_same_course.course, other_trainee, start + datetime.timedelta(days=1))
    report, _ = actions.prepare_report(
        social_worker=other_social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )
    assert [entry.trainee for entry in report.entries.all()] == [other_trainee]


@pytest.mark.parametrize("sharing", [Sharing.WITHDRAWN, Sharing.REFUSED, Sharing.PENDING])
def test_a_trainee_who_does_not_share_is_absent_from_new_reports(
    social_worker, trainee, site, amina_since_a_while, sharing
):
    start, end = weeks_ago(1)
    withdrawn = TraineeFactory(first_name="Nadia", site=site, referrer=social_worker)
    EnrolmentFactory(course=amina_since_a_while.course, trainee=withdrawn)
    attend(amina_since_a_while.course, withdrawn, start + datetime.timedelta(days=1))
    withdrawn.sharing = sharing
    withdrawn.save()

    report, _ = actions.prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )

    assert [entry.trainee for entry in report.entries.all()] == [trainee]


def test_consent_withdrawn_after_the_draft_leaves_the_trainee_out_when_sent(
    draft_report, trainee, site, social_worker, trainer, amina_since_a_while
):
    start = draft_report.period_start
    nadia = TraineeFactory(first_name="Nadia", site=site, referrer=social_worker)
    attend(amina_since_a_while.course, nadia, start + datetime.timedelta(days=1))
    draft_report.entries.create(trainee=nadia)
    nadia.sharing = Sharing.WITHDRAWN
    nadia.save()

    assert actions.deliver_report(report=draft_report, by=trainer)

    assert [entry.trainee for entry in draft_report.entries.all()] == [trainee]


def test_a_report_left_with_nobody_is_not_sent(draft_report, trainee, trainer):
    trainee.sharing = Sharing.WITHDRAWN
    trainee.save()
    assert not actions.deliver_report(report=draft_report, by=trainer)
    assert not Report.objects.filter(pk=draft_report.pk).exists()


def test_nobody_to_report_on_makes_no_report(social_worker):
    start, end = weeks_ago(1)
    assert actions.prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    ) == (None, False)


def test_the_worker_prepares_last_weeks_report_once_and_tells_the_trainer(
    social_worker,
    trainee,
    trainer,
    amina_since_a_while,
    run_tasks,
    django_capture_on_commit_callbacks,
):
    from parcours.reports.tasks import prepare_reports

    start, end = weeks_ago(1)
    attend(amina_since_a_while.course, trainee, start + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        prepare_reports.enqueue()
        prepare_reports.enqueue()
        run_tasks()
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()

    report = Report.objects.get()
    assert (report.social_worker, report.period_start, report.period_end) == (
        social_worker,
        start,
        end,
    )
    assert report.is_draft
    notice = trainer.notifications.get()
    assert "à relire" in notice.text
    assert len(mail.outbox) == 1
    assert "Amina" not in mail.outbox[0].body and "Rakoto" not in mail.outbox[0].body


def test_preparing_twice_makes_one_report(social_worker, trainee, amina_since_a_while):
    first = actions.prepare_due_reports()
    second = actions.prepare_due_reports()
    assert len(first) == 1 and second == []
    assert Report.objects.count() == 1
    assert actions.prepare_report(
        social_worker=social_worker,
        start=first[0].period_start,
        end=first[0].period_end,
        rhythm=Rhythm.WEEKLY,
    ) == (first[0], False)


def test_a_fortnightly_social_worker_gets_a_fortnight(social_worker, trainee, amina_since_a_while):
    actions.set_own_rhythm(actor=social_worker, rhythm=Rhythm.FORTNIGHTLY)
    (report,) = actions.prepare_due_reports()
    assert (report.period_end - report.period_start).days == 13
    assert report.rhythm == Rhythm.FORTNIGHTLY


def test_a_goal_reached_in_the_period_is_in_the_referrer_next_report(
    social_worker, trainer, trainee, amina_since_a_while
):
    from parcours.progress.models import Goal, Milestone

    start, end = weeks_ago(1)
    attend(amina_since_a_while.course, trainee, start + datetime.timedelta(days=1))
    milestone = Milestone.objects.get(code="own_email")
    Goal.objects.create(
        trainee=trainee,
        milestone=milestone,
        status="reached",
        reached_on=start + datetime.timedelta(days=2),
    )
    Goal.objects.create(
        trainee=trainee,
        own_words="Avant",
        status="reached",
        reached_on=start - datetime.timedelta(days=3),
    )
    report, _created = actions.prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )
    (section,) = content.build(report, report.entries.all()).values()
    assert [goal["fr"] for goal in section["goals_reached"]] == [milestone.label_fr]

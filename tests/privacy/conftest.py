"""Fixtures of the privacy tests: Amina with a bit of everything Parcours keeps about a
person, made through the apps' own actions (so that every copy of her name, phone and
e-mail lands where it would in real use)."""

import datetime

import pytest
from django.utils import timezone

PHONE = "+33612345678"  # written "06 12 34 56 78" in a trainer's note
EMAIL = "amina.rakoto@example.org"
PDF_NAMING_HER = b"%PDF-1.4\n% CV de Amina Rakoto\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def amina_everywhere(
    trainee,
    other_trainee,
    social_worker,
    trainer,
    coordinator,
    course,
    locker_storage,
    django_capture_on_commit_callbacks,
    run_tasks,
):
    """Amina (phone and e-mail added) with a referral, attendance with notes naming her,
    goals, an accounts notebook, a sent and answered report, messages to her and about
    her, locker files (one in a folder, one in the trash, one shared, one linked), and
    Karim's note naming her. Returns what the tests look for."""
    from parcours.courses.actions import excuse_in_advance
    from parcours.courses.models import Attendance, Enrolment, Lesson
    from parcours.locker import actions as locker
    from parcours.notifications.send import message_trainee
    from parcours.people.actions import set_sharing
    from parcours.people.models import Sharing
    from parcours.progress.models import AccountEntry, Goal, Milestone
    from parcours.reports.actions import (
        answer_report,
        deliver_report,
        prepare_report,
        save_comment,
    )
    from parcours.reports.models import Report, Rhythm
    from tests.locker.fixtures import put
    from tests.referrals.factories import ReferralFactory
    from tests.reports.fixtures import weeks_ago

    trainee.phone = PHONE
    trainee.email = EMAIL
    trainee.birth_year = 1990
    trainee.housing_facility = "CHU Les Tilleuls, chambre 12"
    trainee.languages = "malgache, français"
    trainee.reminders = "sms"
    trainee.save()
    ReferralFactory(
        referrer=social_worker,
        first_name="Amina",
        last_name="Rakoto",
        phone=PHONE,
        email=EMAIL,
        housing_facility="CHU Les Tilleuls",
        needs_text="Mme Rakoto veut écrire à la CAF ; joindre au 06 12 34 56 78.",
        status="enrolled",
        course=course,
        trainee=trainee,
    )
    Enrolment.objects.create(
        course=course, trainee=trainee, start_date=timezone.localdate() - datetime.timedelta(90)
    )
    with django_capture_on_commit_callbacks(execute=True):
        # The trainee confirms sharing again (a notification to her referrer names her).
        set_sharing(actor=trainee.user, trainee=trainee, sharing=Sharing.CONFIRMED)
        start, end = weeks_ago(1)
        notes = {
            start + datetime.timedelta(days=1): (
                "present",
                "Amina Rakoto a créé amina.rakoto@example.org ; rappel au 06 12 34 56 78.",
            ),
            start + datetime.timedelta(days=2): ("late", "Mme RAKOTO a fait son CV."),
            start + datetime.timedelta(days=3): ("absent", ""),
        }
        for day, (status, note) in notes.items():
            lesson, _ = Lesson.objects.get_or_create(
                course=course, date=day, start_time=course.start_time
            )
            Attendance.objects.create(lesson=lesson, trainee=trainee, status=status, note=note)
        # Karim, at the other site, names her in his own note.
        other_lesson = Lesson.objects.create(
            course=course, date=days_ago(40), start_time=course.start_time
        )
        Attendance.objects.create(
            lesson=other_lesson,
            trainee=other_trainee,
            status="present",
            note="Travail en binôme avec Amina Rakoto, très efficace.",
        )
        milestone, _ = Milestone.objects.get_or_create(
            code="test_own_email", defaults={"label_fr": "A sa propre adresse e-mail"}
        )
        Goal.objects.create(
            trainee=trainee, milestone=milestone, status="reached", reached_on=start
        )
        Goal.objects.create(
            trainee=trainee,
            own_words="Écrire le blog « Arts malgaches » d'Amina Rakoto",
            status="reached",
            reached_on=start + datetime.timedelta(days=1),
            public=True,
            public_text="Une stagiaire a fait son blog",
            evidence_url="https://amina-rakoto.example.org/",
        )
        AccountEntry.objects.create(
            trainee=trainee, service="email", identifier=EMAIL, recovery_phone=PHONE
        )
        report, _ = prepare_report(
            social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
        )
        entry = report.entries.get(trainee=trainee)
        save_comment(actor=trainer, entry=entry, comment="Amina Rakoto avance bien.")
        deliver_report(report=report, by=trainer)
        report.refresh_from_db()
        answer_report(
            actor=social_worker,
            report=report,
            ratings={entry.pk: "good"},
            kind=Report.AnswerKind.COMMENT,
            text="Merci : Mme Rakoto m'en a parlé.",
        )
        message_trainee(
            trainee, kind="reminder", subject="Rappel", body="Bonjour Amina, atelier demain."
        )
        next_week = Lesson.objects.create(
            course=course,
            date=timezone.localdate() + datetime.timedelta(days=7),
            start_time=course.start_time,
        )
        excuse_in_advance(trainee=trainee, lesson=next_week)
        folder = locker.create_folder(trainee=trainee, name="Papiers Rakoto")
        cv = put(trainee, "CV Amina Rakoto.pdf", content=PDF_NAMING_HER)
        put(trainee, "Bail Rakoto.pdf", content=PDF_NAMING_HER, folder=folder)
        old = put(trainee, "Ancien Rakoto.pdf", content=PDF_NAMING_HER)
        locker.trash_file(file=old)
        locker.share(actor=trainee.user, trainee=trainee, user=social_worker, file=cv)
        locker.create_link(
            actor=trainee.user,
            trainee=trainee,
            file=cv,
            ends_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    karim_file = put(other_trainee, "Papiers de Karim.pdf")
    run_tasks()
    return {"report": report, "karim_file": karim_file, "start": start, "end": end}

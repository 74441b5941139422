"""Operations on reports: prepare, comment, send, read, answer; rhythms. One transaction each."""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from parcours.courses.models import Attendance, Enrolment
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import Sharing, Trainee, User
from parcours.reports import content, kept_pdfs, periods
from parcours.reports.models import (
    OrganisationRhythm,
    Report,
    ReportEntry,
    SocialWorkerRhythm,
)

# --- who is in a report -----------------------------------------------------------


def _enrolled_during(start, end):
    """Enrolments that overlap the period [start, end]."""
    return Enrolment.objects.filter(start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )


def reportable_trainees(social_worker, start, end):
    """The trainees `social_worker` referred who agreed to share with them and were in
    a course during the period (enrolled, or came without enrolment)."""
    enrolled = _enrolled_during(start, end).filter(trainee=OuterRef("pk"))
    attended = Attendance.objects.filter(trainee=OuterRef("pk"), lesson__date__range=(start, end))
    return Trainee.objects.filter(referrer=social_worker, sharing=Sharing.CONFIRMED).filter(
        Exists(enrolled) | Exists(attended)
    )


def trainers_of(report):
    """Active trainers of the courses the report's trainees were enrolled in during its
    period: the people who review and send it (as access.reports_for)."""
    enrolments = _enrolled_during(report.period_start, report.period_end).filter(
        trainee__report_entries__report=report
    )
    return User.objects.filter(
        role=User.Role.TRAINER, is_active=True, courses__enrolments__in=enrolments
    ).distinct()


# --- preparing ------------------------------------------------------------------------


def prepare_report(*, social_worker, start, end, rhythm):
    """(report, created): the draft report of `social_worker` for [start, end], with
    one entry per reportable trainee; (None, False) when nobody is to be reported on.

    Idempotent: the unique (social worker, period start) constraint is the claim, so a
    second run, or a second worker, gets the existing report back and adds nothing.
    """
    trainees = list(reportable_trainees(social_worker, start, end).values_list("pk", flat=True))
    if not trainees:
        return None, False
    try:
        with transaction.atomic():
            report, created = Report.objects.get_or_create(
                social_worker=social_worker,
                period_start=start,
                defaults={"period_end": end, "rhythm": rhythm},
            )
            if created:
                ReportEntry.objects.bulk_create(
                    ReportEntry(report=report, trainee_id=pk) for pk in trainees
                )
    except IntegrityError:  # another worker created it between our read and write
        return Report.objects.get(social_worker=social_worker, period_start=start), False
    return report, created


def prepare_due_reports(today=None):
    """Prepare the report of every social worker whose period just ended; tell the
    trainers concerned. Returns the reports created now."""
    today = today or timezone.localdate()
    social_workers = (
        User.objects.filter(
            role=User.Role.SOCIAL_WORKER,
            is_active=True,
            referred_trainees__sharing=Sharing.CONFIRMED,
        )
        .annotate(last_end=Max("reports__period_end"))
        .select_related("organisation")
        .distinct()
    )
    created = []
    for social_worker in social_workers:
        rhythm = periods.rhythm_for(social_worker)
        period = periods.period_to_report(rhythm, last_end=social_worker.last_end, today=today)
        if period is None:
            continue
        report, new = prepare_report(
            social_worker=social_worker, start=period[0], end=period[1], rhythm=rhythm
        )
        if new:
            created.append(report)
    _tell_trainers_of_drafts(created)
    return created


def _tell_trainers_of_drafts(reports):
    waiting = Counter()
    due = {}
    for report in reports:
        for trainer in trainers_of(report):
            waiting[trainer] += 1
            due[trainer] = min(due.get(trainer, report.due_on), report.due_on)
    for trainer, count in waiting.items():
        with in_language_of(trainer):
            text = _(
                "%(count)s compte(s) rendu(s) à relire : ajoutez votre commentaire et "
                "envoyez avant le %(date)s."
            ) % {"count": count, "date": formats.date_format(due[trainer], "l j F")}
            email_text = _("Des comptes rendus sont prêts à relire.")
        notify(trainer, text=text, url=reverse("reports:list"), email_text=email_text)


# --- reviewing and sending ---------------------------------------------------------------


def save_comment(*, actor, entry, comment):
    entry.comment = comment.strip()
    entry.comment_by = actor
    entry.save(update_fields=["comment", "comment_by"])
    return entry


def send_report(*, actor, report, entries):
    """A trainer sends their part (`entries`, those they may see); the report goes out
    once every part is ready. A coordinator sends the whole report. True when sent."""
    with transaction.atomic():
        now = timezone.now()
        ReportEntry.objects.filter(pk__in=[e.pk for e in entries], ready_at__isnull=True).update(
            ready_at=now
        )
        if actor.role != User.Role.COORDINATOR:
            waiting = report.entries.still_shared().filter(ready_at__isnull=True)
            if waiting.exists():
                return False
        return deliver_report(report=report, by=actor)


def deliver_report(*, report, by=None, automatically=False, now=None):
    """Send a draft: freeze each entry's content, drop the trainees who no longer agree
    to share, tell the social worker (the e-mail holds a link and no personal data).

    The conditional UPDATE claims the draft: a trainer and the worker sending at the same
    moment send it once. A report left with nobody in it is deleted, not sent.
    Returns True when this call sent it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Report.objects.filter(pk=report.pk, status=Report.Status.DRAFT).update(
            status=Report.Status.SENT, sent_at=now, sent_by=by, sent_automatically=automatically
        )
        if not claimed:
            return False
        report.refresh_from_db()
        if not freeze_content(report):
            # Its draft's PDFs, kept, name the trainees who withdrew: they go too.
            report_pk = report.pk
            report.delete()
            transaction.on_commit(lambda: kept_pdfs.forget([report_pk]))
            return False
        social_worker = report.social_worker
        with in_language_of(social_worker):
            text = _("Compte rendu de l'atelier numérique du %(start)s au %(end)s : à lire.") % {
                "start": formats.date_format(report.period_start, "j F"),
                "end": formats.date_format(report.period_end, "j F Y"),
            }
            email_text = _(
                "Un compte rendu de l'atelier numérique est prêt. Vous pouvez le lire et y répondre."
            )
        notify(
            social_worker,
            text=text,
            url=reverse("reports:detail", args=[report.pk]),
            email_text=email_text,
        )
    return True


def freeze_content(report):
    """Drop the entries of trainees who no longer agree to share, and store the others'
    content as it stands now: what the social worker reads from then on. Returns the
    number of entries kept."""
    report.entries.exclude(pk__in=report.entries.still_shared().values("pk")).delete()
    entries = list(report.entries.all())
    built = content.build(report, entries)
    for entry in entries:
        entry.content = built[entry.pk]
    ReportEntry.objects.bulk_update(entries, ["content"])
    return len(entries)


def send_overdue_reports(today=None):
    """Send, as they are, the drafts whose delay has passed. Returns how many went out."""
    sent = 0
    for report in Report.objects.overdue(today).select_related("social_worker"):
        sent += deliver_report(report=report, automatically=True)
    return sent


# --- reading and answering -------------------------------------------------------------


def mark_read(*, actor, report):
    report.mark_read()
    report.save(update_fields=["read_at"])
    return report


def answer_report(*, actor, report, ratings, kind, text):
    """The social worker's answer: a rating per trainee, and a comment or a request.
    `ratings` maps entry pk to a ReportEntry.Rating value. The trainers are told."""
    with transaction.atomic():
        entries = {entry.pk: entry for entry in report.entries.all()}
        changed = []
        for pk, rating in ratings.items():
            if pk in entries:
                entries[pk].rating = rating
                changed.append(entries[pk])
        ReportEntry.objects.bulk_update(changed, ["rating"])
        report.record_answer(kind=kind, text=text.strip())
        report.save(update_fields=["read_at", "answered_at", "answer_kind", "answer_text"])
        for trainer in trainers_of(report):
            with in_language_of(trainer):
                if kind == Report.AnswerKind.REQUEST:
                    message = _("%(name)s a répondu au compte rendu du %(start)s par une demande.")
                else:
                    message = _("%(name)s a répondu au compte rendu du %(start)s.")
                in_app = message % {
                    "name": actor.display_name,
                    "start": formats.date_format(report.period_start, "j F"),
                }
                email_text = _("Une personne référente a répondu à un compte rendu.")
            notify(
                trainer,
                text=in_app,
                url=reverse("reports:detail", args=[report.pk]),
                email_text=email_text,
            )
    return report


# --- rhythms ------------------------------------------------------------------------------


def set_own_rhythm(*, actor, rhythm):
    """A social worker's own rhythm; "" follows their organisation's again."""
    if not rhythm:
        SocialWorkerRhythm.objects.filter(user=actor).delete()
        return None
    own, _created = SocialWorkerRhythm.objects.update_or_create(
        user=actor, defaults={"rhythm": rhythm}
    )
    return own


def set_organisation_rhythm(*, actor, organisation, rhythm):
    found, _created = OrganisationRhythm.objects.update_or_create(
        organisation=organisation, defaults={"rhythm": rhythm}
    )
    return found

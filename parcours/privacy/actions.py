"""The person's rights as operations: rectify, erase, keep for now, and the retention
job. Each writes its models in one transaction with its journal entry."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.audit.models import Entry
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import Trainee, User
from parcours.privacy import erasure, journal, retention
from parcours.privacy.models import Erasure, RetentionReview
from parcours.privacy.scrub import sweep
from parcours.reports import kept_pdfs


class AlreadyErased(Exception):
    pass


# --- rectification -------------------------------------------------------------------


def rectify_trainee(*, actor, form, request=None):
    """Save the corrected identity or contact details (a bound, valid RectificationForm)
    and journal which fields changed. Returns those fields' names (empty: nothing to do)."""
    changed = [name for name in form.changed_data if name in form.fields]
    if not changed:
        return []
    with transaction.atomic():
        trainee = form.save()
        journal.log_trainee_rectified(actor=actor, trainee=trainee, request=request, fields=changed)
        _forget_report_pdfs(trainee)
    return changed


# --- erasure -------------------------------------------------------------------------


def erase_trainee(*, actor, trainee, reason=Erasure.Reason.REQUEST, request=None, now=None):
    """Erase `trainee`'s personal data everywhere, keep what the statistics count, and
    record it (Erasure, journal). The locker's files leave the storage once the
    transaction commits. Raises AlreadyErased the second time (two workers, or a double
    click, erase once)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        trainee = Trainee.objects.select_for_update().select_related("user").get(pk=trainee.pk)
        try:
            with transaction.atomic():
                record = Erasure.objects.create(
                    trainee_id=trainee.pk, erased_at=now, erased_by=actor, reason=reason
                )
        except IntegrityError:
            raise AlreadyErased(trainee.pk) from None
        needles = erasure.needles_for(trainee)
        _forget_report_pdfs(trainee)
        own_words = set(trainee.goals.exclude(own_words="").values_list("own_words", flat=True))
        keys = erasure.erase_locker(trainee)
        erasure.erase_reports(trainee, own_words)
        erasure.erase_path(trainee)
        erasure.erase_messages(trainee)
        notified = erasure.erase_staff_notifications(trainee, needles)
        erasure.erase_referrals(trainee)
        erasure.erase_identity(trainee, today)
        RetentionReview.objects.filter(trainee=trainee).delete()
        sweep(needles)
        erasure.forget_notification_emails(notified)
        record.files_deleted = len(keys)
        record.save(update_fields=["files_deleted"])
        journal.log_trainee_erased(actor=actor, trainee=trainee, request=request, obj=record)
        transaction.on_commit(lambda: erasure.delete_locker_objects(keys))
    return record


def _forget_report_pdfs(trainee):
    """The reports' PDFs kept in the shared cache that hold the person (kept_pdfs), deleted
    once the transaction commits: deleted sooner, a download reading the rows as they were
    could put one back (one that still does is never served, its HTML differs, and goes
    after kept_pdfs.KEPT_FOR)."""
    report_pks = list(trainee.report_entries.values_list("report_id", flat=True))
    transaction.on_commit(lambda: kept_pdfs.forget(report_pks))


def is_erased(trainee):
    return Erasure.objects.filter(trainee_id=trainee.pk).exists()


# --- retention -----------------------------------------------------------------------


def keep_for_now(*, actor, trainee, request=None, today=None):
    """A coordinator postpones the anonymisation by KEEP_MONTHS; the warning will start
    again from scratch after that."""
    today = today or timezone.localdate()
    with transaction.atomic():
        review, _created = RetentionReview.objects.select_for_update().get_or_create(
            trainee=trainee
        )
        review.kept_until = retention.add_months(today, retention.KEEP_MONTHS)
        review.kept_by = actor
        review.kept_at = timezone.now()
        review.planned_on = None
        review.due_on = None
        review.warned_at = None
        review.save()
        journal.log_retention_kept(actor=actor, trainee=trainee, request=request, obj=review)
    return review


def warn_coordinators(*, now=None):
    """Announce the anonymisation of the trainees whose period ends within WARNING_DAYS
    (once per trainee and date). Returns the trainees newly announced."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    announced = []
    for item in retention.due_by(today + datetime.timedelta(days=retention.WARNING_DAYS), today):
        if item.warned:
            continue
        review, _created = _review_of(item.trainee)
        planned = item.planned_on(today)
        claimed = RetentionReview.objects.filter(
            pk=review.pk, due_on=review.due_on, planned_on=review.planned_on
        ).update(due_on=item.due_on, planned_on=planned, warned_at=now)
        if claimed:
            announced.append((item.trainee, planned))
    if announced:
        _tell_coordinators(len(announced), min(planned for _t, planned in announced))
    return [trainee for trainee, _planned in announced]


def _review_of(trainee):
    try:
        with transaction.atomic():
            return RetentionReview.objects.get_or_create(trainee=trainee)
    except IntegrityError:  # another worker made it at the same moment
        return RetentionReview.objects.get(trainee=trainee), False


def _tell_coordinators(count, first_date):
    """No name, no detail in the message (it travels by e-mail): a count, a date, a link."""
    from django.utils import formats

    url = reverse("privacy:retention")
    for coordinator in User.objects.filter(role=User.Role.COORDINATOR, is_active=True):
        with in_language_of(coordinator):
            text = _(
                "%(count)s dossier(s) de stagiaire arrivent au bout de la durée de conservation : "
                "ils seront anonymisés à partir du %(date)s, sauf si vous les gardez."
            ) % {"count": count, "date": formats.date_format(first_date, "j F Y")}
            notify(coordinator, text=text, url=url, email_text=text)


def anonymise_expired(*, now=None):
    """Anonymise the trainees whose period has ended and whose announced date has come,
    unless a coordinator keeps them. Returns the Erasure records made."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    done = []
    for item in retention.due_by(today, today):
        if not item.warned or item.planned_on(today) > today:
            continue
        try:
            done.append(
                erase_trainee(
                    actor=None,
                    trainee=item.trainee,
                    reason=Erasure.Reason.RETENTION,
                    now=now,
                )
            )
        except AlreadyErased:
            continue
    return done


def purge_audit_journal(*, now=None):
    """Delete the journal's entries older than PARCOURS_AUDIT_RETENTION_MONTHS.

    A queryset delete: the model refuses `delete()` on an entry, and nothing else in
    the application deletes entries. The purge itself is journalled (a count)."""
    cutoff = retention.audit_cutoff(now)
    with transaction.atomic():
        deleted, _by_model = Entry.objects.filter(created_at__lt=cutoff).delete()
        if deleted:
            journal.log_audit_purged(count=deleted)
    return deleted


def run_retention(*, now=None):
    """The daily job: warn, anonymise what is due, purge the old journal entries."""
    return {
        "warned": len(warn_coordinators(now=now)),
        "anonymised": len(anonymise_expired(now=now)),
        "audit_purged": purge_audit_journal(now=now),
    }

"""Erasing a trainee's personal data, app by app, while the rows the statistics count
stay (parcours/reports/statistics.py): attendance (status, lesson), enrolment dates,
site, organisation, birth year, successes (their kind, without words), referrals (date,
status, course).

Called by `actions.erase_trainee` inside its transaction, in this order: collect what
identifies the person (`needles_for`), blank what is about them (`erase_*`), then sweep
every other free text for what is left (scrub.sweep). Files leave the storage after the
commit (`delete_locker_objects`).
"""

import logging
import secrets

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from parcours.privacy.scrub import Needles

logger = logging.getLogger(__name__)


def anonymised_name():
    """What an erased person is called everywhere, in the site's language (it is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Personne anonymisée")


def needles_for(trainee):
    """Everything that identifies `trainee` in a text: their names and contact details,
    and the copies of them in their referrals and accounts notebook."""
    from parcours.progress.models import AccountEntry

    names = {trainee.full_name, f"{trainee.last_name} {trainee.first_name}"}
    last_names = {trainee.last_name}
    phones = {trainee.phone}
    emails = {trainee.email, trainee.user.email}
    for referral in trainee.referrals.all():
        names |= {referral.full_name, f"{referral.last_name} {referral.first_name}"}
        last_names.add(referral.last_name)
        phones.add(referral.phone)
        emails.add(referral.email)
    for account in AccountEntry.objects.filter(trainee=trainee):
        phones.add(account.recovery_phone)
        emails |= {account.recovery_email, account.identifier}
    return Needles(
        names=names, last_names=last_names, phones=phones, emails=emails, label=anonymised_name()
    )


def erase_identity(trainee, today):
    """The trainee's record and sign-in: names, contact details, housing, languages gone;
    the account can no longer sign in. Site, organisation, birth year and the referrer
    (whose list shows "Personne anonymisée") stay for the statistics."""
    from parcours.courses.models import CalendarFeed
    from parcours.notifications.models import Notification
    from parcours.people.models import Reminders, Sharing, Trainee

    trainee.first_name = anonymised_name()
    trainee.last_name = ""
    trainee.phone = ""
    trainee.email = ""
    trainee.housing_facility = ""
    trainee.languages = ""
    trainee.reminders = Reminders.NONE
    # Nothing more goes to the referrer (reports pick confirmed sharing only).
    trainee.sharing = Sharing.WITHDRAWN
    trainee.status = Trainee.Status.LEFT
    trainee.save()
    user = trainee.user
    user.username = f"anonyme-{secrets.token_hex(8)}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.language = ""
    user.is_active = False
    user.locked = False
    user.failed_logins = 0
    user.paused_until = None
    user.set_unusable_password()
    user.save()
    CalendarFeed.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    trainee.enrolments.current().update(end_date=today)


def erase_referrals(trainee):
    """The referrals' copy of the person's identity and the referrer's words; their date,
    status, course and needs (codes) stay."""
    trainee.referrals.update(
        first_name=anonymised_name(),
        last_name="",
        birth_year=None,
        phone="",
        email="",
        languages="",
        housing_facility="",
        needs_text="",
        availability_note="",
        decline_reason="",
    )


def erase_path(trainee):
    """Attendance notes, goals' words and proofs, the accounts notebook. Attendance
    statuses, skills worked, diagnostics' levels and successes' kinds stay."""
    from parcours.progress.models import AccountEntry

    trainee.attendances.exclude(note="").update(note="")
    trainee.goals.update(own_words="", evidence_url="", public=False, public_text="")
    AccountEntry.objects.filter(trainee=trainee).delete()


def erase_reports(trainee, own_words):
    """Trainers' comments about the person and the frozen content sent: notes and goals'
    words taken out (counts and statuses stay). A report's answer that is only about the
    person goes too; one about several people loses their name (scrub.sweep)."""
    from django.db.models import Count

    from parcours.reports.models import Report

    for entry in trainee.report_entries.all():
        entry.comment = ""
        entry.content = _scrubbed_content(entry.content, own_words)
        entry.save(update_fields=["comment", "content"])
    only_theirs = (
        Report.objects.filter(entries__trainee=trainee)
        .annotate(n=Count("entries"))
        .filter(n=1)
        .values("pk")
    )
    Report.objects.filter(pk__in=only_theirs).update(answer_text="")


def _scrubbed_content(content, own_words):
    if not content:
        return content
    content = dict(content)
    content["sessions"] = [{**session, "note": ""} for session in content.get("sessions", [])]
    content["goals_reached"] = [
        {**goal, "fr": "", "en": ""} if goal.get("fr") in own_words else goal
        for goal in content.get("goals_reached", [])
    ]
    return content


def erase_messages(trainee):
    """The log of e-mails and SMS sent to the person: addresses and bodies gone; the
    channel, kind, status and dates stay."""
    trainee.messages.update(to="", subject="", body="", error="")


def erase_staff_notifications(trainee, needles):
    """Messages to staff about the person that name them by first name only ("Amina ne
    peut pas venir"), found by their link to the person's record or referral."""
    from django.db.models import Q
    from django.urls import reverse

    from parcours.notifications.models import Notification

    links = Q(url__startswith=reverse("people:trainee_detail", args=[trainee.pk]))
    for referral_pk in trainee.referrals.values_list("pk", flat=True):
        links |= Q(url=reverse("referrals:detail", args=[referral_pk]))
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Message au sujet d'une personne anonymisée.")
    ids = list(Notification.objects.filter(links).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(text=text)
    return ids


def forget_notification_emails(notification_ids):
    """The e-mail texts queued with these notifications (in the task queue's arguments,
    first name included) are emptied: a retry sends a text without it."""
    if not notification_ids:
        return
    from django_tasks_db.models import DBTaskResult

    path = "parcours.notifications.tasks.send_notification_email"
    wanted = set(notification_ids)
    for result in DBTaskResult.objects.filter(task_path=path).only("pk", "args_kwargs"):
        args = list((result.args_kwargs or {}).get("args", []))
        if args and args[0] in wanted and len(args) > 1 and args[1]:
            args[1] = ""
            DBTaskResult.objects.filter(pk=result.pk).update(
                args_kwargs={**result.args_kwargs, "args": args}
            )


def erase_locker(trainee):
    """Shares and links revoked (deleted), folders deleted, files claimed for deletion
    with their names gone. Returns the storage keys to delete after the commit; if the
    process stops before, the locker's clean-up (worker, hourly) finishes the DELETING
    rows."""
    from parcours.locker.models import Folder, Link, Locker, Share, StoredFile

    files = StoredFile.objects.filter(trainee=trainee)
    Link.objects.filter(file__trainee=trainee).delete()
    Share.objects.filter(trainee=trainee).delete()
    keys = list(files.values_list("pk", "key"))
    files.update(state=StoredFile.State.DELETING, name="", folder=None)
    Folder.objects.filter(trainee=trainee).delete()
    Locker.objects.filter(trainee=trainee).delete()
    return keys


def delete_locker_objects(keys):
    """After the commit: each object, then its row (as the locker's own purge). An
    object the storage fails to delete keeps its DELETING row: the clean-up retries."""
    from parcours.locker import storage
    from parcours.locker.models import StoredFile

    for pk, key in keys:
        try:
            storage.delete(key)
        except Exception:
            logger.exception("could not delete an erased trainee's locker object")
            continue
        StoredFile.objects.filter(pk=pk, state=StoredFile.State.DELETING).delete()

"""Everything Parcours keeps about one person, as a ZIP they can read and take elsewhere
(right of access and portability):

    donnees.json      the data, by kind (identity, referrals, consent, enrolments,
                      attendance, diagnostics, goals, accounts notebook, reports,
                      messages, locker, journal)
    index.html        the same in plain French, one self-contained page (no script, no
                      link to anything outside the file)
    documents/<…>     the locker's files under their names, in their folders

The ZIP is written to a temporary file on disk, never held in memory: a locker may hold
gigabytes. Files are copied from the storage in pieces.
"""

import json
import os
import re
import tempfile
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.locker.content import CHUNK, clean_name

# What a ZIP member's name never holds: separators and characters file systems refuse.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _when(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat()


def _person(user):
    return user.display_name if user is not None else None


def collect(trainee):
    """The person's data as plain JSON-ready values (labels in the current language)."""
    from parcours.audit.models import Entry
    from parcours.courses.models import AbsenceAlert, Attendance
    from parcours.locker.models import Folder, Link, Share, StoredFile
    from parcours.notifications.models import Notification
    from parcours.progress.models import AccountEntry, Answer, Diagnostic, Goal
    from parcours.reports.content import skill_label
    from parcours.reports.models import ReportEntry

    user = trainee.user
    data = {
        "exported_at": _when(timezone.now()),
        "identity": {
            "internal_id": trainee.pk,
            "first_name": trainee.first_name,
            "last_name": trainee.last_name,
            "birth_year": trainee.birth_year,
            "languages": trainee.languages,
            "phone": trainee.phone,
            "email": trainee.email,
            "housing_facility": trainee.housing_facility,
            "site": trainee.site.name,
            "organisation": trainee.organisation.name if trainee.organisation else None,
            "referrer": _person(trainee.referrer),
            "status": trainee.get_status_display(),
            "sharing_with_referrer": trainee.get_sharing_display(),
            "reminders": trainee.get_reminders_display(),
            "created_at": _when(trainee.created_at),
            "username": user.username,
            "account_language": user.language,
        },
        "referrals": [
            {
                "created_at": _when(r.created_at),
                "referrer": _person(r.referrer),
                "organisation": r.organisation.name,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "birth_year": r.birth_year,
                "phone": r.phone,
                "email": r.email,
                "languages": r.languages,
                "reading_level": r.get_reading_level_display(),
                "housing_facility": r.housing_facility,
                "needs": [str(label) for label in r.need_labels()],
                "needs_text": r.needs_text,
                "available_days": [str(label) for label in r.day_labels()],
                "available_times": [str(label) for label in r.time_labels()],
                "availability_note": r.availability_note,
                "consent": r.get_consent_method_display(),
                "consent_at": _when(r.consent_at),
                "status": r.get_status_display(),
                "course": r.course.title if r.course else None,
                "decline_reason": r.decline_reason,
                "decided_at": _when(r.decided_at),
            }
            for r in trainee.referrals.select_related("referrer", "organisation", "course")
        ],
        "consent_events": [
            {
                "date": _when(e.created_at),
                "kind": e.get_kind_display(),
                "method": e.get_method_display(),
                "recorded_by": _person(e.recorded_by),
                "text_version": e.text_version,
            }
            for e in trainee.consent_events.select_related("recorded_by")
        ],
        "enrolments": [
            {
                "course": e.course.title,
                "slot": e.course.slot_label,
                "site": e.course.room.site.name,
                "room": e.course.room.name,
                "start_date": _when(e.start_date),
                "end_date": _when(e.end_date),
            }
            for e in trainee.enrolments.select_related("course__room__site")
        ],
        "attendance": [
            {
                "date": _when(a.lesson.date),
                "course": a.lesson.course.title,
                "status": a.get_status_display(),
                "walk_in": a.walk_in,
                "note": a.note,
                "skills": [skill_label(code) for code in a.skills or []],
                "recorded_by": _person(a.recorded_by),
            }
            for a in Attendance.objects.filter(trainee=trainee)
            .select_related("lesson__course", "recorded_by")
            .order_by("lesson__date", "lesson__start_time")
        ],
        "absence_alerts": [
            {"date": _when(alert.created_at), "course": alert.course.title}
            for alert in AbsenceAlert.objects.filter(trainee=trainee).select_related("course")
        ],
        "diagnostics": _diagnostics(trainee, Diagnostic, Answer),
        "goals": [
            {
                "goal": g.label,
                "status": g.get_status_display(),
                "reached_on": _when(g.reached_on),
                "evidence_url": g.evidence_url,
                "public": g.public,
                "public_text": g.public_text,
                "created_at": _when(g.created_at),
            }
            for g in Goal.objects.filter(trainee=trainee).select_related("milestone")
        ],
        "accounts_notebook": [
            {
                "service": a.get_service_display(),
                "service_name": a.service_name,
                "identifier": a.identifier,
                "recovery_email": a.recovery_email,
                "recovery_phone": a.recovery_phone,
                "created_on": _when(a.created_on),
            }
            for a in AccountEntry.objects.filter(trainee=trainee)
        ],
        "reports": [
            {
                "period": [_when(e.report.period_start), _when(e.report.period_end)],
                "social_worker": _person(e.report.social_worker),
                "status": e.report.get_status_display(),
                "sent_at": _when(e.report.sent_at),
                "trainer_comment": e.comment,
                "rating": e.get_rating_display(),
                "content_sent": e.content,
            }
            for e in ReportEntry.objects.filter(trainee=trainee).select_related(
                "report__social_worker"
            )
        ],
        "messages_sent": [
            {
                "date": _when(m.created_at),
                "channel": m.get_channel_display(),
                "to": m.to,
                "subject": m.subject,
                "body": m.body,
                "kind": m.kind,
                "status": m.get_status_display(),
            }
            for m in trainee.messages.order_by("created_at", "pk")
        ],
        "in_app_messages": [
            {"date": _when(n.created_at), "text": n.text}
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
        ],
        "locker": _locker(trainee, Folder, StoredFile, Share, Link),
        "journal": [
            {
                "date": _when(entry.created_at),
                "action": str(entry.get_action_display()),
                "by": _person(entry.actor) or _("(automatique)"),
                "by_role": entry.actor_role,
            }
            for entry in Entry.objects.filter(trainee_id=trainee.pk)
            .select_related("actor")
            .order_by("created_at", "pk")
        ],
    }
    return data


def _diagnostics(trainee, Diagnostic, Answer):
    from parcours.reports.content import level_label

    result = []
    for diagnostic in Diagnostic.objects.filter(trainee=trainee).select_related("started_by"):
        answers = Answer.objects.filter(diagnostic=diagnostic).select_related("skill")
        result.append(
            {
                "started_at": _when(diagnostic.started_at),
                "finished_at": _when(diagnostic.finished_at),
                "by": _person(diagnostic.started_by),
                "answers": [
                    {
                        "skill": answer.skill.label,
                        "level": level_label(answer.level),
                        "date": _when(answer.answered_at),
                    }
                    for answer in answers
                ],
            }
        )
    return result


def _locker(trainee, Folder, StoredFile, Share, Link):
    folders = {f.pk: f for f in Folder.objects.filter(trainee=trainee)}
    files = StoredFile.objects.ready().filter(trainee=trainee).order_by("pk")
    member_names = zip_member_names(files, folders)
    return {
        "folders": [
            {
                "path": folder_path(f, folders),
                "created_at": _when(f.created_at),
                "in_trash": f.trashed_at is not None,
            }
            for f in folders.values()
        ],
        "files": [
            {
                "name": f.name,
                "folder": folder_path(folders[f.folder_id], folders) if f.folder_id else "",
                "size": f.size,
                "type": f.content_type,
                "sha256": f.sha256,
                "uploaded_at": _when(f.created_at),
                "in_trash": f.trashed_at is not None,
                "in_this_zip": member_names[f.pk],
            }
            for f in files
        ],
        "shares": [
            {
                "with": _person(s.user),
                "item": str(s.item),
                "since": _when(s.created_at),
                "until": _when(s.ends_on),
                "stopped_at": _when(s.revoked_at),
            }
            for s in Share.objects.filter(trainee=trainee).select_related("user", "file", "folder")
        ],
        "links": [
            {
                "file": link.file.name,
                "created_at": _when(link.created_at),
                "expires_at": _when(link.expires_at),
                "downloads": link.downloads,
                "stopped_at": _when(link.revoked_at),
            }
            for link in Link.objects.filter(file__trainee=trainee).select_related("file")
        ],
    }


def folder_path(folder, folders):
    """ "Logement/Bail" for a folder, from the folders of the same locker (no query)."""
    names, seen = [], set()
    while folder is not None and folder.pk not in seen:
        seen.add(folder.pk)
        names.append(folder.name)
        folder = folders.get(folder.parent_id)
    return "/".join(reversed(names))


def _safe(part, fallback):
    part = _UNSAFE.sub("_", clean_name(part, fallback=fallback)).strip(" .")
    return part or fallback


def zip_member_names(files, folders):
    """{file pk: "documents/<folders>/<name>"}: names cleaned of separators and control
    characters, the trash apart, each name unique in the ZIP (" (2)" added)."""
    taken, names = set(), {}
    for stored in files:
        parts = ["documents"]
        if stored.trashed_at is not None:
            parts.append(_("Corbeille"))
        if stored.folder_id and stored.folder_id in folders:
            path = folder_path(folders[stored.folder_id], folders)
            parts += [_safe(part, "dossier") for part in path.split("/")]
        name = _safe(stored.name, "document")
        stem, ext = os.path.splitext(name)
        candidate, n = "/".join([*parts, name]), 1
        while candidate.lower() in taken:
            n += 1
            candidate = "/".join([*parts, f"{stem} ({n}){ext}"])
        taken.add(candidate.lower())
        names[stored.pk] = candidate
    return names


def write_zip(trainee):
    """The ZIP in a temporary file (deleted when closed), positioned at its start."""
    from parcours.locker import storage
    from parcours.locker.models import Folder, StoredFile

    data = collect(trainee)
    spool = tempfile.TemporaryFile()
    try:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "donnees.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            archive.writestr(
                "index.html", render_to_string("privacy/export_index.html", {"data": data})
            )
            folders = {f.pk: f for f in Folder.objects.filter(trainee=trainee)}
            files = StoredFile.objects.ready().filter(trainee=trainee).order_by("pk")
            names = zip_member_names(files, folders)
            for stored in files:
                _copy_into(archive, names[stored.pk], stored, storage)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool


def _copy_into(archive, member, stored, storage):
    """One locker file into the ZIP, piece by piece; stored as it is (documents and
    photos are compressed already)."""
    info = zipfile.ZipInfo(member, date_time=timezone.localtime(stored.created_at).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    try:
        stream = storage.open_stream(stored.key)
    except FileNotFoundError:
        return
    try:
        with archive.open(info, "w", force_zip64=True) as target:
            while block := stream.read(CHUNK):
                target.write(block)
    finally:
        stream.close()

"""THE policy module: who may see or change what.

Every view, queryset and template asks here; no view decides access by itself.
Outsiders get 404, never 403, so an id reveals nothing about what exists.

Roles (DESIGN.md):
- coordinator: everything in the programme;
- trainer: the trainees of the sites they work at (until the courses issue narrows
  this to the trainees enrolled in their courses);
- social worker: the trainees they referred, or every trainee of their organisation
  when the organisation allows it;
- trainee: themselves only.
"""

from functools import wraps

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from parcours.people.models import Organisation, Sharing, Trainee, User

STAFF_ROLES = {User.Role.COORDINATOR, User.Role.TRAINER, User.Role.SOCIAL_WORKER}


# --- querysets -------------------------------------------------------------


def trainees_for(user):
    """Trainees `user` may see.

    - coordinator: all;
    - trainer: those of the sites the trainer works at;
    - social worker: those they referred, or all of their organisation's if it shares;
    - trainee: themselves;
    - anyone else (inactive, anonymous): none.
    """
    qs = Trainee.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    match user.role:
        case User.Role.COORDINATOR:
            return qs
        case User.Role.TRAINER:
            return qs.filter(site__in=user.sites.all())
        case User.Role.SOCIAL_WORKER:
            organisation = user.organisation
            if organisation is not None and organisation.social_workers_see_all:
                return qs.filter(organisation=organisation)
            # Their trainees, and those an accepted referral of theirs was attached to.
            from parcours.referrals.models import Referral

            # The ids are read once per request (kept on the user object): inside the OR,
            # a subquery would make PostgreSQL walk every trainee instead of two indexes.
            if not hasattr(user, "_attached_trainee_ids"):
                user._attached_trainee_ids = list(
                    Referral.objects.filter(referrer=user, trainee__isnull=False).values_list(
                        "trainee_id", flat=True
                    )
                )
            return qs.filter(Q(referrer=user) | Q(pk__in=user._attached_trainee_ids))
        case User.Role.TRAINEE:
            return qs.filter(user=user)
    return qs.none()


# --- single objects -----------------------------------------------------------


def get_trainee_for(user, pk, *, write=False):
    """The trainee `pk` if `user` may see it (write=True: change it), else 404.

    Reading: whoever `trainees_for` lets see the trainee, except the trainee
    themself (their own pages do not take an id).
    Writing (PIN reset, unlock, profile): coordinators, and trainers of the trainee's site.
    """
    if not is_staff(user):
        raise Http404
    if write and not may_manage_sign_in(user):
        raise Http404
    return get_object_or_404(trainees_for(user).select_related("user", "referrer", "site"), pk=pk)


def get_own_trainee(user):
    """The trainee's own record, for their own pages (which take no id): trainees only;
    404 for anyone else."""
    if not user.is_authenticated or user.role != User.Role.TRAINEE:
        raise Http404
    return get_object_or_404(
        Trainee.objects.select_related("user", "referrer", "organisation", "site"), user=user
    )


# --- capabilities ---------------------------------------------------------------


def is_staff(user):
    """Coordinators, trainers and social workers: anyone signed in with a password."""
    return user.is_authenticated and user.role in STAFF_ROLES


def may_list_trainees(user):
    """Coordinators, trainers, social workers (each within `trainees_for`)."""
    return is_staff(user)


def may_manage_sign_in(user):
    """Reset a trainee's PIN or unlock their account, after checking identity in person:
    coordinators and trainers. Social workers never (they do not meet the trainee in class).
    """
    return user.is_authenticated and user.role in {User.Role.COORDINATOR, User.Role.TRAINER}


def may_read_journal(user):
    """Search the audit journal: coordinators. (Trainees see the part about themselves.)"""
    return user.is_authenticated and user.role == User.Role.COORDINATOR


def may_see_programme(user):
    """Sites, organisations and programme-wide figures: coordinators."""
    return user.is_authenticated and user.role == User.Role.COORDINATOR


def may_see_progress(user, trainee):
    """Attendance, notes, goals of a trainee `user` can already see: coordinators and
    trainers always; a social worker only once the person confirmed sharing with them
    (until then: the enrolment status only).

    The person shares with their referrer (`Trainee.referrer`, named on "Mon accord"):
    another social worker who follows them too (a colleague, when the organisation lets
    its members see each other's trainees; a second referrer whose referral was merged
    into the record) sees the enrolment status only."""
    if user.role in {User.Role.COORDINATOR, User.Role.TRAINER}:
        return True
    if user.role == User.Role.SOCIAL_WORKER:
        return trainee.sharing == Sharing.CONFIRMED and trainee.referrer_id == user.pk
    return False


def may_withdraw_sharing(user, trainee):
    """The person's referrer (on the person's word) may withdraw sharing; the trainee
    does it from their own page."""
    return (
        user.role == User.Role.SOCIAL_WORKER
        and trainee.sharing == Sharing.CONFIRMED
        and trainees_for(user).filter(pk=trainee.pk).exists()
    )


# --- referrals ------------------------------------------------------------------


def referrals_for(user):
    """Referrals `user` may see.

    - coordinator: all;
    - social worker: their own, or all of their organisation's if it shares;
    - others: none.
    """
    from parcours.referrals.models import Referral

    qs = Referral.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == User.Role.COORDINATOR:
        return qs
    if user.role == User.Role.SOCIAL_WORKER:
        organisation = user.organisation
        if organisation is not None and organisation.social_workers_see_all:
            return qs.filter(organisation=organisation)
        return qs.filter(referrer=user)
    return qs.none()


def get_referral_for(user, pk, *, triage=False):
    """The referral `pk` if `user` may see it (triage=True: decide on it), else 404.

    Seeing: as `referrals_for`. Triage (accept, waiting list, decline, merge): coordinators.
    """
    if triage and not may_triage(user):
        raise Http404
    return get_object_or_404(
        referrals_for(user).select_related("referrer", "organisation", "course", "trainee"), pk=pk
    )


def may_list_referrals(user):
    """Social workers (their referrals) and coordinators (all)."""
    return may_refer(user) or may_triage(user)


def may_refer(user):
    """Social workers of a partner organisation."""
    return (
        user.is_authenticated
        and user.role == User.Role.SOCIAL_WORKER
        and user.organisation_id is not None
    )


def may_triage(user):
    """Coordinators."""
    return user.is_authenticated and user.role == User.Role.COORDINATOR


# --- organisations -----------------------------------------------------------------


def organisations_for(user):
    """Coordinators: all; a social worker: their own organisation."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.role == User.Role.COORDINATOR:
        return Organisation.objects.all()
    if user.role == User.Role.SOCIAL_WORKER and user.organisation_id:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def get_organisation_for(user, pk, *, manage=False):
    """The organisation `pk` if `user` may see it (manage=True: invite colleagues and
    set who sees what): coordinators; its contact person. Else 404."""
    organisation = get_object_or_404(organisations_for(user), pk=pk)
    if manage and not may_manage_organisation(user, organisation):
        raise Http404
    return organisation


def may_manage_organisation(user, organisation):
    if user.role == User.Role.COORDINATOR:
        return True
    return (
        user.role == User.Role.SOCIAL_WORKER
        and user.is_organisation_contact
        and user.organisation_id == organisation.pk
    )


# --- courses and lessons -----------------------------------------------------------


def courses_for(user):
    """Courses `user` may see.

    - coordinator: all;
    - trainer: those they teach;
    - social worker: those where one of their trainees is enrolled now;
    - trainee: those they are enrolled in now.
    """
    from parcours.courses.models import Course

    qs = Course.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    match user.role:
        case User.Role.COORDINATOR:
            return qs
        case User.Role.TRAINER:
            return qs.filter(trainers=user)
        case User.Role.SOCIAL_WORKER | User.Role.TRAINEE:
            trainees = trainees_for(user).values("pk")
            return qs.filter(
                pk__in=Course.objects.filter(
                    enrolments__trainee__in=trainees, enrolments__end_date__isnull=True
                ).values("pk")
            )
    return qs.none()


def lessons_for(user):
    """Lessons of the courses `user` may see (see `courses_for`)."""
    from parcours.courses.models import Lesson

    return Lesson.objects.filter(course__in=courses_for(user).values("pk"))


def may_see_courses(user):
    """The "today" page, rosters and course pages: coordinators and trainers."""
    return user.is_authenticated and user.role in {User.Role.COORDINATOR, User.Role.TRAINER}


def may_manage_courses(user):
    """Create and edit courses, closures, extra sessions: coordinators."""
    return may_triage(user)


def may_take_attendance(user, course):
    """Coordinators, and the trainers of the course."""
    if not user.is_authenticated:
        return False
    if user.role == User.Role.COORDINATOR:
        return True
    return user.role == User.Role.TRAINER and course.trainers.filter(pk=user.pk).exists()


def get_lesson_for(user, pk, *, attendance=False):
    """The lesson `pk` if `user` may see it (attendance=True: take attendance and write
    notes, cancel it), else 404: see `lessons_for` and `may_take_attendance`."""

    if attendance and user.role not in {User.Role.COORDINATOR, User.Role.TRAINER}:
        raise Http404
    lesson = get_object_or_404(lessons_for(user).select_related("course__room__site"), pk=pk)
    return lesson


# --- progress: diagnostics, goals, accounts notebook, timeline ---------------------------


def may_see_path(user, trainee):
    """The path of a trainee `user` can already see (timeline, goals, diagnostics):
    coordinators and trainers; the referrer only with the person's consent."""
    return may_see_progress(user, trainee)


def may_edit_path(user):
    """Run a diagnostic, set and close goals, keep the accounts notebook: coordinators
    and trainers (of the trainees they see)."""
    return may_manage_sign_in(user)


def may_see_accounts(user, trainee):
    """The accounts notebook (identifiers, recovery addresses): coordinators, trainers,
    and the trainee themself. Never the referrer: it is not progress to report."""
    if user.role in {User.Role.COORDINATOR, User.Role.TRAINER}:
        return True
    return user.role == User.Role.TRAINEE and trainee.user_id == user.pk


def get_path_trainee_for(user, pk, *, write=False):
    """The trainee `pk` for progress pages: as `get_trainee_for`, and the referrer only
    with consent. Else 404."""
    trainee = get_trainee_for(user, pk, write=write)
    if not may_see_path(user, trainee):
        raise Http404
    return trainee


def may_manage_framework(user):
    """Add local skills and milestones: coordinators."""
    return may_triage(user)


def may_see_calendar_feed(user):
    """Everyone signed in has their own private calendar address."""
    return user.is_authenticated and user.is_active


# --- reports ---------------------------------------------------------------------


def _taught_entries(user):
    """Report entries of trainees enrolled, during the report's period, in a course
    `user` teaches."""
    from django.db.models import Exists, OuterRef

    from parcours.courses.models import Enrolment
    from parcours.reports.models import ReportEntry

    taught = Enrolment.objects.filter(
        trainee=OuterRef("trainee"),
        course__trainers=user,
        start_date__lte=OuterRef("report__period_end"),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("report__period_start")))
    # The trainees ever enrolled in their courses first (an index on the entries'
    # trainee), then the period check: without it PostgreSQL reads every report entry.
    ever_taught = Enrolment.objects.filter(course__trainers=user).values("trainee")
    return ReportEntry.objects.filter(trainee__in=ever_taught).filter(Exists(taught))


def reports_for(user):
    """Reports `user` may open.

    - coordinator: all, drafts included;
    - trainer: those holding a trainee enrolled, during the period, in a course they teach
      (drafts to review, and what was sent);
    - social worker: the reports sent to them (never drafts, never a colleague's);
    - trainee and anyone else: none.
    """
    from parcours.reports.models import Report

    qs = Report.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    match user.role:
        case User.Role.COORDINATOR:
            return qs
        case User.Role.TRAINER:
            return qs.filter(pk__in=_taught_entries(user).values("report"))
        case User.Role.SOCIAL_WORKER:
            return qs.filter(social_worker=user, status=Report.Status.SENT)
    return qs.none()


def report_entries_for(user, report=None):
    """The trainees' parts of reports (of `report` if given) that `user` may read.

    - coordinator: all;
    - trainer: those of the trainees they teach (see `reports_for`);
    - social worker: those of the reports sent to them, for trainees who still agree to
      share (a withdrawal hides what was sent before, as it hides the trainee's progress);
    - anyone else: none.
    """
    from parcours.reports.models import Report, ReportEntry

    qs = ReportEntry.objects.select_related("trainee")
    if report is not None:
        qs = qs.filter(report=report)
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    match user.role:
        case User.Role.COORDINATOR:
            return qs
        case User.Role.TRAINER:
            return qs.filter(pk__in=_taught_entries(user).values("pk"))
        case User.Role.SOCIAL_WORKER:
            return qs.filter(
                report__social_worker=user,
                report__status=Report.Status.SENT,
                trainee__sharing=Sharing.CONFIRMED,
            )
    return qs.none()


def get_report_for(user, pk, *, edit=False, answer=False):
    """The report `pk` if `user` may open it (see `reports_for`), else 404.

    edit=True (comment, send): a draft, for coordinators and the trainers it concerns.
    answer=True (mark read, answer): a sent report, for the social worker it was sent to.
    """
    report = get_object_or_404(reports_for(user).select_related("social_worker"), pk=pk)
    if edit and not may_edit_report(user, report):
        raise Http404
    if answer and not may_answer_report(user, report):
        raise Http404
    return report


def may_edit_report(user, report):
    """Comment on and send a draft: coordinators, and trainers it concerns (`reports_for`)."""
    return (
        report.is_draft
        and user.is_authenticated
        and user.role in {User.Role.COORDINATOR, User.Role.TRAINER}
    )


def may_answer_report(user, report):
    """Mark as read and answer: the social worker the report was sent to."""
    return (
        user.is_authenticated
        and user.role == User.Role.SOCIAL_WORKER
        and report.social_worker_id == user.pk
        and report.is_sent
    )


def may_list_reports(user):
    """The reports page: coordinators, trainers, social workers (each within `reports_for`)."""
    return is_staff(user)


def may_choose_report_rhythm(user):
    """Their own rhythm: social workers."""
    return user.is_authenticated and user.role == User.Role.SOCIAL_WORKER


def get_organisation_for_rhythm(user, pk):
    """The organisation `pk` if `user` may set its default rhythm: coordinators, and its
    contact person (as `may_manage_organisation`). Else 404."""
    return get_organisation_for(user, pk, manage=True)


def may_follow_reports(user):
    """Late reports, read and answer rates per organisation: coordinators."""
    return may_see_programme(user)


def may_see_statistics(user):
    """Programme statistics, their exports, the yearly activity report and the open-data
    export of the sites: coordinators."""
    return may_see_programme(user)


# --- rooms ---------------------------------------------------------------------------


def may_see_rooms(user):
    """Rooms, their equipment and checklists: coordinators, and trainers (the rooms of
    the sites they work at, see `rooms_for`)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in {User.Role.COORDINATOR, User.Role.TRAINER}
    )


def may_manage_rooms(user):
    """Create and edit rooms, the inventory (CSV import and export, asset labels), the
    checklists' points and rhythm; assign and resolve incidents: coordinators."""
    return may_see_rooms(user) and user.role == User.Role.COORDINATOR


def rooms_for(user):
    """Rooms `user` may see.

    - coordinator: all;
    - trainer: those of the sites they work at (`User.sites`);
    - anyone else: none.
    """
    from parcours.rooms.models import Room

    qs = Room.objects.all()
    if not may_see_rooms(user):
        return qs.none()
    if user.role == User.Role.COORDINATOR:
        return qs
    return qs.filter(site__in=user.sites.all())


def get_room_for(user, pk, *, manage=False):
    """The room `pk` if `user` may see it, else 404.

    Seeing, running its checklist: as `rooms_for`. manage=True (edit the room, its
    inventory, labels and checklist): coordinators.
    """
    if manage and not may_manage_rooms(user):
        raise Http404
    return get_object_or_404(rooms_for(user).select_related("site"), pk=pk)


def equipment_for(user):
    """Items of the rooms `user` may see (see `rooms_for`)."""
    from parcours.rooms.models import Equipment

    return Equipment.objects.filter(room__in=rooms_for(user).values("pk"))


def get_equipment_for(user, pk, *, manage=False):
    """The item `pk` if `user` may see it, else 404.

    Seeing it and reporting an incident on it (the page its QR label opens): whoever
    sees its room. manage=True (edit it): coordinators.
    """
    if manage and not may_manage_rooms(user):
        raise Http404
    return get_object_or_404(equipment_for(user).select_related("room__site"), pk=pk)


def get_incident_for(user, pk, *, manage=False):
    """The incident `pk` if `user` sees its item, else 404. manage=True (assign, resolve):
    coordinators."""
    from parcours.rooms.models import Incident

    if manage and not may_manage_rooms(user):
        raise Http404
    return get_object_or_404(
        Incident.objects.filter(equipment__in=equipment_for(user).values("pk")).select_related(
            "equipment__room"
        ),
        pk=pk,
    )


# --- volunteers ---------------------------------------------------------------------


def may_manage_volunteers(user):
    """Applications to help, their pipeline, commitments, the trainers' invitations and
    the public presentation's text: coordinators."""
    return user.is_authenticated and user.is_active and user.role == User.Role.COORDINATOR


def applications_for(user):
    """Applications `user` may see: coordinators all; anyone else none (applicants never
    come back to theirs: they have no account)."""
    from parcours.volunteers.models import Application

    qs = Application.objects.all()
    if not may_manage_volunteers(user):
        return qs.none()
    return qs


def get_application_for(user, pk):
    """The application `pk` for coordinators, else 404."""
    return get_object_or_404(
        applications_for(user).select_related("decided_by", "commitment__user"), pk=pk
    )


def get_commitment_for(user, pk):
    """The commitment `pk` (renew it, assign courses, invite again): coordinators. Else 404."""
    from parcours.volunteers.models import Commitment

    if not may_manage_volunteers(user):
        raise Http404
    return get_object_or_404(Commitment.objects.select_related("application", "user"), pk=pk)


def may_read_charter(user):
    """The confidentiality charter: trainers (who accept it) and coordinators (who read
    what trainers accept)."""
    return user.is_authenticated and user.role in {User.Role.COORDINATOR, User.Role.TRAINER}


def may_accept_charter(user):
    """Trainers, staff or volunteer alike."""
    return user.is_authenticated and user.is_active and user.role == User.Role.TRAINER


def must_accept_charter(user):
    """True for a signed-in trainer who has not accepted the current charter version:
    until they do, CharterMiddleware keeps them on the charter page, away from trainee
    data. Coordinators, social workers and trainees never."""
    from django.conf import settings

    if not may_accept_charter(user):
        return False
    return not user.charter_acceptances.filter(version=settings.CHARTER_VERSION).exists()


# --- locker ------------------------------------------------------------------------
# A trainee's documents are theirs: nobody else sees them unless the trainee shares a
# file or a folder with them (their referrer, a trainer of their site), or hands out an
# expiring link. Coordinators see how much space a locker uses, never what it holds.


def get_locker_owner(user):
    """The trainee whose own locker `user` manages: a trainee, themself. Else 404."""
    if not (user.is_authenticated and user.is_active and user.role == User.Role.TRAINEE):
        raise Http404
    # Read once per request (kept on the user object, as trainees_for keeps a social
    # worker's referral ids): a locker view asks here, then again through
    # get_own_folder_for or get_own_file_for. Only a found trainee is kept.
    trainee = getattr(user, "_locker_owner", None)
    if trainee is None:
        trainee = trainees_for(user).select_related("referrer", "site").first()
        if trainee is None:
            raise Http404
        user._locker_owner = trainee
    return trainee


def get_own_file_for(user, pk, *, trashed=False):
    """A file of `user`'s own locker (trashed=True: one in the trash). Else 404."""
    from parcours.locker.models import StoredFile

    trainee = get_locker_owner(user)
    files = StoredFile.objects.in_trash() if trashed else StoredFile.objects.in_use()
    return get_object_or_404(files.select_related("folder"), trainee=trainee, pk=pk)


def get_own_folder_for(user, pk, *, trashed=False):
    """A folder of `user`'s own locker (trashed=True: one in the trash). Else 404."""
    from parcours.locker.models import Folder

    trainee = get_locker_owner(user)
    folders = Folder.objects.in_trash() if trashed else Folder.objects.in_use()
    return get_object_or_404(folders.select_related("parent"), trainee=trainee, pk=pk)


def share_recipients(trainee):
    """Who a trainee may share documents with: their referrer, and the trainers of their
    site (those who teach them), active accounts only."""
    # The few candidates first (the site's staff and the referrer, by index), then the
    # roles: written as one OR across the sites join, PostgreSQL read every account.
    site_staff = User.sites.through.objects.filter(site_id=trainee.site_id).values("user_id")
    candidates = site_staff.union(User.objects.filter(pk=trainee.referrer_id).values("pk"))
    return (
        User.objects.filter(is_active=True, pk__in=candidates)
        .filter(
            Q(pk=trainee.referrer_id, role=User.Role.SOCIAL_WORKER)
            | Q(role=User.Role.TRAINER, sites=trainee.site_id)
        )
        .distinct()
        .order_by("role", "first_name", "last_name")
    )


def shares_received_by(user):
    """The active shares made to `user` that still hold: the trainee is still one they
    see (`trainees_for`) and may still share with them (`share_recipients`)."""
    from parcours.locker.models import Share

    if not (user.is_authenticated and user.is_active):
        return Share.objects.none()
    if user.role not in {User.Role.TRAINER, User.Role.SOCIAL_WORKER}:
        return Share.objects.none()
    if user.role == User.Role.TRAINER:
        still = Q(trainee__site__in=user.sites.all())
    else:
        still = Q(trainee__referrer=user)
    return Share.objects.active().filter(user=user, trainee__in=trainees_for(user)).filter(still)


def shared_files_for(user):
    """Files `user` may open: shared with them directly, or inside a folder shared with
    them, while the share holds (see `shares_received_by`); never what is in the trash.

    - trainer, social worker: as above;
    - coordinator, trainee (other than for their own locker), anyone else: none.
    """
    from parcours.locker.models import StoredFile, descendant_folder_ids

    shares = list(shares_received_by(user).values_list("trainee_id", "file_id", "folder_id"))
    file_ids = {file_id for _t, file_id, _f in shares if file_id}
    folder_ids = set()
    for trainee_id in {t for t, _file, folder_id in shares if folder_id}:
        roots = [f for t, _file, f in shares if t == trainee_id and f]
        folder_ids |= descendant_folder_ids(roots, trainee_id)
    return StoredFile.objects.in_use().filter(
        Q(pk__in=file_ids) | Q(folder_id__in=folder_ids, folder__trashed_at__isnull=True)
    )


def shared_folders_for(user):
    """Folders `user` may browse: shared with them, and the folders inside (see
    `shared_files_for`)."""
    from parcours.locker.models import Folder, descendant_folder_ids

    shares = list(
        shares_received_by(user).filter(folder__isnull=False).values_list("trainee_id", "folder_id")
    )
    folder_ids = set()
    for trainee_id in {t for t, _f in shares}:
        folder_ids |= descendant_folder_ids([f for t, f in shares if t == trainee_id], trainee_id)
    return Folder.objects.in_use().filter(pk__in=folder_ids)


def get_shared_file_for(user, pk):
    """A file shared with `user` (see `shared_files_for`), else 404."""
    return get_object_or_404(shared_files_for(user).select_related("trainee"), pk=pk)


def get_shared_folder_for(user, pk):
    """A folder shared with `user` (see `shared_folders_for`), else 404."""
    return get_object_or_404(shared_folders_for(user).select_related("trainee"), pk=pk)


def may_receive_shares(user):
    """The "shared with me" page: trainers and social workers."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in {User.Role.TRAINER, User.Role.SOCIAL_WORKER}
    )


def may_set_locker_quota(user):
    """Give a trainee more or less space: coordinators."""
    return may_see_programme(user)


def get_locker_trainee_for(user, pk, *, quota=False):
    """A trainee's locker as staff see it, else 404: coordinators (the space used, and
    its quota with quota=True); their trainers and referrer (what was shared with them).
    Never the files themselves unless shared."""
    if quota and not may_set_locker_quota(user):
        raise Http404
    if not (may_set_locker_quota(user) or may_receive_shares(user)):
        raise Http404
    return get_trainee_for(user, pk)


# --- two-factor sign-in (people/two_factor.py) ---------------------------------------------


def may_use_two_factor(user):
    """Their own account page, setting up an authenticator app, recovery codes: staff
    (trainees sign in with a PIN on shared computers, and own no phone app for it)."""
    return is_staff(user) and user.is_active


def must_set_up_two_factor(user):
    """True for a signed-in coordinator without an authenticator app, while
    PARCOURS_REQUIRE_COORDINATOR_2FA is on: until they set one up, TwoFactorMiddleware
    keeps them on the set-up page. Trainers and social workers choose."""
    from django.conf import settings

    from parcours.people.models import TwoFactorDevice

    return (
        settings.PARCOURS_REQUIRE_COORDINATOR_2FA
        and user.is_authenticated
        and user.role == User.Role.COORDINATOR
        and not TwoFactorDevice.objects.filter(user=user).exists()
    )


def may_disable_two_factor(user):
    """Turn their own second factor off: staff, except coordinators while it is required
    of them (they may replace their app instead)."""
    from django.conf import settings

    if not may_use_two_factor(user):
        return False
    return not (user.role == User.Role.COORDINATOR and settings.PARCOURS_REQUIRE_COORDINATOR_2FA)


def may_reset_two_factor(user):
    """See who uses a second factor, and remove someone's (a lost phone): coordinators."""
    return user.is_authenticated and user.role == User.Role.COORDINATOR


def get_staff_member_for_two_factor_reset(user, pk):
    """The staff member `pk` whose second factor `user` may remove: coordinators, for
    any staff member but themselves (their own is on their account page). Else 404."""
    if not may_reset_two_factor(user):
        raise Http404
    return get_object_or_404(User.objects.filter(role__in=STAFF_ROLES).exclude(pk=user.pk), pk=pk)


# --- privacy ------------------------------------------------------------------------
# The person's rights (parcours/privacy/): a copy of everything kept about them,
# corrections, erasure on request; the retention review. The privacy notice is public.


def may_export_trainee_data(user):
    """Download everything kept about a trainee (ZIP): coordinators. The trainee
    downloads their own from "Mes données" (`get_own_trainee`)."""
    return may_see_programme(user) and user.is_active


def get_trainee_for_export(user, pk):
    """The trainee `pk` for a coordinator's export of their data, else 404."""
    if not may_export_trainee_data(user):
        raise Http404
    return get_trainee_for(user, pk)


def may_rectify(user, trainee):
    """Correct a trainee's identity and contact details at the person's request:
    coordinators; the person's referrer while the person shares with them (the details
    are shown to them then). Trainers change phone, e-mail and reminders on the contact
    page (`get_trainee_for(write=True)`)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == User.Role.COORDINATOR:
        return True
    return (
        user.role == User.Role.SOCIAL_WORKER
        and trainee.referrer_id == user.pk
        and trainee.sharing == Sharing.CONFIRMED
    )


def get_trainee_for_rectification(user, pk):
    """The trainee `pk` if `user` may correct their details (`may_rectify`), else 404."""
    trainee = get_trainee_for(user, pk)
    if not may_rectify(user, trainee):
        raise Http404
    return trainee


def may_erase(user):
    """Erase a trainee's personal data at their request, and keep a record past the
    retention period for now: coordinators."""
    return may_see_programme(user) and user.is_active


def get_trainee_for_erasure(user, pk):
    """The trainee `pk`, not erased yet, for a coordinator; else 404."""
    from parcours.privacy.models import Erasure

    if not may_erase(user):
        raise Http404
    trainees = trainees_for(user).exclude(pk__in=Erasure.objects.trainee_ids())
    return get_object_or_404(trainees.select_related("user", "site"), pk=pk)


def may_review_retention(user):
    """The list of records due for anonymisation, and "keep for now": coordinators."""
    return may_erase(user)


# --- view decorators ---------------------------------------------------------------


def require(predicate):
    """Answer 404 unless `predicate(request.user)` holds."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

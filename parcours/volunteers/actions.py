"""Operations on applications and commitments: each one transaction, with its journal
entry and notices. Views, tasks and tests call them."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from parcours.audit import journal
from parcours.courses.models import Course
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import User
from parcours.volunteers import spam
from parcours.volunteers.models import (
    Application,
    CharterAcceptance,
    Commitment,
    Invitation,
    Note,
)


def _coordinators():
    return User.objects.filter(role=User.Role.COORDINATOR, is_active=True)


def long_date(day):
    return formats.date_format(day, "j F Y")


# --- the public form ---------------------------------------------------------------


def submit_application(*, form, address_key):
    """Save the application, count it for the rate limit, tell the coordinators, and
    acknowledge it to the applicant by e-mail (by the worker, after the commit)."""
    from parcours.volunteers.tasks import send_acknowledgement

    with transaction.atomic():
        application = form.save(commit=False)
        application.privacy_accepted_at = timezone.now()
        application.language = translation.get_language() or settings.LANGUAGE_CODE
        application.save()
        spam.record_attempt(address_key)
        url = reverse("volunteers:application", args=[application.pk])
        for coordinator in _coordinators():
            with in_language_of(coordinator):
                notify(
                    coordinator,
                    text=_("Nouvelle candidature pour aider : %(name)s (%(role)s).")
                    % {"name": application.full_name, "role": application.get_role_display()},
                    url=url,
                    # No name in the e-mail: it may be read anywhere.
                    email_text=_("Une nouvelle candidature pour aider est arrivée."),
                )
        transaction.on_commit(lambda: send_acknowledgement.enqueue(application.pk))
    return application


# --- the pipeline ------------------------------------------------------------------


def _locked(application):
    return Application.objects.select_for_update().get(pk=application.pk)


def move_application(*, actor, application, to):
    """contacted, meeting, or withdrawn (the applicant gave up)."""
    with transaction.atomic():
        application = _locked(application)
        match to:
            case Application.Status.CONTACTED:
                application.mark_contacted()
            case Application.Status.MEETING:
                application.plan_meeting()
            case Application.Status.WITHDRAWN:
                application.withdraw(actor)
            case _:
                raise ValidationError(_("Cette étape n'existe pas."))
        application.save()
    return application


def add_note(*, actor, application, text):
    with transaction.atomic():
        application = _locked(application)
        note = Note.objects.create(application=application, author=actor, text=text)
        application.touch()
        application.save(update_fields=["last_activity_at"])
    return note


def decline_application(*, actor, application, reason):
    with transaction.atomic():
        application = _locked(application)
        application.decline(actor, reason)
        application.save()
    return application


def accept_application(*, actor, application, start_date, end_date, email, request=None):
    """Accept: record the commitment and invite the person to create a trainer account.
    Returns (commitment, invitation, token); the caller sends the link (only its hash is
    kept)."""
    with transaction.atomic():
        application = _locked(application)
        application.accept(actor)
        application.save()
        commitment = Commitment.objects.create(
            application=application,
            start_date=start_date,
            end_date=end_date,
            created_by=actor,
        )
        invitation, token = _invite(
            actor=actor, commitment=commitment, email=email, request=request
        )
    return commitment, invitation, token


def _invite(*, actor, commitment, email, request):
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        commitment=commitment,
        email=email.lower(),
        invited_by=actor,
        token_hash=Invitation.hash_token(token),
    )
    journal.log_invitation_sent(actor=actor, request=request, obj=invitation)
    return invitation, token


def invite_again(*, actor, commitment, request=None):
    """A new link when the first one expired or got lost; earlier unused links stop working."""
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if commitment.user_id is not None:
            raise ValidationError(_("Le compte est déjà créé."))
        if commitment.ended_at is not None:
            raise ValidationError(_("Cet engagement est terminé."))
        previous = commitment.invitations.filter(accepted_at__isnull=True)
        email = previous.values_list("email", flat=True).first() or commitment.application.email
        previous.delete()
        return _invite(actor=actor, commitment=commitment, email=email, request=request)


def create_trainer_account(*, invitation, first_name, last_name, password):
    """The invited person sets their password: a trainer account, tied to the commitment."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if (
            not invitation.is_usable()
            or User.objects.filter(email__iexact=invitation.email).exists()
        ):
            raise ValidationError(_("Cette invitation ne peut plus servir."))
        user = User.objects.create_staff(
            invitation.email,
            password,
            first_name=first_name,
            last_name=last_name,
            role=User.Role.TRAINER,
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        Commitment.objects.filter(pk=invitation.commitment_id).update(user=user)
    return user


def assign_courses(*, actor, commitment, courses, among):
    """Make the volunteer a trainer of `courses` and of none of the other `among` (the
    courses the form offered). They also work at those courses' sites from now on: the
    sites decide which trainees a trainer sees (access.trainees_for)."""
    user = commitment.user
    if user is None:
        raise ValidationError(_("La personne n'a pas encore créé son compte."))
    chosen = {course.pk for course in courses}
    with transaction.atomic():
        for course in among:
            if course.pk in chosen:
                course.trainers.add(user)
            else:
                course.trainers.remove(user)
        sites = {course.room.site_id for course in courses}
        if sites:
            user.sites.add(*sites)
    return Course.objects.filter(trainers=user)


def renew_commitment(*, actor, commitment, end_date, request=None):
    """A later end date. An account deactivated at the end is active again."""
    with transaction.atomic():
        commitment = (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=commitment.pk)
        )
        commitment.end_date = end_date
        commitment.reminder_sent_at = None
        commitment.ended_at = None
        commitment.renewals += 1
        commitment.save(update_fields=["end_date", "reminder_sent_at", "ended_at", "renewals"])
        user = commitment.user
        if user is not None and user.role == User.Role.TRAINER and not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        journal.log_commitment_renewed(actor=actor, request=request, obj=commitment)
    return commitment


# --- the charter -------------------------------------------------------------------


def accept_charter(*, user, request=None):
    """Record that `user` accepted the current charter version (once per version)."""
    with transaction.atomic():
        acceptance, created = CharterAcceptance.objects.get_or_create(
            user=user, version=settings.CHARTER_VERSION
        )
        if created:
            journal.log_charter_accepted(actor=user, request=request, obj=acceptance)
    return acceptance


# --- the worker's part ---------------------------------------------------------------


def remind_commitments_ending(*, today=None):
    """Tell the coordinators, REMINDER_DAYS before, that a commitment ends: renew it or
    thank the person. Once per commitment (a renewal starts the count again)."""
    today = today or timezone.localdate()
    reminded = []
    candidates = Commitment.objects.ending_soon(today, Commitment.REMINDER_DAYS).select_related(
        "application"
    )
    for commitment in candidates:
        with transaction.atomic():
            claimed = Commitment.objects.filter(
                pk=commitment.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            url = reverse("volunteers:application", args=[commitment.application_id])
            for coordinator in _coordinators():
                with in_language_of(coordinator):
                    values = {
                        "name": commitment.application.full_name,
                        "first_name": commitment.application.first_name,
                        "date": long_date(commitment.end_date),
                    }
                    notify(
                        coordinator,
                        text=_(
                            "L'engagement de %(name)s se termine le %(date)s : renouvelez-le, "
                            "ou remerciez la personne."
                        )
                        % values,
                        url=url,
                        email_text=_(
                            "L'engagement de %(first_name)s se termine le %(date)s : "
                            "renouvelez-le, ou remerciez la personne."
                        )
                        % values,
                    )
            reminded.append(commitment)
    return reminded


def end_commitments(*, today=None):
    """End the access of every commitment whose last day has passed: the trainer account
    is deactivated (unless another commitment of theirs still runs) and the journal says
    so. Safe to run twice: each commitment is claimed by a conditional UPDATE."""
    today = today or timezone.localdate()
    ended = []
    for commitment in Commitment.objects.over(today).select_related("application"):
        with transaction.atomic():
            claimed = Commitment.objects.filter(
                pk=commitment.pk, ended_at__isnull=True, end_date__lt=today
            ).update(ended_at=timezone.now())
            if not claimed:
                continue
            user = (
                User.objects.select_for_update().filter(pk=commitment.user_id).first()
                if commitment.user_id
                else None
            )
            still_running = (
                user is not None
                and Commitment.objects.current().filter(user=user, end_date__gte=today).exists()
            )
            if user is not None and user.role == User.Role.TRAINER and not still_running:
                if user.is_active:
                    user.is_active = False
                    user.save(update_fields=["is_active"])
                    journal.log_volunteer_access_ended(user=user)
                url = reverse("volunteers:application", args=[commitment.application_id])
                for coordinator in _coordinators():
                    with in_language_of(coordinator):
                        notify(
                            coordinator,
                            text=_(
                                "L'engagement de %(name)s est terminé : son compte est désactivé."
                            )
                            % {"name": commitment.application.full_name},
                            url=url,
                        )
            ended.append(commitment)
    return ended


def purge_applications(*, now=None):
    """Delete declined and withdrawn applications after APPLICATION_RETENTION_DAYS, and
    the rate limit's day-old counts. Returns the number of applications deleted."""
    with transaction.atomic():
        deleted, by_model = Application.objects.to_purge(now).delete()
        spam.forget_old_attempts(now)
    return by_model.get("volunteers.Application", 0)

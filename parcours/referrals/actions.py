"""Operations on referrals: each one transaction, with its journal entry and notices."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.audit import journal
from parcours.courses.models import Course, Enrolment
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import ConsentEvent, Trainee, User, generate_pin, suggest_username
from parcours.referrals.models import Referral


def submit_referral(*, referrer, form):
    """Record the referral and the consent the referrer collected; tell the coordinators."""
    with transaction.atomic():
        referral = form.save(commit=False)
        referral.referrer = referrer
        referral.organisation = referrer.organisation
        referral.consent_at = timezone.now()
        referral.save()
        ConsentEvent.objects.create(
            kind=ConsentEvent.Kind.REFERRAL,
            method=referral.consent_method,
            referral=referral,
            recorded_by=referrer,
        )
        url = reverse("referrals:detail", args=[referral.pk])
        for coordinator in User.objects.filter(role=User.Role.COORDINATOR, is_active=True):
            with in_language_of(coordinator):
                notify(
                    coordinator,
                    text=_("Nouvelle orientation à traiter (%(org)s).")
                    % {"org": referrer.organisation.name},
                    url=url,
                )
    return referral


def _tell_referrer(referral, status_text):
    """`status_text` is lazy, so that it is written in the referrer's language."""
    with in_language_of(referral.referrer):
        notify(
            referral.referrer,
            text=_("Orientation de %(name)s : %(status)s.")
            % {"name": referral.full_name, "status": status_text},
            url=reverse("referrals:detail", args=[referral.pk]),
            # First name only: the e-mail may be read anywhere.
            email_text=_("L'orientation de %(first_name)s a changé : %(status)s.")
            % {"first_name": referral.first_name, "status": status_text},
        )


def _check_open(referral):
    if not referral.is_open:
        raise ValidationError(_("Cette orientation a déjà été traitée."))


def accept_referral(*, actor, referral, course, request=None):
    """Create the trainee's account and enrol them in `course`. Returns (trainee, pin)."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        _check_open(referral)
        course = Course.objects.with_seats().get(pk=course.pk)
        if course.free_seats <= 0:
            raise ValidationError(_("Cet atelier est complet. Choisissez la liste d'attente."))
        pin = generate_pin()
        user = User.objects.create_user(
            suggest_username(referral.first_name), pin, role=User.Role.TRAINEE
        )
        trainee = Trainee.objects.create(
            user=user,
            first_name=referral.first_name,
            last_name=referral.last_name,
            birth_year=referral.birth_year,
            languages=referral.languages,
            phone=referral.phone,
            email=referral.email,
            housing_facility=referral.housing_facility,
            site=course.room.site,
            referrer=referral.referrer,
            organisation=referral.organisation,
        )
        Enrolment.objects.create(course=course, trainee=trainee, created_by=actor)
        referral.consent_events.update(trainee=trainee)
        _decide(referral, actor, Referral.Status.ENROLLED, course=course, trainee=trainee)
        journal.log_referral_accepted(actor=actor, trainee=trainee, request=request, obj=referral)
        _tell_referrer(referral, gettext_lazy("inscrit·e"))
    return trainee, pin


def put_on_waiting_list(*, actor, referral, course):
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        _check_open(referral)
        # Staying on a list keeps one's place; moving to another course starts anew.
        if referral.status != Referral.Status.WAITING or referral.course_id != course.pk:
            referral.waiting_since = timezone.now()
        _decide(referral, actor, Referral.Status.WAITING, course=course)
        _tell_referrer(referral, gettext_lazy("sur liste d'attente"))
    return referral


def decline_referral(*, actor, referral, reason):
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        _check_open(referral)
        referral.decline_reason = reason
        _decide(referral, actor, Referral.Status.DECLINED)
        _tell_referrer(referral, gettext_lazy("refusée"))
    return referral


def merge_into_trainee(*, actor, referral, trainee, request=None):
    """The person is already a trainee: attach the referral to them. Both histories
    stay: the earlier referrals and this one all point to the same trainee, and the
    new referrer follows them too."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        _check_open(referral)
        referral.consent_events.update(trainee=trainee)
        _decide(referral, actor, Referral.Status.MERGED, trainee=trainee)
        journal.log_referral_merged(actor=actor, trainee=trainee, request=request, obj=referral)
        _tell_referrer(referral, gettext_lazy("déjà inscrit·e à l'atelier"))
    return referral


def _decide(referral, actor, status, *, course=None, trainee=None):
    referral.status = status
    if course is not None:
        referral.course = course
    if trainee is not None:
        referral.trainee = trainee
    referral.decided_at = timezone.now()
    referral.decided_by = actor
    referral.save()

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.audit import journal
from parcours.core import ratelimit
from parcours.courses.actions import end_enrolment, next_lesson_for
from parcours.courses.models import Attendance
from parcours.people import actions, card, signin, two_factor
from parcours.people.forms import (
    ContactForm,
    MyRemindersForm,
    StaffSignInForm,
    TraineeSignInForm,
    TwoFactorCodeForm,
)
from parcours.people.models import Organisation, Sharing, Site, Trainee, User
from parcours.people.signin import Outcome
from parcours.privacy import journal as privacy_journal
from parcours.referrals.models import Referral
from parcours.reports import home as reports_home

SESSION_LAST_SEEN = "parcours_last_seen"
# Says only "someone signed in on this browser before": nothing about who.
DEVICE_COOKIE = "parcours_device"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


def _signed_in(request, user, target):
    """Open the session (Django's login() gives it a new key) in the user's language."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not user.language and chosen in dict(settings.LANGUAGES):
        # The language picked on the sign-in page becomes the account's.
        user.language = chosen
        user.save(update_fields=["language"])
    response = redirect(target)
    if user.language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


def _paused_message(user, trainee):
    until = time_format(timezone.localtime(user.paused_until))
    if trainee:
        return _(
            "Trop d'essais. Attendez un peu. Vous pourrez essayer encore à %(time)s. "
            "Ou demandez de l'aide au formateur ou à la formatrice."
        ) % {"time": until}
    return _("Trop d'essais pour ce compte. Vous pourrez réessayer à %(time)s.") % {"time": until}


def _sign_in_limited(request):
    """The 429 page when this address made too many failed sign-ins lately (checked
    before any secret is), else None. See core/ratelimit.py."""
    if request.method == "POST" and (wait := ratelimit.wait_seconds(ratelimit.SIGN_IN, request)):
        return ratelimit.too_many_tries(request, wait)
    return None


@login_not_required
@never_cache
def staff_login(request):
    if limited := _sign_in_limited(request):
        return limited
    form = StaffSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = signin.check_staff(
            form.cleaned_data["email"], form.cleaned_data["password"], request
        )
        if result.outcome == Outcome.OK:
            return _signed_in(request, result.user, _next_url(request) or "people:home")
        if result.outcome == Outcome.CODE_NEEDED:
            two_factor.start_pending(request, result.user, _next_url(request))
            return redirect("people:login_code")
        ratelimit.record_failure(ratelimit.SIGN_IN, request)
        if result.outcome == Outcome.PAUSED:
            form.add_error(None, _paused_message(result.user, trainee=False))
        else:
            form.add_error(None, _("Adresse e-mail ou mot de passe incorrect."))
    return render(request, "people/login_staff.html", {"form": form, "next": _next_url(request)})


@login_not_required
@never_cache
def login_code(request):
    """The second step of a staff sign-in: the code of their authenticator app."""
    user, target = two_factor.pending(request)
    if user is None:
        if request.method == "POST":
            messages.info(request, _("Le temps est écoulé. Entrez à nouveau votre mot de passe."))
        return redirect("people:login")
    if limited := _sign_in_limited(request):
        return limited
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = signin.check_code(user, form.cleaned_data["code"], request)
        if result.outcome == Outcome.OK:
            two_factor.clear_pending(request)
            response = _signed_in(request, user, target or "people:home")
            if result.method == two_factor.Method.RECOVERY:
                _recovery_code_used_message(request, user)
            return response
        ratelimit.record_failure(ratelimit.SIGN_IN, request)
        if result.outcome == Outcome.PAUSED:
            form.add_error(None, _paused_message(result.user, trainee=False))
        else:
            form.add_error(
                "code",
                _(
                    "Ce code n'est pas bon, ou il a déjà servi. "
                    "Attendez le code suivant dans l'application et tapez-le."
                ),
            )
    return render(request, "people/login_code.html", {"form": form})


def _recovery_code_used_message(request, user):
    left = two_factor.recovery_codes_left(user)
    messages.warning(
        request,
        _(
            "Vous avez utilisé un code de secours : il ne servira plus (codes restants : "
            "%(n)s). Si vous avez perdu votre téléphone, installez l'application sur un "
            "nouveau téléphone depuis « Mon compte »."
        )
        % {"n": left},
    )


@login_not_required
@never_cache
def trainee_login(request):
    if limited := _sign_in_limited(request):
        return limited
    initial = {"username": request.GET.get("u", "")[:150]}
    form = TraineeSignInForm(request.POST or None, initial=initial)
    locked = False
    if request.method == "POST" and form.is_valid():
        result = signin.check_trainee(
            form.cleaned_data["username"], form.cleaned_data["pin"], request
        )
        if result.outcome == Outcome.OK:
            response = _signed_in(request, result.user, "people:home")
            # Shared computers: the session ends when the browser closes, and after
            # TRAINEE_IDLE_TIMEOUT without activity (TraineeSessionMiddleware).
            request.session.set_expiry(0)
            request.session[SESSION_LAST_SEEN] = int(time.time())
            if DEVICE_COOKIE not in request.COOKIES:
                # First sign-in on this browser: remind them it may be shared.
                request.session["shared_computer_banner"] = True
                response.set_cookie(
                    DEVICE_COOKIE,
                    "1",
                    max_age=365 * 24 * 3600,
                    samesite="Lax",
                    secure=request.is_secure(),
                    httponly=True,
                )
            return response
        ratelimit.record_failure(ratelimit.SIGN_IN, request)
        if result.outcome == Outcome.LOCKED:
            locked = True
            form.add_error(
                None,
                _(
                    "Votre compte est bloqué. Demandez au formateur ou à la formatrice. "
                    "Il ou elle vérifie qui vous êtes, puis débloque votre compte."
                ),
            )
        elif result.outcome == Outcome.PAUSED:
            form.add_error(None, _paused_message(result.user, trainee=True))
        else:
            form.add_error(
                None,
                _(
                    "L'identifiant ou le code n'est pas bon. Regardez votre carte et essayez encore."
                ),
            )
    return render(request, "people/login_trainee.html", {"form": form, "locked": locked})


@require_POST
@login_not_required
def logout_view(request):
    was_trainee = request.user.is_authenticated and request.user.is_trainee
    logout(request)
    response = redirect("people:trainee_login" if was_trainee else "public_home")
    # Shared computers: leave nothing of this person in the browser, not even the
    # language they chose (the next person may not read it).
    response["Clear-Site-Data"] = '"cache", "storage"'
    if was_trainee:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@never_cache
def home(request):
    user = request.user
    match user.role:
        case User.Role.COORDINATOR:
            return _coordinator_home(request)
        case User.Role.TRAINER:
            return _trainer_home(request)
        case User.Role.SOCIAL_WORKER:
            return _social_worker_home(request)
        case User.Role.TRAINEE:
            return _trainee_home(request)
    logout(request)
    return redirect("public_home")


def _locked_accounts(user):
    # From the few locked or paused accounts (partial indexes) to their trainees, not
    # through every trainee.
    blocked = User.objects.filter(Q(locked=True) | Q(paused_until__gt=timezone.now()))
    return access.trainees_for(user).filter(user__in=blocked).select_related("user")


def _count_of(queryset, field):
    """A subquery counting the rows of `queryset` whose `field` is the outer row."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def _coordinator_home(request):
    trainees = access.trainees_for(request.user)
    ctx = {
        # Two counts, each answered from an index (status; the primary key), rather
        # than one aggregate that reads every trainee row.
        "counts": {
            "active": trainees.filter(status=Trainee.Status.ACTIVE).count(),
            "total": trainees.count(),
        },
        "sites": Site.objects.annotate(
            active_trainees=Count("trainees", filter=Q(trainees__status=Trainee.Status.ACTIVE))
        ),
        # One counting subquery per column: joining members and trainees together
        # would multiply the rows (members × trainees) before counting them.
        "organisations": Organisation.objects.annotate(
            social_workers=_count_of(
                User.objects.filter(role=User.Role.SOCIAL_WORKER), "organisation"
            ),
            trainee_count=_count_of(Trainee.objects.all(), "organisation"),
        ),
        "locked": _locked_accounts(request.user),
        "to_triage": Referral.objects.to_triage().count(),
    }
    return render(request, "people/home_coordinator.html", ctx)


def _trainer_home(request):
    ctx = {
        "today_lessons": access.lessons_for(request.user)
        .on(timezone.localdate())
        .select_related("course")
        .order_by("start_time"),
        "sites": request.user.sites.all(),
        "trainees": access.trainees_for(request.user).active().select_related("site"),
        "locked": _locked_accounts(request.user),
    }
    ctx.update(reports_home.trainer_home(request.user))
    return render(request, "people/home_trainer.html", ctx)


def _social_worker_home(request):
    ctx = {
        "trainees": access.trainees_for(request.user).select_related("site", "referrer"),
        "organisation": request.user.organisation,
        "referrals": access.referrals_for(request.user)
        .exclude(status=Referral.Status.MERGED)
        .select_related("course")[:50],
        "may_manage_organisation": request.user.organisation is not None
        and access.may_manage_organisation(request.user, request.user.organisation),
    }
    ctx.update(reports_home.social_worker_home(request.user))
    return render(request, "people/home_social_worker.html", ctx)


def _trainee_home(request):
    trainee = access.get_own_trainee(request.user)
    if trainee.sharing == Sharing.PENDING and trainee.referrer_id:
        # First sign-in: the person says whether their referrer may hear about them.
        return redirect("people:my_sharing")
    lesson = next_lesson_for(trainee)
    ctx = {
        "shared_computer_banner": request.session.pop("shared_computer_banner", False),
        "trainee": trainee,
        "lesson": lesson,
        "excused": lesson is not None
        and lesson.attendances.filter(trainee=trainee, status=Attendance.Status.EXCUSED).exists(),
        # Reached ones first, then the open ones; dropped goals are not shown to the person.
        "goals": trainee.goals.exclude(status="dropped")
        .select_related("milestone")
        .order_by("-status")[:8],
    }
    return render(request, "people/home_trainee.html", ctx)


TRAINEES_PER_PAGE = 50


@access.require(access.may_list_trainees)
def trainee_list(request):
    trainees = access.trainees_for(request.user).select_related("site", "referrer", "user")
    query = request.GET.get("q", "").strip()
    if query:
        trainees = trainees.filter(Q(first_name__icontains=query) | Q(last_name__icontains=query))
    ctx = {
        # A page at a time: a national programme has tens of thousands of trainees.
        "page": Paginator(trainees, TRAINEES_PER_PAGE).get_page(request.GET.get("page")),
        "query": query,
        "may_manage_sign_in": access.may_manage_sign_in(request.user),
    }
    return render(request, "people/trainee_list.html", ctx)


@never_cache
def trainee_detail(request, pk):
    trainee = access.get_trainee_for(request.user, pk)
    journal.log_trainee_viewed(actor=request.user, trainee=trainee, request=request)
    ctx = {
        "trainee": trainee,
        "may_manage_sign_in": access.may_manage_sign_in(request.user),
        "may_see_progress": access.may_see_progress(request.user, trainee),
        "may_withdraw_sharing": access.may_withdraw_sharing(request.user, trainee),
        "paused": trainee.user.is_paused(),
        "enrolments": trainee.enrolments.current().select_related("course__room__site"),
        "consent_events": trainee.consent_events.select_related("recorded_by"),
    }
    return render(request, "people/trainee_detail.html", ctx)


@require_POST
def trainee_reset_pin(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    pin = actions.reset_pin(actor=request.user, trainee=trainee, request=request)
    # Post/redirect/get: reloading the page that shows the PIN must not make another
    # one. The PIN waits in the staff member's session until that page pops it.
    request.session[_new_pin_key(trainee)] = pin
    return redirect("people:trainee_new_pin", pk=trainee.pk)


@never_cache
def trainee_new_pin(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    pin = request.session.pop(_new_pin_key(trainee), None)
    if pin is None:
        messages.info(
            request,
            _(
                "Ce code a déjà été affiché. Si la personne ne l'a pas noté, donnez un nouveau code."
            ),
        )
        return redirect("people:trainee_detail", pk=trainee.pk)
    return render(request, "people/pin_reset.html", {"trainee": trainee, "pin": pin})


def _new_pin_key(trainee):
    return f"new_pin_{trainee.pk}"


@require_POST
def trainee_unlock(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    actions.unlock_account(actor=request.user, trainee=trainee, request=request)
    messages.success(
        request, _("Le compte de %(name)s est débloqué.") % {"name": trainee.first_name}
    )
    return redirect("people:trainee_detail", pk=trainee.pk)


# --- login card ------------------------------------------------------------------


@never_cache
def login_card(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    journal.log_login_card_printed(actor=request.user, trainee=trainee, request=request)
    return render(request, "people/login_card.html", card.card_context(request, trainee))


@never_cache
def login_card_pdf(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    journal.log_login_card_printed(actor=request.user, trainee=trainee, request=request)
    response = HttpResponse(card.render_pdf(request, trainee), content_type="application/pdf")
    # The username is the only identifier in the file name: no full name on a shared disk.
    response["Content-Disposition"] = f'inline; filename="carte-{trainee.user.username}.pdf"'
    return response


# --- the person's own word on sharing --------------------------------------------


@never_cache
def my_sharing(request):
    """Who referred me, what they will hear about; I agree or not."""
    trainee = access.get_own_trainee(request.user)
    if request.method == "POST":
        choice = request.POST.get("choice")
        sharing = {"yes": Sharing.CONFIRMED, "no": Sharing.REFUSED, "stop": Sharing.WITHDRAWN}.get(
            choice
        )
        if sharing is None:
            return redirect("people:my_sharing")
        actions.set_sharing(actor=request.user, trainee=trainee, sharing=sharing, request=request)
        return redirect("people:home")
    return render(request, "people/my_sharing.html", {"trainee": trainee})


@require_POST
def trainee_withdraw_sharing(request, pk):
    trainee = access.get_trainee_for(request.user, pk)
    if not access.may_withdraw_sharing(request.user, trainee):
        raise Http404
    actions.set_sharing(
        actor=request.user, trainee=trainee, sharing=Sharing.WITHDRAWN, request=request
    )
    messages.success(
        request,
        _("C'est noté : vous ne recevrez plus de détails sur %(name)s.")
        % {"name": trainee.first_name},
    )
    return redirect("people:trainee_detail", pk=trainee.pk)


@require_POST
def trainee_end_enrolment(request, pk, enrolment_pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    enrolment = get_object_or_404(trainee.enrolments.current(), pk=enrolment_pk)
    next_referral = end_enrolment(actor=request.user, enrolment=enrolment)
    messages.success(request, _("L'inscription est terminée ; la place est libre."))
    if next_referral is not None and access.may_triage(request.user):
        return redirect("referrals:detail", pk=next_referral.pk)
    return redirect("people:trainee_detail", pk=trainee.pk)


@never_cache
def trainee_contact(request, pk):
    """Phone, e-mail and reminder choice, set with the person (coordinators, trainers)."""
    trainee = access.get_trainee_for(request.user, pk, write=True)
    form = ContactForm(request.POST or None, instance=trainee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            changed = set(form.changed_data) & {"phone", "email"}
            if changed:  # a correction of contact details: journalled like the others
                privacy_journal.log_trainee_rectified(
                    actor=request.user, trainee=trainee, request=request, fields=changed
                )
        messages.success(request, _("C'est enregistré."))
        return redirect("people:trainee_detail", pk=trainee.pk)
    return render(request, "people/trainee_contact.html", {"trainee": trainee, "form": form})


@never_cache
def my_reminders(request):
    """The person's own opt-out: SMS, e-mail or no reminder."""
    trainee = access.get_own_trainee(request.user)
    form = MyRemindersForm(
        request.POST or None, trainee=trainee, initial={"reminders": trainee.reminders}
    )
    if request.method == "POST" and form.is_valid():
        trainee.reminders = form.cleaned_data["reminders"]
        trainee.save(update_fields=["reminders"])
        messages.success(request, _("C'est noté."))
        return redirect("people:home")
    return render(request, "people/my_reminders.html", {"trainee": trainee, "form": form})


@require_POST
def keep_alive(request):
    """ "Continuer" in the idle warning: the trainee is still there."""
    if request.user.is_trainee:
        request.session[SESSION_LAST_SEEN] = int(time.time())
    return HttpResponse(status=204)

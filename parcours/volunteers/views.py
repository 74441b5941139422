import logging
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.core import ratelimit
from parcours.courses.models import Course, Weekday
from parcours.people.forms import AcceptInvitationForm
from parcours.people.models import Site
from parcours.volunteers import actions, spam
from parcours.volunteers.forms import (
    AcceptForm,
    ApplicationForm,
    BlockForm,
    CharterForm,
    CoursesForm,
    DeclineForm,
    NoteForm,
    RenewForm,
)
from parcours.volunteers.middleware import SESSION_KEY as CHARTER_SESSION_KEY
from parcours.volunteers.models import (
    Application,
    Block,
    CharterAcceptance,
    Commitment,
    Invitation,
)

logger = logging.getLogger("parcours.volunteers")


# --- public pages --------------------------------------------------------------------


def _week():
    """What a week looks like: the running courses, by day (no names, no seats)."""
    courses = (
        Course.objects.running().select_related("room__site").order_by("weekday", "start_time")
    )
    return [
        (Weekday(day).label, list(slots))
        for day, slots in groupby(courses, key=lambda course: course.weekday)
    ]


@login_not_required
def programme(request):
    ctx = {
        "blocks": Block.objects.filter(published=True),
        "sites": Site.objects.all(),
        "week": _week(),
    }
    return render(request, "volunteers/programme.html", ctx)


@login_not_required
def apply(request):
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        key = spam.address_key(request)
        if spam.is_limited(key):
            # Said in words and with the form kept: a shared network (a school, an
            # association) may hit the limit with real people behind it.
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Beaucoup de candidatures sont parties de ce réseau dans l'heure. "
                    "Réessayez dans une heure : ce que vous avez écrit est gardé ci-dessous."
                ),
            )
            status = 429
        elif form.is_bot():
            # Answered like a success, so the robot learns nothing; nothing is kept.
            spam.record_attempt(key)
            return redirect("volunteers:thanks")
        elif form.is_valid():
            application = actions.submit_application(form=form, address_key=key)
            messages.success(
                request,
                _("Merci %(first_name)s, votre candidature est envoyée à la coordination.")
                % {"first_name": application.first_name},
            )
            return redirect("volunteers:thanks")
    ctx = {"form": form, "retention_days": settings.APPLICATION_RETENTION_DAYS}
    return render(request, "volunteers/apply.html", ctx, status=status)


@login_not_required
def thanks(request):
    return render(request, "volunteers/thanks.html")


# --- the coordinator's pipeline ----------------------------------------------------------


@access.require(access.may_manage_volunteers)
def pipeline(request):
    now = timezone.now()
    open_applications = list(
        access.applications_for(request.user)
        .open()
        .annotate(note_count=Count("notes"))
        .order_by("created_at", "pk")
    )
    for application in open_applications:
        application.stale = application.is_stale(now)
    columns = [
        (value, label, [a for a in open_applications if a.status == value])
        for value, label in Application.Status.choices
        if value in Application.OPEN
    ]
    ctx = {
        "columns": columns,
        "stale_count": sum(a.stale for a in open_applications),
        "decided": access.applications_for(request.user)
        .exclude(status__in=Application.OPEN)
        .order_by("-decided_at", "-pk")[:20],
        "commitments": _commitments(),
    }
    return render(request, "volunteers/pipeline.html", ctx)


def _commitments():
    charter = CharterAcceptance.objects.filter(
        user=OuterRef("user"), version=settings.CHARTER_VERSION
    )
    return (
        Commitment.objects.current()
        .select_related("application", "user")
        .annotate(charter_accepted=Exists(charter), course_count=Count("user__courses"))
    )


def _detail(request, application, status=200, **forms):
    ctx = {"application": application, "notes": application.notes.select_related("author")}
    if application.is_open:
        ctx.update(
            note_form=forms.get("note_form") or NoteForm(),
            decline_form=forms.get("decline_form") or DeclineForm(),
            accept_form=forms.get("accept_form")
            or AcceptForm(
                initial={
                    "start_date": max(application.start_date, timezone.localdate()),
                    "end_date": application.end_date,
                    "email": application.email,
                }
            ),
        )
    else:
        ctx["note_form"] = forms.get("note_form") or NoteForm()
    commitment = getattr(application, "commitment", None)
    if commitment is not None:
        courses = Course.objects.running().select_related("room__site")
        ctx.update(
            commitment=commitment,
            invitation=commitment.invitations.first(),
            renew_form=forms.get("renew_form") or RenewForm(commitment=commitment),
            charter=commitment.user.charter_acceptances.filter(
                version=settings.CHARTER_VERSION
            ).first()
            if commitment.user
            else None,
        )
        if commitment.user is not None:
            ctx["courses_form"] = forms.get("courses_form") or CoursesForm(
                courses=courses, initial={"courses": courses.filter(trainers=commitment.user)}
            )
    return render(request, "volunteers/application_detail.html", ctx, status=status)


def application_detail(request, pk):
    application = access.get_application_for(request.user, pk)
    return _detail(request, application)


@require_POST
def application_move(request, pk):
    application = access.get_application_for(request.user, pk)
    try:
        application = actions.move_application(
            actor=request.user, application=application, to=request.POST.get("to", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s : %(status)s.")
            % {"name": application.full_name, "status": application.get_status_display()},
        )
    return redirect("volunteers:application", pk=application.pk)


@require_POST
def application_note(request, pk):
    application = access.get_application_for(request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, note_form=form)
    actions.add_note(actor=request.user, application=application, text=form.cleaned_data["text"])
    messages.success(request, _("Note ajoutée."))
    return redirect("volunteers:application", pk=application.pk)


@require_POST
def application_decline(request, pk):
    application = access.get_application_for(request.user, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, decline_form=form)
    try:
        actions.decline_application(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La candidature est refusée."))
    return redirect("volunteers:application", pk=application.pk)


@require_POST
def application_accept(request, pk):
    application = access.get_application_for(request.user, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, accept_form=form)
    try:
        commitment, invitation, token = actions.accept_application(
            actor=request.user, application=application, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _send_invitation(request, invitation, token)
    return redirect("volunteers:application", pk=application.pk)


def _send_invitation(request, invitation, token):
    link = request.build_absolute_uri(reverse("volunteers:accept_invitation", args=[token]))
    body = _(
        "Bonjour,\n\nBienvenue dans l'équipe de %(programme)s ! Votre engagement va du "
        "%(start)s au %(end)s.\n\nCréez votre compte de formateur ou formatrice ici (lien "
        "valable 7 jours, une seule fois) :\n%(link)s\n"
    ) % {
        "programme": settings.PROGRAMME_NAME,
        "start": actions.long_date(invitation.commitment.start_date),
        "end": actions.long_date(invitation.commitment.end_date),
        "link": link,
    }
    try:
        # Sent now rather than by the worker: the token exists only in this request
        # (the database keeps its hash), as for people's invitations.
        send_mail(
            _("Votre compte %(p)s") % {"p": settings.PROGRAMME_NAME}, body, None, [invitation.email]
        )
    except Exception as error:
        logger.warning("invitation e-mail %s not sent: %s", invitation.pk, type(error).__name__)
        messages.error(
            request,
            _(
                "L'e-mail n'est pas parti. Donnez ce lien à la personne par un autre moyen : %(link)s"
            )
            % {"link": link},
        )
    else:
        messages.success(
            request,
            _("Candidature acceptée. Invitation envoyée à %(email)s.")
            % {"email": invitation.email},
        )


@require_POST
def commitment_invite(request, pk):
    commitment = access.get_commitment_for(request.user, pk)
    try:
        invitation, token = actions.invite_again(
            actor=request.user, commitment=commitment, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _send_invitation(request, invitation, token)
    return redirect("volunteers:application", pk=commitment.application_id)


@require_POST
def commitment_courses(request, pk):
    commitment = access.get_commitment_for(request.user, pk)
    courses = Course.objects.running().select_related("room__site")
    form = CoursesForm(request.POST, courses=courses)
    if not form.is_valid():
        return _detail(request, commitment.application, courses_form=form)
    try:
        actions.assign_courses(
            actor=request.user,
            commitment=commitment,
            courses=form.cleaned_data["courses"],
            among=courses,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Les ateliers sont enregistrés."))
    return redirect("volunteers:application", pk=commitment.application_id)


@require_POST
def commitment_renew(request, pk):
    commitment = access.get_commitment_for(request.user, pk)
    form = RenewForm(request.POST, commitment=commitment)
    if not form.is_valid():
        return _detail(request, commitment.application, renew_form=form)
    actions.renew_commitment(
        actor=request.user,
        commitment=commitment,
        end_date=form.cleaned_data["end_date"],
        request=request,
    )
    messages.success(
        request,
        _("Engagement prolongé jusqu'au %(date)s.")
        % {"date": actions.long_date(form.cleaned_data["end_date"])},
    )
    return redirect("volunteers:application", pk=commitment.application_id)


# --- the public presentation's blocks ----------------------------------------------------


@access.require(access.may_manage_volunteers)
def blocks(request):
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le bloc est ajouté."))
        return redirect("volunteers:blocks")
    return render(request, "volunteers/blocks.html", {"blocks": Block.objects.all(), "form": form})


@access.require(access.may_manage_volunteers)
def block_edit(request, pk):
    block = get_object_or_404(Block, pk=pk)
    form = BlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("C'est enregistré."))
        return redirect("volunteers:blocks")
    return render(request, "volunteers/block_edit.html", {"block": block, "form": form})


@require_POST
@access.require(access.may_manage_volunteers)
def block_delete(request, pk):
    block = get_object_or_404(Block, pk=pk)
    block.delete()
    messages.success(request, _("Le bloc « %(title)s » est supprimé.") % {"title": block.title})
    return redirect("volunteers:blocks")


# --- the charter -----------------------------------------------------------------------


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def _charter_page(request, form):
    user = request.user
    ctx = {
        "form": form,
        "next": _next_url(request),
        "version": settings.CHARTER_VERSION,
        "acceptance": user.charter_acceptances.filter(version=settings.CHARTER_VERSION).first(),
        "may_accept": access.may_accept_charter(user),
        "commitment": Commitment.objects.filter(user=user).order_by("-end_date").first(),
    }
    return render(request, "volunteers/charter.html", ctx)


@never_cache
@access.require(access.may_read_charter)
def charter(request):
    return _charter_page(request, CharterForm())


@require_POST
@access.require(access.may_accept_charter)
def charter_accept(request):
    form = CharterForm(request.POST)
    if not form.is_valid():
        return _charter_page(request, form)
    actions.accept_charter(user=request.user, request=request)
    request.session[CHARTER_SESSION_KEY] = settings.CHARTER_VERSION
    messages.success(request, _("Merci : la charte est acceptée."))
    return redirect(_next_url(request) or "people:home")


# --- the invitation link -----------------------------------------------------------------


@login_not_required
@never_cache
@ratelimit.counts_failed_tokens
def accept_invitation(request, token):
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "volunteers/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "first_name": invitation.commitment.application.first_name,
            "last_name": invitation.commitment.application.last_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.create_trainer_account(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError:
            return render(request, "volunteers/invitation_invalid.html", status=404)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Bienvenue ! Votre compte est prêt. Lisez d'abord la charte."))
        return redirect("volunteers:charter")
    ctx = {"form": form, "invitation": invitation, "commitment": invitation.commitment}
    return render(request, "volunteers/invitation_accept.html", ctx)

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours import access
from parcours.core.http import id_param
from parcours.courses.models import Course
from parcours.referrals import actions
from parcours.referrals.forms import CourseChoiceForm, DeclineForm, ReferralForm
from parcours.referrals.models import Referral


@access.require(access.may_refer)
def create(request):
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        referral = actions.submit_referral(referrer=request.user, form=form)
        messages.success(
            request,
            _("Merci. L'orientation de %(name)s est envoyée à la coordination.")
            % {"name": referral.first_name},
        )
        return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/create.html", {"form": form})


@access.require(access.may_list_referrals)
def list_view(request):
    status = request.GET.get("statut", "")
    referrals = access.referrals_for(request.user).select_related(
        "referrer", "course", "organisation"
    )
    if status in Referral.Status.values:
        referrals = referrals.filter(status=status)
    ctx = {
        "referrals": referrals[:200],
        "status": status,
        "statuses": Referral.Status.choices,
        "may_refer": access.may_refer(request.user),
    }
    return render(request, "referrals/list.html", ctx)


def _running_courses():
    return (
        Course.objects.running()
        .with_seats()
        .select_related("room__site")
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=Referral.objects.filter(status=Referral.Status.WAITING).order_by(
                    "waiting_since", "pk"
                ),
                to_attr="waiting",
            )
        )
    )


@access.require(access.may_triage)
def triage(request):
    """The queue, oldest first, beside the courses with their free seats and waiting lists."""
    ctx = {
        "queue": Referral.objects.to_triage().select_related("referrer", "organisation"),
        "courses": _running_courses(),
    }
    return render(request, "referrals/triage.html", ctx)


def detail(request, pk):
    referral = access.get_referral_for(request.user, pk)
    ctx = {"referral": referral, "may_triage": access.may_triage(request.user)}
    if ctx["may_triage"] and referral.is_open:
        courses = _running_courses()
        trainees, referrals = referral.possible_duplicates()
        ctx.update(
            courses=courses,
            course_form=CourseChoiceForm(courses=courses, initial={"course": referral.course_id}),
            decline_form=DeclineForm(),
            duplicate_trainees=trainees,
            duplicate_referrals=referrals,
        )
    return render(request, "referrals/detail.html", ctx)


def _decide(request, pk, form_class, decide, **form_kwargs):
    referral = access.get_referral_for(request.user, pk, triage=True)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            return decide(referral, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("referrals:detail", pk=referral.pk)


@require_POST
def accept(request, pk):
    def decide(referral, data):
        trainee, pin = actions.accept_referral(
            actor=request.user, referral=referral, course=data["course"], request=request
        )
        # The PIN is shown once, on the same page as after a PIN reset, with the login card.
        request.session[f"new_pin_{trainee.pk}"] = pin
        return redirect("people:trainee_new_pin", pk=trainee.pk)

    return _decide(request, pk, CourseChoiceForm, decide, courses=_running_courses())


@require_POST
def wait(request, pk):
    def decide(referral, data):
        actions.put_on_waiting_list(actor=request.user, referral=referral, course=data["course"])
        messages.success(
            request, _("%(name)s est sur la liste d'attente.") % {"name": referral.full_name}
        )
        return redirect("referrals:triage")

    return _decide(request, pk, CourseChoiceForm, decide, courses=_running_courses())


@require_POST
def decline(request, pk):
    def decide(referral, data):
        actions.decline_referral(actor=request.user, referral=referral, reason=data["reason"])
        messages.success(
            request, _("L'orientation est refusée ; la personne référente verra le motif.")
        )
        return redirect("referrals:triage")

    return _decide(request, pk, DeclineForm, decide)


@require_POST
def merge(request, pk):
    referral = access.get_referral_for(request.user, pk, triage=True)
    trainee = get_object_or_404(
        access.trainees_for(request.user), pk=id_param(request.POST, "trainee")
    )
    try:
        actions.merge_into_trainee(
            actor=request.user, referral=referral, trainee=trainee, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("referrals:detail", pk=referral.pk)
    messages.success(
        request, _("L'orientation est rattachée à %(name)s.") % {"name": trainee.full_name}
    )
    return redirect("people:trainee_detail", pk=trainee.pk)

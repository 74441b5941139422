from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours import access
from parcours.core.http import id_param
from parcours.courses.forms import SiteFilterForm
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


# A page at a time: a national network triages hundreds of referrals beside thousands of
# courses, and a page listing them all weighed 700 KB.
QUEUE_PER_PAGE = 20
COURSES_PER_PAGE = 20


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


def _course_page(request, courses, page_param):
    """The site filter bound to the query string, and the page of `courses` it shows."""
    site_form = SiteFilterForm(request.GET, sites=Course.objects.running().sites())
    page = Paginator(site_form.filter(courses), COURSES_PER_PAGE).get_page(
        request.GET.get(page_param)
    )
    return site_form, page


@access.require(access.may_triage)
def triage(request):
    """The queue, oldest first, beside the courses with their free seats and waiting lists.

    A course with a free seat and someone waiting comes first: the seat is to offer."""
    waiting = Referral.objects.filter(course=OuterRef("pk"), status=Referral.Status.WAITING)
    courses = (
        _running_courses()
        .alias(
            # Someone waiting first: a network has few such courses, and the seats are
            # then counted for those only.
            offer=Case(When(Exists(waiting) & Q(free_seats__gt=0), then=0), default=1),
        )
        .order_by("offer", "weekday", "start_time", "pk")
    )
    site_form, course_page = _course_page(request, courses, "page_ateliers")
    queue = Referral.objects.to_triage().select_related("referrer", "organisation")
    ctx = {
        "queue": Paginator(queue, QUEUE_PER_PAGE).get_page(request.GET.get("page")),
        "courses": course_page,
        "site_form": site_form,
    }
    return render(request, "referrals/triage.html", ctx)


def detail(request, pk):
    referral = access.get_referral_for(request.user, pk)
    ctx = {"referral": referral, "may_triage": access.may_triage(request.user)}
    if ctx["may_triage"] and referral.is_open:
        courses = _running_courses().nearest_first(
            course_id=referral.course_id, organisation_id=referral.organisation_id
        )
        site_form, page = _course_page(request, courses, "page")
        # The select offers the courses of the table, and the referral's own course
        # wherever it is: a choice among a page, never among a whole network's courses.
        choices = Course.objects.running().filter(
            Q(pk__in=[course.pk for course in page]) | Q(pk=referral.course_id)
        )
        choices = choices.nearest_first(
            course_id=referral.course_id, organisation_id=referral.organisation_id
        ).select_related("room__site")
        trainees, referrals = referral.possible_duplicates()
        ctx.update(
            courses=page,
            site_form=site_form,
            course_form=CourseChoiceForm(courses=choices, initial={"course": referral.course_id}),
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

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.people.models import Trainee
from parcours.privacy import actions, export, journal, retention
from parcours.privacy.forms import ErasureForm, RectificationForm
from parcours.privacy.models import Erasure

# --- the public notice ------------------------------------------------------------------


@login_not_required
def notice(request):
    """What is kept, why, for how long, who sees it, and the person's rights."""
    ctx = {
        "retention_months": settings.PARCOURS_RETENTION_MONTHS,
        "audit_retention_months": settings.PARCOURS_AUDIT_RETENTION_MONTHS,
        "trash_days": settings.LOCKER_TRASH_DAYS,
        "warning_days": retention.WARNING_DAYS,
    }
    return render(request, "privacy/notice.html", ctx)


# --- the trainee's own data ------------------------------------------------------------


@never_cache
def my_data(request):
    """ "Mes données": what is kept about me, a copy to download, whom to ask."""
    trainee = access.get_own_trainee(request.user)
    annotated = retention.with_last_activity(Trainee.objects.filter(pk=trainee.pk)).get()
    ctx = {
        "trainee": trainee,
        "kept_until": retention.due_on(annotated),
        "counts": {
            "sessions": trainee.attendances.count(),
            "goals": trainee.goals.count(),
            "files": trainee.stored_files.filter(state="ready").count(),
        },
    }
    return render(request, "privacy/my_data.html", ctx)


@never_cache
def my_export(request):
    trainee = access.get_own_trainee(request.user)
    return _zip_response(request, trainee, filename="mes-donnees.zip")


# --- staff: a trainee's rights ----------------------------------------------------------


@never_cache
def trainee_export(request, pk):
    trainee = access.get_trainee_for_export(request.user, pk)
    return _zip_response(request, trainee, filename=f"donnees-stagiaire-{trainee.pk}.zip")


def _zip_response(request, trainee, *, filename):
    """The ZIP, streamed from its temporary file (deleted once sent), and journalled."""
    spool = export.write_zip(trainee)
    journal.log_trainee_exported(actor=request.user, trainee=trainee, request=request)
    response = FileResponse(
        spool, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
def trainee_rectify(request, pk):
    """Correct the person's identity and contact details, at their request."""
    trainee = access.get_trainee_for_rectification(request.user, pk)
    form = RectificationForm(request.POST or None, instance=trainee)
    if request.method == "POST" and form.is_valid():
        changed = actions.rectify_trainee(actor=request.user, form=form, request=request)
        if changed:
            messages.success(request, _("C'est corrigé."))
        else:
            messages.info(request, _("Rien n'a changé."))
        return redirect("people:trainee_detail", pk=trainee.pk)
    return render(request, "privacy/rectify.html", {"trainee": trainee, "form": form})


def _erasure_context(trainee, form):
    return {
        "trainee": trainee,
        "form": form,
        "files": trainee.stored_files.count(),
        "sessions": trainee.attendances.count(),
        "referrals": trainee.referrals.count(),
    }


@never_cache
def trainee_erase_confirm(request, pk):
    """What erasure does, before the coordinator confirms it."""
    trainee = access.get_trainee_for_erasure(request.user, pk)
    return render(request, "privacy/erase.html", _erasure_context(trainee, ErasureForm()))


@require_POST
def trainee_erase(request, pk):
    trainee = access.get_trainee_for_erasure(request.user, pk)
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/erase.html", _erasure_context(trainee, form))
    try:
        actions.erase_trainee(actor=request.user, trainee=trainee, request=request)
    except actions.AlreadyErased:
        pass
    messages.success(
        request,
        _("Les données de la personne sont effacées. Elle apparaît comme « %(name)s ».")
        % {"name": _("Personne anonymisée")},
    )
    return redirect("people:trainee_list")


# --- retention -----------------------------------------------------------------------------


@never_cache
@access.require(access.may_review_retention)
def retention_list(request):
    """The records reaching the end of the retention period within the warning delay,
    with the day they will be anonymised; the last anonymisations (internal ids)."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=retention.WARNING_DAYS)
    items = retention.due_by(horizon, today, include_kept=True)
    ctx = {
        "due": [
            {"item": item, "planned_on": item.planned_on(today), "kept": item.kept(today)}
            for item in items
        ],
        "kept": [
            review
            for review in _kept_reviews(today)
            if review.trainee_id not in {i.trainee.pk for i in items}
        ],
        "erasures": Erasure.objects.select_related("erased_by")[:50],
        "retention_months": settings.PARCOURS_RETENTION_MONTHS,
        "warning_days": retention.WARNING_DAYS,
        "keep_months": retention.KEEP_MONTHS,
    }
    return render(request, "privacy/retention.html", ctx)


def _kept_reviews(today):
    from parcours.privacy.models import RetentionReview

    return (
        RetentionReview.objects.filter(kept_until__gte=today)
        .exclude(trainee_id__in=Erasure.objects.trainee_ids())
        .select_related("trainee", "kept_by")
        .order_by("kept_until")
    )


@require_POST
def retention_keep(request, pk):
    """ "Keep for now": the anonymisation waits KEEP_MONTHS more."""
    trainee = access.get_trainee_for_erasure(request.user, pk)
    review = actions.keep_for_now(actor=request.user, trainee=trainee, request=request)
    messages.success(
        request,
        _("Le dossier n° %(id)s est gardé jusqu'au %(date)s.")
        % {"id": trainee.pk, "date": date_format(review.kept_until, "j F Y")},
    )
    return redirect("privacy:retention")

"""Professionals' side of the locker: what trainees shared with me (trainers, referrers),
and a trainee's space (coordinators). Every opening of a file is written in the journal,
which the trainee reads in "Qui a ouvert mes documents"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.locker import actions
from parcours.locker.forms import QuotaForm
from parcours.locker.models import Share
from parcours.locker.views.serve import file_response


@never_cache
@access.require(access.may_receive_shares)
def shared_with_me(request):
    shares = (
        access.shares_received_by(request.user)
        .filter(folder__trashed_at__isnull=True, file__trashed_at__isnull=True)
        .exclude(file__state__in=["pending", "deleting"])
        .select_related("trainee", "file", "folder")
        .order_by("trainee__last_name", "trainee__first_name", "-created_at")
    )
    groups = {}
    for share in shares:
        groups.setdefault(share.trainee, []).append(share)
    return render(request, "locker/shared_with_me.html", {"groups": groups})


@never_cache
def shared_folder(request, pk):
    folder = access.get_shared_folder_for(request.user, pk)
    files = access.shared_files_for(request.user).filter(folder=folder)
    folders = access.shared_folders_for(request.user).filter(parent=folder)
    ctx = {"folder": folder, "files": files, "folders": folders, "trainee": folder.trainee}
    return render(request, "locker/shared_folder.html", ctx)


@never_cache
def shared_file(request, pk):
    file = access.get_shared_file_for(request.user, pk)
    return render(request, "locker/shared_file.html", {"file": file, "trainee": file.trainee})


@never_cache
def shared_download(request, pk):
    file = access.get_shared_file_for(request.user, pk)
    actions.record_opening(actor=request.user, file=file, request=request)
    return file_response(file)


@never_cache
def shared_view(request, pk):
    file = access.get_shared_file_for(request.user, pk)
    actions.record_opening(actor=request.user, file=file, request=request)
    return file_response(file, inline=True)


@never_cache
def trainee_locker(request, pk):
    """A trainee's documents as staff see them: the space used (and its quota, for
    coordinators), and what the trainee shared with me."""
    trainee = access.get_locker_trainee_for(request.user, pk)
    ctx = {
        "trainee": trainee,
        "space": actions.space(trainee),
        "may_set_quota": access.may_set_locker_quota(request.user),
        "shares": Share.objects.none(),
    }
    if ctx["may_set_quota"]:
        locker = actions.locker_of(trainee)
        ctx["quota_form"] = QuotaForm(initial={"quota_mb": locker.quota_mb})
    if access.may_receive_shares(request.user):
        ctx["shares"] = (
            access.shares_received_by(request.user)
            .filter(trainee=trainee)
            .filter(folder__trashed_at__isnull=True, file__trashed_at__isnull=True)
            .select_related("file", "folder")
        )
    return render(request, "locker/trainee_locker.html", ctx)


@require_POST
def trainee_quota(request, pk):
    trainee = access.get_locker_trainee_for(request.user, pk, quota=True)
    form = QuotaForm(request.POST)
    if form.is_valid():
        actions.set_quota(
            actor=request.user,
            trainee=trainee,
            quota_mb=form.cleaned_data["quota_mb"],
            request=request,
        )
        messages.success(
            request, _("L'espace de %(name)s est enregistré.") % {"name": trainee.first_name}
        )
    else:
        messages.error(request, _("Indiquez un nombre de Mo (1 ou plus), ou laissez vide."))
    return redirect("locker:trainee_locker", pk=trainee.pk)

"""The trainee's own documents ("Mes documents"): no id of a trainee in any address;
everything is looked up in the signed-in trainee's locker (access.get_locker_owner)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from parcours import access
from parcours.audit.models import Entry
from parcours.locker import actions
from parcours.locker.content import MAX_PAGES, Refused
from parcours.locker.forms import FolderForm, LinkForm, MoveForm, NameForm, ScanForm, ShareForm
from parcours.locker.models import Folder, FolderTree, Link, Share, StoredFile
from parcours.locker.uploads import LockerUploadHandler, discard, max_file_bytes
from parcours.locker.views.serve import file_response

logger = logging.getLogger(__name__)

# What the file input offers: everything a trainee keeps, and, on a phone, the camera.
ACCEPT = (
    "image/*,application/pdf,text/plain,audio/*,video/*,"
    ".doc,.docx,.odt,.rtf,.xls,.xlsx,.ods,.ppt,.pptx,.odp,.zip"
)


def _folder_url(folder):
    if folder is None:
        return reverse("locker:index")
    return reverse("locker:folder", args=[folder.pk])


def _posted_folder(request, trainee):
    """The destination folder of a form (empty: the top of the locker), or 404."""
    pk = request.POST.get("folder") or None
    if pk is None:
        return None
    # isdecimal, not isdigit: int() refuses "²", which isdigit accepts.
    if not str(pk).isdecimal():
        raise Http404
    return access.get_own_folder_for(request.user, int(pk))


# --- browsing ----------------------------------------------------------------------


@never_cache
def index(request, pk=None):
    trainee = access.get_locker_owner(request.user)
    folder = access.get_own_folder_for(request.user, pk) if pk is not None else None
    ctx = {
        "trainee": trainee,
        "folder": folder,
        "files": StoredFile.objects.in_use().filter(trainee=trainee, folder=folder),
        "space": actions.space(trainee),
        "max_file": max_file_bytes(),
        "accept": ACCEPT,
        "folder_form": FolderForm(),
    }
    if folder is None:
        ctx["folders"] = Folder.objects.in_use().filter(trainee=trainee, parent=None)
    else:
        # One read of every folder gives the path, the sub-folders and where this one
        # may move: a query each (and one per level of the path) was most of the page.
        tree = FolderTree(trainee.pk)
        below = tree.descendant_ids([folder.pk])
        ctx["ancestors"] = tree.ancestors(folder)
        ctx["folders"] = tree.subfolders(folder)
        ctx["rename_form"] = NameForm(initial={"name": folder.name})
        ctx["move_form"] = MoveForm(
            trainee=trainee,
            exclude=below,
            choices=tree.in_use(exclude=below),
            initial={"folder": folder.parent_id},
        )
        ctx["share_form"] = ShareForm(trainee=trainee)
        ctx["shares"] = folder.shares.active().select_related("user")
    return render(request, "locker/index.html", ctx)


@never_cache
def file_detail(request, pk):
    file = access.get_own_file_for(request.user, pk)
    trainee = access.get_locker_owner(request.user)
    tree = FolderTree(trainee.pk)  # the path and the move choices, as on a folder page
    ctx = {
        "trainee": trainee,
        "file": file,
        "ancestors": [*tree.ancestors(file.folder), file.folder] if file.folder else [],
        "rename_form": NameForm(initial={"name": file.name}),
        "move_form": MoveForm(
            trainee=trainee, choices=tree.in_use(), initial={"folder": file.folder_id}
        ),
        "share_form": ShareForm(trainee=trainee),
        "link_form": LinkForm(),
        "shares": file.shares.active().select_related("user"),
        "links": file.links.usable(),
    }
    return render(request, "locker/file_detail.html", ctx)


@never_cache
def file_download(request, pk):
    return file_response(access.get_own_file_for(request.user, pk))


@never_cache
def file_view(request, pk):
    return file_response(access.get_own_file_for(request.user, pk), inline=True)


# --- adding files ------------------------------------------------------------------------


@csrf_exempt
@require_POST
def upload(request):
    # Access is checked before the body is read, and the upload handler set before
    # anything reads it: the CSRF check reads the body, hence csrf_exempt here and
    # csrf_protect on what follows (Django's documented pattern for upload handlers).
    access.get_locker_owner(request.user)
    request.upload_handlers = [LockerUploadHandler(request)]
    return _upload(request)


@csrf_protect
def _upload(request):
    trainee = access.get_locker_owner(request.user)
    uploads = request.FILES.getlist("files")
    try:
        folder = _posted_folder(request, trainee)
    except Http404:
        for uploaded in uploads:
            discard(uploaded)
        raise
    for name in request.locker_too_large:
        messages.error(request, actions.too_large_message(name))
    added = 0
    for uploaded in uploads:
        try:
            actions.store_upload(
                actor=request.user, trainee=trainee, uploaded=uploaded, folder=folder
            )
            added += 1
        except Refused as refused:
            messages.error(request, refused.message)
        except Exception:  # the storage failed (disk full, S3 unreachable): say so, go on
            logger.exception("locker upload failed")
            messages.error(
                request,
                _("« %(name)s » n'a pas pu être enregistré. Réessayez dans un moment.")
                % {"name": uploaded.name},
            )
    if added:
        messages.success(
            request,
            ngettext("%(count)s document ajouté.", "%(count)s documents ajoutés.", added)
            % {"count": added},
        )
    elif not uploads and not request.locker_too_large:
        messages.error(request, _("Choisissez d'abord un fichier."))
    return redirect(_folder_url(folder))


@csrf_exempt
def scan(request):
    """Paper to PDF: photos of a paper letter, one per page, become one PDF."""
    access.get_locker_owner(request.user)
    if request.method == "POST":
        request.upload_handlers = [LockerUploadHandler(request)]
    return _scan(request)


@csrf_protect
@never_cache
def _scan(request):
    trainee = access.get_locker_owner(request.user)
    form = ScanForm(request.POST or None)
    if request.method == "POST":
        photos = [photo for photo in request.FILES.getlist("pages") if photo.size]
        folder = _posted_folder(request, trainee)
        for name in request.locker_too_large:
            messages.error(request, actions.too_large_message(name))
        if not photos:
            if not request.locker_too_large:
                messages.error(request, _("Prenez d'abord une photo de la page."))
        elif len(photos) > MAX_PAGES:
            for photo in photos:
                discard(photo)
            messages.error(request, _("%(max)s pages au plus.") % {"max": MAX_PAGES})
        elif form.is_valid():
            try:
                stored = actions.photos_to_pdf_file(
                    actor=request.user,
                    trainee=trainee,
                    uploads=photos,
                    name=form.cleaned_data["name"],
                    folder=folder,
                )
            except Refused as refused:
                messages.error(request, refused.message)
            except Exception:  # the storage failed: say so
                logger.exception("locker scan failed")
                messages.error(
                    request, _("Le document n'a pas pu être enregistré. Réessayez dans un moment.")
                )
            else:
                messages.success(
                    request,
                    ngettext(
                        "Le document « %(name)s » est prêt (%(count)s page).",
                        "Le document « %(name)s » est prêt (%(count)s pages).",
                        len(photos),
                    )
                    % {"name": stored.name, "count": len(photos)},
                )
                return redirect("locker:file_detail", pk=stored.pk)
        return redirect("locker:scan")
    ctx = {
        "trainee": trainee,
        "form": form,
        "page_numbers": range(2, 7),
        "max_file": max_file_bytes(),
        "folders": Folder.objects.in_use().filter(trainee=trainee),
    }
    return render(request, "locker/scan.html", ctx)


# --- folders --------------------------------------------------------------------------


@require_POST
def folder_create(request):
    trainee = access.get_locker_owner(request.user)
    parent = _posted_folder(request, trainee)
    form = FolderForm(request.POST)
    if form.is_valid():
        folder = actions.create_folder(
            trainee=trainee, name=form.cleaned_data["name"], parent=parent
        )
        messages.success(request, _("Le dossier « %(name)s » est créé.") % {"name": folder.name})
        return redirect(_folder_url(folder))
    messages.error(request, _("Donnez un nom au dossier."))
    return redirect(_folder_url(parent))


@require_POST
def folder_rename(request, pk):
    folder = access.get_own_folder_for(request.user, pk)
    form = NameForm(request.POST)
    if form.is_valid():
        actions.rename(item=folder, name=form.cleaned_data["name"])
        messages.success(request, _("C'est renommé."))
    else:
        messages.error(request, _("Écrivez le nouveau nom."))
    return redirect(_folder_url(folder))


@require_POST
def folder_move(request, pk):
    folder = access.get_own_folder_for(request.user, pk)
    trainee = access.get_locker_owner(request.user)
    parent = _posted_folder(request, trainee)
    try:
        actions.move_folder(folder=folder, parent=parent)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("C'est rangé."))
    return redirect(_folder_url(folder))


@require_POST
def folder_trash(request, pk):
    folder = access.get_own_folder_for(request.user, pk)
    actions.trash_folder(folder=folder)
    messages.success(
        request,
        _(
            "Le dossier « %(name)s » est dans la corbeille. Vous pouvez le remettre pendant %(days)s jours."
        )
        % {"name": folder.name, "days": settings.LOCKER_TRASH_DAYS},
    )
    return redirect(_folder_url(folder.parent if folder.parent_id else None))


# --- one file ------------------------------------------------------------------------------


@require_POST
def file_rename(request, pk):
    file = access.get_own_file_for(request.user, pk)
    form = NameForm(request.POST)
    if form.is_valid():
        actions.rename(item=file, name=form.cleaned_data["name"])
        messages.success(request, _("C'est renommé."))
    else:
        messages.error(request, _("Écrivez le nouveau nom."))
    return redirect("locker:file_detail", pk=file.pk)


@require_POST
def file_move(request, pk):
    file = access.get_own_file_for(request.user, pk)
    trainee = access.get_locker_owner(request.user)
    actions.move_file(file=file, folder=_posted_folder(request, trainee))
    messages.success(request, _("C'est rangé."))
    return redirect("locker:file_detail", pk=file.pk)


@require_POST
def file_trash(request, pk):
    file = access.get_own_file_for(request.user, pk)
    actions.trash_file(file=file)
    messages.success(
        request,
        _("« %(name)s » est dans la corbeille. Vous pouvez le remettre pendant %(days)s jours.")
        % {"name": file.name, "days": settings.LOCKER_TRASH_DAYS},
    )
    return redirect(_folder_url(file.folder))


# --- trash ----------------------------------------------------------------------------------


@never_cache
def trash(request):
    trainee = access.get_locker_owner(request.user)
    folders, files = actions.trash_top_level(trainee)
    ctx = {
        "trainee": trainee,
        "folders": folders,
        "files": files,
        "days": settings.LOCKER_TRASH_DAYS,
        "space": actions.space(trainee),
    }
    return render(request, "locker/trash.html", ctx)


@require_POST
def file_restore(request, pk):
    file = access.get_own_file_for(request.user, pk, trashed=True)
    actions.restore_file(file=file)
    messages.success(request, _("« %(name)s » est revenu.") % {"name": file.name})
    return redirect("locker:trash")


@require_POST
def folder_restore(request, pk):
    folder = access.get_own_folder_for(request.user, pk, trashed=True)
    actions.restore_folder(folder=folder)
    messages.success(request, _("Le dossier « %(name)s » est revenu.") % {"name": folder.name})
    return redirect("locker:trash")


@require_POST
def trash_empty(request):
    trainee = access.get_locker_owner(request.user)
    count = actions.empty_trash(trainee=trainee)
    messages.success(
        request,
        ngettext(
            "La corbeille est vide : %(count)s document supprimé pour toujours.",
            "La corbeille est vide : %(count)s documents supprimés pour toujours.",
            count,
        )
        % {"count": count},
    )
    return redirect("locker:trash")


# --- sharing ----------------------------------------------------------------------------------


def _share(request, *, file=None, folder=None):
    trainee = access.get_locker_owner(request.user)
    form = ShareForm(request.POST, trainee=trainee)
    if form.is_valid():
        share = actions.share(
            actor=request.user,
            trainee=trainee,
            user=form.cleaned_data["user"],
            file=file,
            folder=folder,
            ends_on=form.cleaned_data["ends_on"],
            request=request,
        )
        messages.success(
            request,
            _(
                "%(name)s peut maintenant ouvrir « %(item)s ». Vous pouvez arrêter quand vous voulez."
            )
            % {"name": share.user.display_name, "item": share.item.name},
        )
    else:
        messages.error(request, _("Choisissez avec qui partager, et une date à venir."))


@require_POST
def file_share(request, pk):
    file = access.get_own_file_for(request.user, pk)
    _share(request, file=file)
    return redirect("locker:file_detail", pk=file.pk)


@require_POST
def folder_share(request, pk):
    folder = access.get_own_folder_for(request.user, pk)
    _share(request, folder=folder)
    return redirect(_folder_url(folder))


@require_POST
def share_revoke(request, pk):
    trainee = access.get_locker_owner(request.user)
    share = Share.objects.active().filter(trainee=trainee, pk=pk).select_related("user").first()
    if share is None:
        raise Http404
    actions.revoke_share(actor=request.user, share=share, request=request)
    messages.success(
        request,
        _("%(name)s ne peut plus ouvrir « %(item)s ».")
        % {"name": share.user.display_name, "item": share.item.name},
    )
    if share.file_id:
        return redirect("locker:file_detail", pk=share.file_id)
    return redirect("locker:folder", pk=share.folder_id)


@never_cache
def shares(request):
    """Everything I share, and with whom: one place to stop any of it."""
    trainee = access.get_locker_owner(request.user)
    ctx = {
        "trainee": trainee,
        "shares": Share.objects.active()
        .filter(trainee=trainee)
        .select_related("user", "file", "folder"),
        "links": Link.objects.usable()
        .filter(file__trainee=trainee, file__trashed_at__isnull=True)
        .select_related("file"),
    }
    return render(request, "locker/shares.html", ctx)


# --- expiring links -----------------------------------------------------------------------------


def _link_session_key(file):
    return f"locker_link_{file.pk}"


@require_POST
def link_create(request, pk):
    file = access.get_own_file_for(request.user, pk)
    trainee = access.get_locker_owner(request.user)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("locker:file_detail", pk=file.pk)
    _link, token = actions.create_link(
        actor=request.user,
        trainee=trainee,
        file=file,
        ends_on=form.cleaned_data["ends_on"],
        max_downloads=form.cleaned_data["max_downloads"],
        request=request,
    )
    # Post/redirect/get: the address is shown once, from the session (only its hash is
    # stored), and reloading the page does not make another link.
    request.session[_link_session_key(file)] = token
    return redirect("locker:link_created", pk=file.pk)


@never_cache
def link_created(request, pk):
    file = access.get_own_file_for(request.user, pk)
    token = request.session.pop(_link_session_key(file), None)
    if token is None:
        return redirect("locker:file_detail", pk=file.pk)
    url = request.build_absolute_uri(reverse("locker:link_page", args=[token]))
    link = file.links.filter(token_hash=Link.hash_token(token)).first()
    return render(request, "locker/link_created.html", {"file": file, "url": url, "link": link})


@require_POST
def link_revoke(request, pk):
    trainee = access.get_locker_owner(request.user)
    link = Link.objects.filter(file__trainee=trainee, pk=pk, revoked_at__isnull=True).first()
    if link is None:
        raise Http404
    actions.revoke_link(actor=request.user, link=link, request=request)
    messages.success(request, _("Le lien ne marche plus."))
    return redirect("locker:file_detail", pk=link.file_id)


# --- transparency ------------------------------------------------------------------------------

OPENINGS = [Entry.Action.LOCKER_FILE_OPENED, Entry.Action.LOCKER_LINK_USED]


@never_cache
def history(request):
    """Who opened my files, when: every opening by someone else, from the journal."""
    trainee = access.get_locker_owner(request.user)
    entries = list(
        Entry.objects.filter(trainee_id=trainee.pk, action__in=OPENINGS)
        .exclude(actor=request.user)
        .select_related("actor")[:200]
    )
    names = dict(
        StoredFile.objects.filter(
            trainee=trainee,
            pk__in=[int(e.object_id) for e in entries if e.object_id.isdigit()],
        ).values_list("pk", "name")
    )
    rows = [
        {
            "entry": entry,
            "file_name": names.get(int(entry.object_id)) if entry.object_id.isdigit() else None,
        }
        for entry in entries
    ]
    return render(request, "locker/history.html", {"trainee": trainee, "rows": rows})

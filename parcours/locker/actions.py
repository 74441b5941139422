"""Operations on the locker, each in one transaction with its journal entry.

Storing a file (`store_file`) is crash-safe without a distributed transaction:
1. the upload is received, checked (type, size, photos' location removed, virus scan)
   and hashed on the local disk;
2. a PENDING row reserves its place in the quota (committed: the worker knows the key
   from now on);
3. the object is written under its random key and read back: size and SHA-256 must match;
4. one UPDATE makes the row READY: only then does the file appear anywhere.
A crash at any point leaves either nothing, or a PENDING row (and maybe part of an
object) that `clean_up` removes once it is older than PENDING_MAX_AGE. Deleting for good
goes the other way: the row is claimed as DELETING, the object is deleted, then the row.
"""

import logging
import os
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.audit import journal
from parcours.locker import scan, storage
from parcours.locker.content import (
    Refused,
    clean_name,
    open_image,
    photos_to_pdf,
    sniff,
    strip_location,
    upload_dir,
)
from parcours.locker.formats import size_text
from parcours.locker.models import (
    Folder,
    Link,
    Locker,
    Share,
    StoredFile,
    descendant_folder_ids,
    trash_cutoff,
)
from parcours.locker.uploads import discard, max_file_bytes

logger = logging.getLogger(__name__)

# An upload still PENDING after this long was interrupted (the object is written right
# after the request was received: seconds, or minutes for a large file on S3).
PENDING_MAX_AGE = timedelta(hours=1)


# --- space -----------------------------------------------------------------------


def locker_of(trainee):
    return Locker.objects.get_or_create(trainee=trainee)[0]


def space(trainee):
    """What the trainee's locker holds: used and total bytes, and the share used (one
    query once the locker exists; the first call creates it)."""
    lockers = Locker.objects.with_usage().filter(trainee=trainee)
    locker = lockers.first()
    if locker is None:
        locker_of(trainee)
        locker = lockers.get()
    used = locker.used
    quota = locker.quota_bytes
    return {
        "used": used,
        "quota": quota,
        "free": max(0, quota - used),
        "percent": min(100, round(100 * used / quota)) if quota else 100,
        "custom": locker.quota_mb is not None,
    }


def set_quota(*, actor, trainee, quota_mb, request=None):
    """A coordinator gives a trainee more (or less) space; None: back to the default.
    Files already stored stay, even above the new quota."""
    with transaction.atomic():
        locker = locker_of(trainee)
        locker.quota_mb = quota_mb
        locker.save(update_fields=["quota_mb"])
        journal.log_locker_quota_changed(actor=actor, trainee=trainee, request=request, obj=locker)
    return locker


# --- storing -----------------------------------------------------------------------


def store_upload(*, actor, trainee, uploaded, folder=None):
    """Store one file received by LockerUploadHandler. Raises Refused with a message."""
    try:
        return store_file(
            actor=actor,
            trainee=trainee,
            path=uploaded.temporary_file_path(),
            name=uploaded.name,
            folder=folder,
        )
    finally:
        discard(uploaded)


def store_file(*, actor, trainee, path, name, folder=None):
    """Check the local file at `path` (consumed) and store it in `trainee`'s locker."""
    name = clean_name(name)
    leftovers = [path]
    try:
        size = os.path.getsize(path)
        if size == 0:
            raise Refused(_("« %(name)s » est vide : il n'a pas été ajouté.") % {"name": name})
        if size > max_file_bytes():
            raise Refused(_too_large_message(name))
        with open(path, "rb") as file:
            head = file.read(8192)
        content_type = sniff(head, name)
        try:
            if content_type in {"image/jpeg", "image/png", "image/webp"}:
                path = strip_location(path, content_type, upload_dir())
                leftovers.append(path)
            elif content_type in {"image/gif", "image/tiff"}:
                open_image(path).close()  # refuses decompression bombs
            scan.check(path)
        except Refused as refused:
            raise Refused(
                _("« %(name)s » : %(problem)s") % {"name": name, "problem": refused.message}
            ) from refused
        size, sha256 = storage.file_digest(path)
        stored = _reserve(
            actor=actor,
            trainee=trainee,
            folder=folder,
            name=name,
            size=size,
            sha256=sha256,
            content_type=content_type,
        )
        try:
            storage.put(stored.key, path)
            if storage.digest(stored.key) != (size, sha256):
                raise OSError("the stored object differs from the upload")
        except Exception:
            _abandon(stored)
            raise
        with transaction.atomic():
            made_visible = StoredFile.objects.filter(
                pk=stored.pk, state=StoredFile.State.PENDING
            ).update(state=StoredFile.State.READY)
        if not made_visible:  # the worker gave up on it meanwhile: it is gone
            raise OSError("pending upload was cleaned up before it completed")
        stored.state = StoredFile.State.READY
        return stored
    finally:
        for leftover in leftovers:
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass


def _too_large_message(name):
    return _(
        "« %(name)s » est trop gros : %(limit)s au plus par fichier. Il n'a pas été ajouté."
    ) % {"name": name, "limit": size_text(max_file_bytes())}


def too_large_message(name):
    return _too_large_message(clean_name(name))


def _reserve(*, actor, trainee, folder, name, size, sha256, content_type):
    """The PENDING row, if the quota allows (the Locker row is locked meanwhile, so two
    uploads at once cannot both take the last megabytes)."""
    with transaction.atomic():
        Locker.objects.get_or_create(trainee=trainee)
        locker = Locker.objects.select_for_update().get(trainee=trainee)
        used = locker.used_bytes()
        if used + size > locker.quota_bytes:
            raise Refused(
                _(
                    "Plus assez de place pour « %(name)s » (%(size)s). Il reste %(free)s "
                    "sur %(quota)s. Videz la corbeille ou supprimez des documents."
                )
                % {
                    "name": name,
                    "size": size_text(size),
                    "free": size_text(max(0, locker.quota_bytes - used)),
                    "quota": size_text(locker.quota_bytes),
                }
            )
        return StoredFile.objects.create(
            trainee=trainee,
            folder=folder,
            name=name,
            key=storage.new_key(),
            size=size,
            sha256=sha256,
            content_type=content_type,
            uploaded_by=actor,
            state=StoredFile.State.PENDING,
        )


def _abandon(stored):
    try:
        storage.delete(stored.key)
    except Exception:  # the worker retries with the PENDING row
        logger.exception("could not delete an abandoned upload")
        return
    StoredFile.objects.filter(pk=stored.pk, state=StoredFile.State.PENDING).delete()


def photos_to_pdf_file(*, actor, trainee, uploads, name, folder=None):
    """Paper to PDF: several photos of a letter become one PDF in the locker."""
    paths = [uploaded.temporary_file_path() for uploaded in uploads]
    try:
        if not any(os.path.getsize(path) for path in paths):
            raise Refused(_("Les photos sont vides."))
        pdf_path = photos_to_pdf(paths, upload_dir())
    finally:
        for uploaded in uploads:
            discard(uploaded)
    name = clean_name(name, fallback=_("Courrier"))
    if not name.lower().endswith(".pdf"):
        name = f"{name}.pdf"
    return store_file(actor=actor, trainee=trainee, path=pdf_path, name=name, folder=folder)


# --- folders, names, places ------------------------------------------------------------


def create_folder(*, trainee, name, parent=None):
    return Folder.objects.create(
        trainee=trainee, parent=parent, name=clean_name(name, fallback=_("Dossier"))
    )


def rename(*, item, name):
    item.name = clean_name(name, fallback=item.name)
    item.save(update_fields=["name"])
    return item


def move_file(*, file, folder):
    """Into `folder` (None: the top of the locker); both checked by the caller."""
    file.folder = folder
    file.save(update_fields=["folder"])


def move_folder(*, folder, parent):
    """Into `parent` (None: the top); never into itself or one of its sub-folders."""
    if parent is not None and parent.pk in descendant_folder_ids([folder.pk], folder.trainee_id):
        raise Refused(_("Un dossier ne peut pas aller dans lui-même."))
    folder.parent = parent
    folder.save(update_fields=["parent"])


# --- trash -------------------------------------------------------------------------


def trash_file(*, file, now=None):
    file.trashed_at = now or timezone.now()
    file.save(update_fields=["trashed_at"])


def trash_folder(*, folder, now=None):
    """The folder and everything in it, marked with one instant."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = descendant_folder_ids([folder.pk], folder.trainee_id)
        Folder.objects.filter(pk__in=ids, trashed_at__isnull=True).update(trashed_at=now)
        StoredFile.objects.filter(folder_id__in=ids, trashed_at__isnull=True).update(trashed_at=now)
    folder.trashed_at = now


def restore_file(*, file):
    """Back where it was, or at the top when its folder is in the trash."""
    if file.folder_id and file.folder.trashed_at is not None:
        file.folder = None
    file.trashed_at = None
    file.save(update_fields=["trashed_at", "folder"])


def restore_folder(*, folder):
    """The folder and what went to the trash with it (not what was thrown before)."""
    with transaction.atomic():
        ids = descendant_folder_ids([folder.pk], folder.trainee_id)
        when = folder.trashed_at
        Folder.objects.filter(pk__in=ids, trashed_at=when).update(trashed_at=None)
        StoredFile.objects.filter(folder_id__in=ids, trashed_at=when).update(trashed_at=None)
        if folder.parent_id and folder.parent.trashed_at is not None:
            Folder.objects.filter(pk=folder.pk).update(parent=None)


def trash_top_level(trainee):
    """What the trash page lists: items thrown on their own, or folders thrown with their
    content (which is listed inside them, not again)."""
    folders = (
        Folder.objects.in_trash()
        .filter(trainee=trainee)
        .filter(
            Q(parent__isnull=True)
            | Q(parent__trashed_at__isnull=True)
            | ~Q(parent__trashed_at=F("trashed_at"))
        )
    )
    files = (
        StoredFile.objects.in_trash()
        .filter(trainee=trainee)
        .filter(
            Q(folder__isnull=True)
            | Q(folder__trashed_at__isnull=True)
            | ~Q(folder__trashed_at=F("trashed_at"))
        )
    )
    return folders, files


def empty_trash(*, trainee):
    """Delete for good what the trainee put in the trash."""
    files = StoredFile.objects.in_trash().filter(trainee=trainee).values_list("pk", flat=True)
    count = sum(_purge(pk) for pk in list(files))
    Folder.objects.in_trash().filter(trainee=trainee).delete()
    return count


def _purge(pk, *, cutoff=None):
    """Delete one file for good: claim it (one conditional UPDATE, so two workers never
    both do it), delete the object, then the row."""
    claimed = StoredFile.objects.filter(pk=pk, state=StoredFile.State.READY)
    claimed = claimed.filter(trashed_at__isnull=False)
    if cutoff is not None:
        claimed = claimed.filter(trashed_at__lt=cutoff)
    if not claimed.update(state=StoredFile.State.DELETING):
        return 0
    key = StoredFile.objects.values_list("key", flat=True).get(pk=pk)
    storage.delete(key)
    StoredFile.objects.filter(pk=pk).delete()
    return 1


def clean_up(*, now=None, pending_max_age=PENDING_MAX_AGE):
    """The worker's hourly job (and `parcours locker cleanup`): empties the trash of what
    has been there LOCKER_TRASH_DAYS, and removes what interrupted uploads and deletions
    left behind. Idempotent; safe with several workers."""
    now = now or timezone.now()
    # trash: files emptied from the trash; interrupted: uploads and deletions finished
    # (their objects deleted); temporary: files left in LOCKER_UPLOAD_DIR.
    done = {"trash": 0, "interrupted": 0, "temporary": 0}
    cutoff = trash_cutoff(now)
    expired = StoredFile.objects.in_trash().filter(trashed_at__lt=cutoff)
    for pk in list(expired.values_list("pk", flat=True)):
        done["trash"] += _purge(pk, cutoff=cutoff)
    Folder.objects.filter(trashed_at__lt=cutoff).delete()

    # An upload PENDING for too long was interrupted: claimed as DELETING, then finished
    # below with the deletions that were interrupted themselves.
    StoredFile.objects.filter(
        state=StoredFile.State.PENDING, created_at__lt=now - pending_max_age
    ).update(state=StoredFile.State.DELETING)
    deleting = StoredFile.objects.filter(state=StoredFile.State.DELETING)
    for pk, key in list(deleting.values_list("pk", "key")):
        storage.delete(key)
        StoredFile.objects.filter(pk=pk, state=StoredFile.State.DELETING).delete()
        done["interrupted"] += 1

    directory = settings.LOCKER_UPLOAD_DIR
    if os.path.isdir(directory):
        limit = time.time() - pending_max_age.total_seconds()
        for entry in os.scandir(directory):
            try:
                if entry.is_file() and entry.stat().st_mtime <= limit:
                    os.unlink(entry.path)
                    done["temporary"] += 1
            except FileNotFoundError:
                pass
    return done


# --- sharing with a professional -------------------------------------------------------


def share(*, actor, trainee, user, file=None, folder=None, ends_on=None, request=None):
    """Let `user` (checked by the caller: access.share_recipients) open a file or a
    folder, read-only. They are told in the app."""
    from parcours.notifications.send import in_language_of, notify

    with transaction.atomic():
        created = Share.objects.create(
            trainee=trainee, user=user, file=file, folder=folder, ends_on=ends_on
        )
        journal.log_locker_shared(actor=actor, trainee=trainee, request=request, obj=created)
        with in_language_of(user):
            notify(
                user,
                text=_("%(name)s partage un document avec vous.") % {"name": trainee.full_name},
                url=reverse("locker:shared_with_me"),
            )
    return created


def revoke_share(*, actor, share, request=None):
    with transaction.atomic():
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        journal.log_locker_share_revoked(
            actor=actor, trainee=share.trainee, request=request, obj=share
        )


# --- expiring links --------------------------------------------------------------------


def create_link(*, actor, trainee, file, ends_on, max_downloads=None, request=None):
    """A public download address for `file` until the end of `ends_on` (local time), and
    at most `max_downloads` downloads. Returns (link, token); only the hash is kept."""
    token = Link.new_token()
    expires_at = timezone.make_aware(
        datetime.combine(ends_on + timedelta(days=1), datetime.min.time())
    )
    with transaction.atomic():
        link = Link.objects.create(
            file=file,
            token_hash=Link.hash_token(token),
            expires_at=expires_at,
            max_downloads=max_downloads,
        )
        journal.log_locker_link_created(actor=actor, trainee=trainee, request=request, obj=link)
    return link, token


def revoke_link(*, actor, link, request=None):
    with transaction.atomic():
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        journal.log_locker_link_revoked(
            actor=actor, trainee=link.file.trainee, request=request, obj=link
        )


def find_link(token):
    """The usable link of `token`, or None (unknown, revoked, expired, used up)."""
    if not token or len(token) > 100:
        return None
    link = (
        Link.objects.select_related("file__trainee")
        .filter(token_hash=Link.hash_token(token))
        .first()
    )
    if link is None or not link.is_usable():
        return None
    return link


def use_link(*, link, request=None):
    """Count one download (conditionally: the limit holds under concurrent downloads)
    and write it in the journal. False when the link was used up meanwhile."""
    with transaction.atomic():
        counted = Link.objects.usable().filter(pk=link.pk).update(downloads=F("downloads") + 1)
        if not counted:
            return False
        journal.log_locker_link_used(trainee=link.file.trainee, request=request, obj=link.file)
    return True


# --- transparency ------------------------------------------------------------------------


def record_opening(*, actor, file, request=None):
    """Someone other than the trainee opened one of their files."""
    journal.log_locker_file_opened(actor=actor, trainee=file.trainee, request=request, obj=file)

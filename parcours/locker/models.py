"""The locker ("mes documents"): each trainee's folders and files, what they share with a
professional, and the expiring download links they make.

A file's bytes live in the "locker" storage under a random key (never a name anyone
typed); the row keeps the name shown to the trainee, the size, the type detected from
the content and the SHA-256 recorded at upload. A row is visible only once its object
was written and checked (`State.READY`): see actions.store_file.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Trainee, User


def default_quota_bytes():
    return settings.LOCKER_QUOTA_MB * 1024 * 1024


class LockerQuerySet(models.QuerySet):
    def with_usage(self):
        """Each locker with `used` (as Locker.used_bytes), read in the same query."""
        used = (
            StoredFile.objects.counted_in_quota()
            .filter(trainee_id=OuterRef("trainee_id"))
            .order_by()
            .values("trainee_id")
            .annotate(total=Sum("size"))
            .values("total")
        )
        return self.annotate(used=Coalesce(Subquery(used), Value(0)))


class Locker(models.Model):
    """One per trainee, created on first use: the quota, and the row locked while an
    upload reserves its space (two uploads at once cannot both pass the quota)."""

    trainee = models.OneToOneField(Trainee, on_delete=models.CASCADE, related_name="locker")
    # Empty: LOCKER_QUOTA_MB. Set by a coordinator.
    quota_mb = models.PositiveIntegerField(_("espace (Mo)"), null=True, blank=True)

    objects = LockerQuerySet.as_manager()

    class Meta:
        verbose_name = _("mes documents")

    def __str__(self):
        return f"locker of trainee {self.trainee_id}"

    @property
    def quota_bytes(self):
        if self.quota_mb is None:
            return default_quota_bytes()
        return self.quota_mb * 1024 * 1024

    def used_bytes(self):
        """The bytes counted in the quota (StoredFileQuerySet.counted_in_quota)."""
        return (
            StoredFile.objects.counted_in_quota()
            .filter(trainee_id=self.trainee_id)
            .aggregate(total=Sum("size"))["total"]
            or 0
        )


class FolderQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(trashed_at__isnull=True)

    def in_trash(self):
        return self.filter(trashed_at__isnull=False)


class Folder(models.Model):
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="locker_folders")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("nom"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    # Set on the folder and on everything inside it, at the same instant: restoring the
    # folder brings back exactly what went to the trash with it.
    trashed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = FolderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("dossier")

    def __str__(self):
        return self.name

    @property
    def is_in_trash(self):
        return self.trashed_at is not None


class FolderTree:
    """All of one trainee's folders, the trash included, read in one query: a folder
    page's path, sub-folders and move choices come from it instead of a query each
    (and a query per level of the path)."""

    def __init__(self, trainee_id):
        self.folders = list(Folder.objects.filter(trainee_id=trainee_id))  # name order
        self._by_pk = {folder.pk: folder for folder in self.folders}
        self._children = {}
        for folder in self.folders:
            self._children.setdefault(folder.parent_id, []).append(folder)

    def ancestors(self, folder):
        """The folders above `folder`, from the top down to its parent."""
        chain, parent = [], self._by_pk.get(folder.parent_id)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self._by_pk.get(parent.parent_id)
        return list(reversed(chain))

    def subfolders(self, folder):
        """The folders directly inside `folder` (None: the top), out of the trash."""
        children = self._children.get(folder.pk if folder else None, ())
        return [child for child in children if not child.is_in_trash]

    def descendant_ids(self, folder_ids):
        """As descendant_folder_ids."""
        children = {
            parent_id: [folder.pk for folder in folders]
            for parent_id, folders in self._children.items()
        }
        return _below(children, folder_ids)

    def in_use(self, exclude=()):
        """The folders out of the trash but those in `exclude`, in name order."""
        return [f for f in self.folders if not f.is_in_trash and f.pk not in exclude]


def descendant_folder_ids(folder_ids, trainee_id):
    """`folder_ids` and every folder below them, for one trainee (one query)."""
    children = {}
    for pk, parent_id in Folder.objects.filter(trainee_id=trainee_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    return _below(children, folder_ids)


def _below(children, folder_ids):
    found, todo = set(), list(folder_ids)
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.add(pk)
        todo.extend(children.get(pk, ()))
    return found


class StoredFileQuerySet(models.QuerySet):
    def counted_in_quota(self):
        """Every stored byte counts, the trash and uploads in progress included (they
        are on the disk); rows being deleted no longer do."""
        return self.exclude(state=StoredFile.State.DELETING)

    def ready(self):
        return self.filter(state=StoredFile.State.READY)

    def in_use(self):
        """Visible in the locker: stored, checked, not in the trash."""
        return self.ready().filter(trashed_at__isnull=True)

    def in_trash(self):
        return self.ready().filter(trashed_at__isnull=False)


class StoredFile(models.Model):
    class State(models.TextChoices):
        # The object is being written: invisible; the worker removes it after
        # LOCKER_PENDING_MAX_AGE (an interrupted upload).
        PENDING = "pending", _("en cours d'envoi")
        READY = "ready", _("enregistré")
        # Leaving for good: invisible; the worker finishes an interrupted deletion.
        DELETING = "deleting", _("en cours de suppression")

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="stored_files")
    folder = models.ForeignKey(
        Folder, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    # The name the trainee gave, cleaned of what is never part of a name (paths, control
    # and direction-override characters); shown as it is, never used as a storage key.
    name = models.CharField(_("nom"), max_length=200)
    key = models.CharField(max_length=80, unique=True)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    trashed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("document")
        indexes = [models.Index(fields=["trainee", "state", "folder"])]

    def __str__(self):
        return self.name

    @property
    def is_in_trash(self):
        return self.trashed_at is not None

    @property
    def is_image(self):
        from parcours.locker.content import PREVIEW_IMAGES

        return self.content_type in PREVIEW_IMAGES

    @property
    def is_pdf(self):
        return self.content_type == "application/pdf"

    @property
    def can_preview(self):
        return self.is_image or self.is_pdf


class ShareQuerySet(models.QuerySet):
    def active(self, today=None):
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )


class Share(models.Model):
    """A file or a folder the trainee lets one professional (their referrer, a trainer)
    open, read-only, until they take it back or the end date passes."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="locker_shares")
    file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    folder = models.ForeignKey(
        Folder, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="locker_shares")
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(file__isnull=False, folder__isnull=True)
                | Q(file__isnull=True, folder__isnull=False),
                name="locker_share_one_item",
            )
        ]

    def __str__(self):
        return f"share {self.pk}"

    @property
    def item(self):
        return self.file or self.folder

    def is_active(self, today=None):
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.ends_on is None or self.ends_on >= today)


class LinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now).filter(
            Q(max_downloads__isnull=True) | Q(downloads__lt=models.F("max_downloads"))
        )


class Link(models.Model):
    """A public download address for one file, until its end date or download limit.
    Only the token's hash is kept: the address is shown once, to the trainee."""

    MAX_DAYS = 30

    file = models.ForeignKey(StoredFile, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    max_downloads = models.PositiveIntegerField(
        _("nombre de téléchargements"), null=True, blank=True
    )
    downloads = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"link {self.pk}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(24)

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def is_usable(self, now=None):
        now = now or timezone.now()
        return (
            self.revoked_at is None
            and self.expires_at > now
            and (self.max_downloads is None or self.downloads < self.max_downloads)
            and self.file.state == StoredFile.State.READY
            and self.file.trashed_at is None
        )


def trash_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.LOCKER_TRASH_DAYS)

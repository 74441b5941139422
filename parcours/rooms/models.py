"""Computer rooms: their equipment, its incidents, and the set-up checklists.

A room is "ready" when its computers work and its checklist is not overdue; the
trainer's "today" page asks `parcours/rooms/readiness.py`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parcours.people.models import Site


class RoomQuerySet(models.QuerySet):
    def with_state(self):
        """Annotate what the room list shows, in the one query: computers (working and in
        the inventory), other items out of order, open incidents, checklist points and
        the last checklist run.

        Incidents, points and runs are subqueries: joined beside the equipment they
        would multiply its counts.
        """
        in_use = ~Q(equipment__status=Equipment.Status.RETIRED)
        computer = Q(equipment__kind__in=Equipment.COMPUTER_KINDS) & in_use
        open_incidents = (
            Incident.objects.filter(equipment__room=OuterRef("pk"))
            .exclude(status=Incident.Status.RESOLVED)
            .order_by()
            .values("equipment__room")
            .annotate(n=Count("pk"))
            .values("n")
        )
        points = (
            ChecklistPoint.objects.filter(room=OuterRef("pk"))
            .order_by()
            .values("room")
            .annotate(n=Count("pk"))
            .values("n")
        )
        last_run = ChecklistRun.objects.filter(room=OuterRef("pk")).order_by("-run_at")
        return self.annotate(
            computers_total=Count("equipment", filter=computer),
            computers_working=Count(
                "equipment", filter=computer & Q(equipment__status=Equipment.Status.WORKING)
            ),
            others_out_of_order=Count(
                "equipment",
                filter=~Q(equipment__kind__in=Equipment.COMPUTER_KINDS)
                & Q(equipment__status__in=Equipment.OUT_OF_ORDER),
            ),
            open_incidents=Coalesce(Subquery(open_incidents), 0),
            points_count=Coalesce(Subquery(points), 0),
            last_run_at=Subquery(last_run.values("run_at")[:1]),
        )


class Room(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("nom"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("places"), default=8)
    checklist_every_days = models.PositiveSmallIntegerField(
        _("vérifier tous les (jours)"),
        default=30,
        help_text=_("La liste de vérification est à refaire après ce nombre de jours."),
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["site__name", "name"]
        verbose_name = _("salle informatique")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"],
                name="unique_room_per_site",
                violation_error_message=_("Ce lieu a déjà une salle de ce nom."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.site.name})"

    def checklist_due_on(self, last_run_at):
        """The day the next checklist run is due: today when never run (the set-up run)."""
        if last_run_at is None:
            return timezone.localdate()
        return timezone.localdate(last_run_at) + datetime.timedelta(days=self.checklist_every_days)

    def checklist_is_overdue(self, last_run_at, has_points=True, today=None):
        """Overdue: it has points and was never run, or its rhythm has passed."""
        if not has_points:
            return False
        if last_run_at is None:
            return True
        return self.checklist_due_on(last_run_at) < (today or timezone.localdate())


class Equipment(models.Model):
    """One item of a room's inventory, with its asset label (printed as a QR code)."""

    class Kind(models.TextChoices):
        COMPUTER = "computer", _("ordinateur")
        LAPTOP = "laptop", _("ordinateur portable")
        TABLET = "tablet", _("tablette")
        SCREEN = "screen", _("écran")
        PRINTER = "printer", _("imprimante")
        SCANNER = "scanner", _("scanner")
        HEADSET = "headset", _("casque")
        WEBCAM = "webcam", _("webcam")
        NETWORK = "network", _("box ou matériel réseau")
        PROJECTOR = "projector", _("vidéoprojecteur")
        OTHER = "other", _("autre")

    class Origin(models.TextChoices):
        BOUGHT = "bought", _("acheté")
        DONATED = "donated", _("don")

    class Status(models.TextChoices):
        WORKING = "working", pgettext_lazy("equipment", "fonctionne")
        BROKEN = "broken", pgettext_lazy("equipment", "en panne")
        IN_REPAIR = "in_repair", pgettext_lazy("equipment", "en réparation")
        RETIRED = "retired", pgettext_lazy("equipment", "retiré")

    # What trainees sit at: counted against a course's capacity.
    COMPUTER_KINDS = (Kind.COMPUTER, Kind.LAPTOP)
    OUT_OF_ORDER = (Status.BROKEN, Status.IN_REPAIR)

    room = models.ForeignKey(
        Room, verbose_name=_("salle"), on_delete=models.PROTECT, related_name="equipment"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label = models.CharField(
        _("étiquette"),
        max_length=50,
        help_text=_("Le nom écrit sur l'appareil, par exemple PC-03."),
    )
    serial_number = models.CharField(_("numéro de série"), max_length=100, blank=True)
    operating_system = models.CharField(_("système"), max_length=100, blank=True)
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, blank=True)
    acquired_on = models.DateField(_("date d'arrivée"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.WORKING
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name = _("matériel")
        constraints = [
            models.UniqueConstraint(
                fields=["room", "label"],
                name="unique_equipment_label_per_room",
                violation_error_message=_("Cette salle a déjà un appareil avec cette étiquette."),
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.get_kind_display()})"

    @property
    def is_out_of_order(self):
        return self.status in self.OUT_OF_ORDER

    @property
    def problem_choices(self):
        """The buttons of the two-tap report, most common problem first."""
        return [(code, Incident.Problem(code).label) for code in Incident.problems_for(self.kind)]


class Incident(models.Model):
    """A problem reported on one item: reported, then assigned, then resolved."""

    class Problem(models.TextChoices):
        NO_POWER = "no_power", _("ne s'allume pas")
        NO_INTERNET = "no_internet", _("pas d'internet")
        SCREEN = "screen", _("écran")
        KEYBOARD_MOUSE = "keyboard_mouse", _("clavier ou souris")
        SLOW = "slow", _("très lent")
        NO_SOUND = "no_sound", _("pas de son")
        MICROPHONE = "microphone", _("micro")
        PAPER = "paper", _("papier coincé")
        INK = "ink", _("encre ou toner")
        NO_IMAGE = "no_image", _("pas d'image")
        OTHER = "other", _("autre")

    class Status(models.TextChoices):
        OPEN = "open", _("signalé")
        ASSIGNED = "assigned", _("pris en charge")
        RESOLVED = "resolved", _("résolu")

    equipment = models.ForeignKey(
        Equipment, verbose_name=_("matériel"), on_delete=models.CASCADE, related_name="incidents"
    )
    problem = models.CharField(_("problème"), max_length=20, choices=Problem.choices)
    note = models.TextField(_("précisions"), blank=True)
    status = models.CharField(
        _("suivi"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confié à"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("ce qui a été fait"), blank=True)

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("incident")
        indexes = [models.Index(fields=["equipment", "status"])]

    def __str__(self):
        return f"{self.equipment.label}: {self.get_problem_display()}"

    # Buttons offered per kind of item; every kind ends with "autre".
    PROBLEMS_BY_KIND = {
        Equipment.Kind.COMPUTER: ("no_power", "no_internet", "screen", "keyboard_mouse", "slow"),
        Equipment.Kind.LAPTOP: ("no_power", "no_internet", "screen", "keyboard_mouse", "slow"),
        Equipment.Kind.TABLET: ("no_power", "no_internet", "screen"),
        Equipment.Kind.SCREEN: ("no_power", "no_image"),
        Equipment.Kind.PRINTER: ("no_power", "paper", "ink", "no_internet"),
        Equipment.Kind.SCANNER: ("no_power", "no_internet"),
        Equipment.Kind.HEADSET: ("no_sound", "microphone"),
        Equipment.Kind.WEBCAM: ("no_image", "microphone"),
        Equipment.Kind.NETWORK: ("no_power", "no_internet"),
        Equipment.Kind.PROJECTOR: ("no_power", "no_image"),
    }

    @classmethod
    def problems_for(cls, kind):
        return (*cls.PROBLEMS_BY_KIND.get(kind, ("no_power",)), cls.Problem.OTHER.value)

    @property
    def is_open(self):
        return self.status != self.Status.RESOLVED

    def assign(self, user, now=None):
        if not self.is_open:
            raise ValueError("a resolved incident cannot be assigned")
        self.status = self.Status.ASSIGNED
        self.assigned_to = user
        self.assigned_at = now or timezone.now()

    def resolve(self, user, resolution="", now=None):
        if not self.is_open:
            raise ValueError("this incident is already resolved")
        self.status = self.Status.RESOLVED
        self.resolved_by = user
        self.resolved_at = now or timezone.now()
        self.resolution = resolution


class ChecklistPoint(models.Model):
    """One point of a room's set-up checklist (its template)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="checklist_points")
    label = models.CharField(_("point à vérifier"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class ChecklistRun(models.Model):
    """One pass through a room's checklist, at set-up or later."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="checklist_runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-run_at"]
        indexes = [models.Index(fields=["room", "-run_at"])]

    def __str__(self):
        return f"{self.room} — {self.run_at:%Y-%m-%d}"


class ChecklistResult(models.Model):
    """A point's outcome in a run. The label is copied: editing the checklist later must
    not rewrite what was checked."""

    run = models.ForeignKey(ChecklistRun, on_delete=models.CASCADE, related_name="results")
    point = models.ForeignKey(
        ChecklistPoint, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=200)
    ok = models.BooleanField()
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label}: {'ok' if self.ok else 'failed'}"


def default_checklist():
    """Points proposed to a room that has none yet."""
    return [
        _("La session invité s'efface à la déconnexion"),
        _("Le navigateur ne retient aucun mot de passe"),
        _("Les mises à jour sont installées"),
        _("L'imprimante imprime"),
        _("Les casques fonctionnent (son et micro)"),
        _("Internet fonctionne sur chaque poste"),
    ]

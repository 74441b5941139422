"""People: users and their roles, partner organisations, sites, trainees.

Staff (coordinators, trainers, social workers) sign in with e-mail and password;
trainees with a username and a 6-digit PIN, stored as the user's password hash.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A partner organisation whose social workers refer people (shelter operator…)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    social_workers_see_all = models.BooleanField(
        _("les référent·es voient tous les stagiaires de la structure"),
        default=False,
        help_text=_(
            "Sinon, chaque référent·e ne voit que les personnes qu'il ou elle a orientées."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure partenaire")

    def __str__(self):
        return self.name


class Site(models.Model):
    """A place where the programme runs (for example several shelters gathered)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, password=None, **fields):
        user = self.model(username=username, **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_staff(self, email, password=None, **fields):
        email = self.normalize_email(email).lower()
        return self.create_user(email, password, email=email, **fields)

    def create_superuser(self, username, password=None, **fields):
        """`createsuperuser` makes a coordinator (there is no Django admin)."""
        fields.setdefault("role", User.Role.COORDINATOR)
        return self.create_staff(username, password, **fields)


class User(AbstractBaseUser):
    """Anyone who signs in. The role decides what they see (parcours/access.py)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordination")
        TRAINER = "trainer", _("formateur·rice")
        SOCIAL_WORKER = "social_worker", _("référent·e social·e")
        TRAINEE = "trainee", _("stagiaire")

    # Staff: their e-mail address, lowercased. Trainees: a short handle ("amina").
    username = models.CharField(_("identifiant"), max_length=150, unique=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    sites = models.ManyToManyField(Site, verbose_name=_("lieux"), blank=True, related_name="staff")
    language = models.CharField(_("langue"), max_length=10, blank=True)
    # A partner organisation's contact person may invite colleagues and set the
    # organisation's visibility rule.
    is_organisation_contact = models.BooleanField(_("contact de la structure"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    # Per-account sign-in lockout: never per network address, since every
    # computer of a class room shares one. See people/signin.py.
    failed_logins = models.PositiveSmallIntegerField(default=0)
    paused_until = models.DateTimeField(null=True, blank=True)
    locked = models.BooleanField(
        default=False, help_text="Locked after too many wrong PINs; only staff unlock it."
    )

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("utilisateur·rice")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="unique_user_email"
            )
        ]
        # Home pages list the locked and paused accounts: a few rows among thousands.
        indexes = [
            models.Index(fields=["locked"], condition=Q(locked=True), name="user_locked"),
            models.Index(
                fields=["paused_until"],
                condition=Q(paused_until__isnull=False),
                name="user_paused_until",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.is_trainee and hasattr(self, "trainee"):
            return self.trainee.full_name
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.username

    @property
    def is_coordinator(self):
        return self.role == self.Role.COORDINATOR

    @property
    def is_trainer(self):
        return self.role == self.Role.TRAINER

    @property
    def is_social_worker(self):
        return self.role == self.Role.SOCIAL_WORKER

    @property
    def is_trainee(self):
        return self.role == self.Role.TRAINEE

    # Django's auth machinery expects these; there is no Django admin in Parcours.
    @property
    def is_staff(self):
        return False

    @property
    def is_superuser(self):
        return False

    # --- sign-in lockout --------------------------------------------------

    def is_paused(self, now=None):
        now = now or timezone.now()
        return self.paused_until is not None and self.paused_until > now

    def record_failed_login(self, now=None):
        """Count one wrong secret: pause after 5, lock trainees for good after 10."""
        now = now or timezone.now()
        self.failed_logins += 1
        if self.is_trainee and self.failed_logins >= settings.LOGIN_LOCK_AFTER:
            self.locked = True
        elif self.failed_logins % settings.LOGIN_PAUSE_AFTER == 0:
            self.paused_until = now + timedelta(minutes=settings.LOGIN_PAUSE_MINUTES)
        self.save(update_fields=["failed_logins", "paused_until", "locked"])

    def record_successful_login(self):
        if self.failed_logins or self.paused_until:
            self.failed_logins = 0
            self.paused_until = None
            self.save(update_fields=["failed_logins", "paused_until"])

    def unlock(self):
        self.failed_logins = 0
        self.paused_until = None
        self.locked = False
        self.save(update_fields=["failed_logins", "paused_until", "locked"])


# PINs that are guessed first: repeated digits, runs, repeated pairs and triples.
COMMON_PINS = {"123456", "654321", "121212", "112233", "123123", "159753", "147258", "102030"}


def is_trivial_pin(pin):
    if len(set(pin)) == 1 or pin in COMMON_PINS:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({1}, {9}):  # 012345, 345678, 987654…
        return True
    return pin[:2] * 3 == pin or pin[:3] * 2 == pin


def generate_pin():
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if not is_trivial_pin(pin):
            return pin


def suggest_username(first_name):
    """A short, typeable handle from a first name: "Jean-Baptiste" -> "jeanbaptiste2"."""
    base = slugify(first_name).replace("-", "")[:20] or "stagiaire"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


class TraineeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Trainee.Status.ACTIVE)


class Reminders(models.TextChoices):
    SMS = "sms", _("par SMS")
    EMAIL = "email", _("par e-mail")
    NONE = "none", _("pas de rappel")


class Sharing(models.TextChoices):
    PENDING = "pending", _("pas encore demandé")
    CONFIRMED = "confirmed", _("d'accord")
    REFUSED = "refused", _("refusé")
    WITHDRAWN = "withdrawn", _("retiré")


class Trainee(models.Model):
    """A person in the programme. Their sign-in is `user` (role trainee)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("actif·ve")
        PAUSED = "paused", _("en pause")
        LEFT = "left", _("sorti·e")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="trainee")
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    languages = models.CharField(
        _("langues parlées"), max_length=200, blank=True, help_text=_("Séparées par des virgules.")
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    housing_facility = models.CharField(_("lieu d'hébergement"), max_length=200, blank=True)
    site = models.ForeignKey(
        Site, verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="trainees"
    )
    referrer = models.ForeignKey(
        User,
        verbose_name=_("référent·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referred_trainees",
        limit_choices_to={"role": User.Role.SOCIAL_WORKER},
    )
    # The organisation at the time of referral: it stays if the social worker leaves.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure partenaire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainees",
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # The person's own word on sharing their attendance and progress with the referrer.
    # Until they confirm, the referrer sees only the enrolment status.
    sharing = models.CharField(
        _("partage avec la personne référente"),
        max_length=10,
        choices=Sharing.choices,
        default=Sharing.PENDING,
    )
    # How the person wants to hear of their classes (reminders, cancellations).
    reminders = models.CharField(
        _("rappels"), max_length=10, choices=Reminders.choices, default=Reminders.SMS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("stagiaire")
        indexes = [
            # The coordinator's list: all trainees by name, a page at a time.
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["status"]),
            models.Index(fields=["referrer", "last_name"]),
            models.Index(fields=["organisation", "last_name"]),
            models.Index(fields=["site", "last_name"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def username(self):
        return self.user.username

    def set_pin(self, pin):
        self.user.set_password(pin)
        self.user.save(update_fields=["password"])


CONSENT_TEXT_VERSION = "2026-11"


class ConsentEvent(models.Model):
    """Every consent given, confirmed, refused or withdrawn: kept with date and author."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("accord pour l'orientation, recueilli par la personne référente")
        CONFIRMED = "confirmed", _("partage confirmé par la personne")
        REFUSED = "refused", _("partage refusé par la personne")
        WITHDRAWN = "withdrawn", _("partage retiré")

    class Method(models.TextChoices):
        ORAL = "oral", _("à l'oral")
        WRITTEN = "written", _("par écrit")
        ONLINE = "online", _("dans Parcours")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    method = models.CharField(max_length=10, choices=Method.choices)
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.CASCADE, related_name="consent_events"
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consent_events",
    )
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text_version = models.CharField(max_length=20, default=CONSENT_TEXT_VERSION)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class Invitation(models.Model):
    """A one-time link inviting a social worker of a partner organisation (7 days)."""

    VALIDITY = timedelta(days=7)

    email = models.EmailField(_("adresse e-mail"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    # Only a hash is stored: a database leak does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def expires_at(self):
        return self.created_at + self.VALIDITY

    def is_usable(self, now=None):
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def find(cls, token):
        return (
            cls.objects.select_related("organisation")
            .filter(token_hash=cls.hash_token(token))
            .first()
        )


class TwoFactorDevice(models.Model):
    """A staff member's authenticator app (TOTP, RFC 6238), asked for after the password.

    Only confirmed devices are stored: the secret lives in the session while it is being
    set up (people/two_factor.py). The secret itself must stay readable to check codes,
    so it is stored as it is: the database and its backups are as sensitive as the
    password hashes. `last_step` is the 30-second step of the last code accepted: a
    code is accepted only for a later step, so a code seen over a shoulder or replayed
    from a proxy log is refused.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    last_step = models.BigIntegerField(default=0)
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("double authentification")

    def __str__(self):
        return f"{self.user} ({self.confirmed_at:%Y-%m-%d})"


class RecoveryCode(models.Model):
    """A one-time code that replaces the app's code once (phone lost, broken, forgotten).

    Only a hash is stored: the codes are random (60 bits), so a plain SHA-256 is enough,
    as for invitation tokens. A used code keeps its row, so that the account page can
    say how many are left.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="unique_recovery_code")
        ]

    def __str__(self):
        return f"{self.user} ({'used' if self.used_at else 'unused'})"

    @staticmethod
    def hash_code(code):
        return hashlib.sha256(code.encode()).hexdigest()

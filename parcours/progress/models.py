"""Each trainee's path: where they start (diagnostics), where they want to go (goals),
what they reached (successes), and the online accounts they made along the way."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Trainee


class Level(models.IntegerChoices):
    NOT_YET = 0, _("Pas encore")
    WITH_HELP = 1, _("Avec de l'aide")
    ALONE = 2, _("Seul·e")
    CAN_SHOW = 3, _("Je peux montrer")


class Domain(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    label_fr = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return (
            self.label_en
            if (get_language() or "fr").startswith("en") and self.label_en
            else self.label_fr
        )


class Skill(models.Model):
    """A practical skill of the framework (reference data), or one a coordinator added."""

    code = models.CharField(max_length=60, unique=True)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="skills")
    label_fr = models.CharField(_("intitulé"), max_length=300)
    label_en = models.CharField(max_length=300, blank=True)
    easy_fr = models.CharField(_("avec les mots du stagiaire"), max_length=300, blank=True)
    pix = models.CharField(max_length=10, blank=True)
    digcomp = models.CharField(max_length=10, blank=True)
    local = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain__position", "position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return (
            self.label_en
            if (get_language() or "fr").startswith("en") and self.label_en
            else self.label_fr
        )

    @property
    def words(self):
        """What the trainee reads: their own words in French, the label otherwise."""
        if (get_language() or "fr").startswith("fr") and self.easy_fr:
            return self.easy_fr
        return self.label


class Milestone(models.Model):
    """A concrete success ("has their own e-mail address"): reference data or local."""

    code = models.CharField(max_length=60, unique=True)
    label_fr = models.CharField(_("intitulé"), max_length=300)
    label_en = models.CharField(max_length=300, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="milestones")
    local = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return (
            self.label_en
            if (get_language() or "fr").startswith("en") and self.label_en
            else self.label_fr
        )


class Diagnostic(models.Model):
    """A needs diagnostic, one skill per screen; can be stopped and resumed."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="diagnostics")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self):
        return f"diagnostic {self.pk} of trainee {self.trainee_id}"


class Answer(models.Model):
    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="answers")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "skill"], name="one_answer_per_skill")
        ]

    def __str__(self):
        return f"{self.skill_id}: {self.level}"


class GoalQuerySet(models.QuerySet):
    def reached(self):
        return self.filter(status=Goal.Status.REACHED)


class Goal(models.Model):
    """A personal goal, from the milestones or in the trainee's own words."""

    class Status(models.TextChoices):
        OPEN = "open", _("en cours")
        REACHED = "reached", _("atteint")
        DROPPED = "dropped", _("abandonné")

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="goals")
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    own_words = models.CharField(_("avec ses mots"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reached_on = models.DateField(_("atteint le"), null=True, blank=True)
    evidence_url = models.URLField(_("preuve (lien)"), blank=True)
    # The trainee's explicit consent to show this success, anonymously, on the public page.
    public = models.BooleanField(_("montrer sur la page publique, sans nom"), default=False)
    public_text = models.CharField(_("texte public"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-reached_on", "created_at"]
        indexes = [models.Index(fields=["status", "reached_on"])]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.own_words or (self.milestone.label if self.milestone else "")


class AccountEntry(models.Model):
    """An online account the trainee made (the "carnet de comptes"): never a password."""

    class Service(models.TextChoices):
        EMAIL = "email", _("Messagerie (adresse e-mail)")
        CAF = "caf", _("CAF")
        FRANCE_TRAVAIL = "france_travail", _("France Travail")
        AMELI = "ameli", _("Ameli (Assurance maladie)")
        BANK = "bank", _("Banque")
        FRANCECONNECT = "franceconnect", _("FranceConnect")
        COMMUNITY = "community", _("Communauté, réseau social")
        OTHER = "other", _("Autre")

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="accounts")
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    service_name = models.CharField(_("nom du service"), max_length=100, blank=True)
    identifier = models.CharField(_("identifiant utilisé"), max_length=200)
    recovery_email = models.EmailField(_("e-mail de récupération"), blank=True)
    recovery_phone = models.CharField(_("téléphone de récupération"), max_length=30, blank=True)
    created_on = models.DateField(_("créé le"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service", "created_on"]

    def __str__(self):
        return f"{self.get_service_display()} ({self.trainee_id})"

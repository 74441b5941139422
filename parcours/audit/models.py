"""The audit journal: an append-only record of sensitive actions.

Entries are written by `log_<event>` functions so that call sites read as sentences
(`audit.log_pin_reset(actor=..., trainee=..., request=...)`). The model refuses
updates and deletes; nothing in the application edits the journal.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class Entry(models.Model):
    class Action(models.TextChoices):
        TRAINEE_VIEWED = "trainee_viewed", _("Fiche stagiaire consultée")
        PIN_RESET = "pin_reset", _("Code personnel renouvelé")
        ACCOUNT_UNLOCKED = "account_unlocked", _("Compte débloqué")
        ACCOUNT_LOCKED = "account_locked", _("Compte bloqué après trop d'erreurs")
        REFERRAL_ACCEPTED = "referral_accepted", _("Orientation acceptée, compte créé")
        REFERRAL_MERGED = "referral_merged", _("Orientation rattachée à un·e stagiaire")
        CONSENT_CHANGED = "consent_changed", _("Accord de partage modifié")
        LOGIN_CARD_PRINTED = "login_card_printed", _("Carte de connexion imprimée")
        INVITATION_SENT = "invitation_sent", _("Invitation envoyée")
        EXPORT = "export", _("Export de données")
        CHARTER_ACCEPTED = "charter_accepted", _("Charte de confidentialité acceptée")
        COMMITMENT_RENEWED = "commitment_renewed", _("Engagement bénévole renouvelé")
        VOLUNTEER_ACCESS_ENDED = "volunteer_access_ended", _("Fin d'engagement : compte désactivé")
        LOCKER_FILE_OPENED = "locker_file_opened", _("Document d'un·e stagiaire ouvert")
        LOCKER_LINK_USED = "locker_link_used", _("Document téléchargé par un lien")
        LOCKER_SHARED = "locker_shared", _("Document partagé avec un·e professionnel·le")
        LOCKER_SHARE_REVOKED = "locker_share_revoked", _("Partage de document arrêté")
        LOCKER_LINK_CREATED = "locker_link_created", _("Lien de téléchargement créé")
        LOCKER_LINK_REVOKED = "locker_link_revoked", _("Lien de téléchargement arrêté")
        LOCKER_QUOTA_CHANGED = "locker_quota_changed", _("Espace de documents modifié")
        TWO_FACTOR_ENABLED = "two_factor_enabled", _("Double authentification activée")
        TWO_FACTOR_DISABLED = "two_factor_disabled", _("Double authentification désactivée")
        TWO_FACTOR_RESET = "two_factor_reset", _("Double authentification réinitialisée")
        RECOVERY_CODE_USED = "recovery_code_used", _("Code de secours utilisé")
        TRAINEE_ERASED = "trainee_erased", _("Données d'un·e stagiaire anonymisées")
        TRAINEE_RECTIFIED = "trainee_rectified", _("Identité ou coordonnées corrigées")
        RETENTION_KEPT = "retention_kept", _("Anonymisation reportée (garder pour l'instant)")
        AUDIT_PURGED = "audit_purged", _("Entrées anciennes du journal supprimées")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(max_length=20, blank=True)
    # The trainee concerned, kept as a plain id: the journal outlives erasure.
    trainee_id = models.BigIntegerField(null=True, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("entrée du journal")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Django's CommonPasswordValidator knows English passwords; French users reach for
# these first, usually followed by digits ("motdepasse123", "azerty2024!").
FRENCH_COMMON_WORDS = {
    "azerty",
    "azertyuiop",
    "qwerty",
    "motdepasse",
    "password",
    "bonjour",
    "soleil",
    "loulou",
    "doudou",
    "chouchou",
    "coucou",
    "jetaime",
    "amour",
    "chocolat",
    "princesse",
    "football",
    "marseille",
    "paris",
    "france",
    "liberte",
    "nicolas",
    "julien",
    "camille",
    "parcours",
    "admin",
    "administrateur",
    "bienvenue",
    "secret",
    "motdepassesecret",
}


def _letters(password):
    text = unicodedata.normalize("NFKD", password.lower())
    return re.sub(r"[^a-z]", "", text.encode("ascii", "ignore").decode())


class FrenchCommonPasswordValidator:
    """Refuse a common French word or keyboard run padded with digits or symbols."""

    def validate(self, password, user=None):
        if _letters(password) in FRENCH_COMMON_WORDS | {""}:
            raise ValidationError(
                _("Ce mot de passe est trop courant. Choisissez une phrase de plusieurs mots."),
                code="password_too_common",
            )

    def get_help_text(self):
        return _(
            "Pas de mot courant suivi de chiffres : une phrase de plusieurs mots est plus sûre."
        )

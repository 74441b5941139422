import re

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from parcours.core.widgets import DateInput
from parcours.progress.models import AccountEntry, Goal, Milestone, Skill


def looks_like_password(value):
    """A secret typed where an identifier goes: one word mixing three kinds of
    characters (small letters, capitals, digits, symbols), not an address or number."""
    value = value.strip()
    if not 6 <= len(value) <= 64 or " " in value or "@" in value:
        return False
    if re.fullmatch(r"[+\d\s().-]+", value):
        return False  # a phone or member number
    kinds = [
        any(c.islower() for c in value),
        any(c.isupper() for c in value),
        any(c.isdigit() for c in value),
        any(not c.isalnum() for c in value),
    ]
    return sum(kinds) >= 3


PASSWORD_REFUSED = _(
    "Cela ressemble à un mot de passe. Le carnet ne garde jamais de mot de passe : "
    "écrivez seulement l'identifiant (souvent l'adresse e-mail ou un numéro)."
)


class AccountEntryForm(forms.ModelForm):
    class Meta:
        model = AccountEntry
        fields = [
            "service",
            "service_name",
            "identifier",
            "recovery_email",
            "recovery_phone",
            "created_on",
        ]
        widgets = {
            "created_on": DateInput(),
            "recovery_phone": forms.TextInput(attrs={"type": "tel"}),
            "identifier": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "identifier": _("L'adresse e-mail, le numéro d'allocataire… Jamais le mot de passe."),
            "service_name": _("Pour « Autre » : le nom du site."),
        }

    def clean_identifier(self):
        value = self.cleaned_data["identifier"].strip()
        if looks_like_password(value):
            self._forget("identifier")
            raise forms.ValidationError(PASSWORD_REFUSED)
        return value

    def _forget(self, name):
        """A refused secret is not shown back on the page (a shared screen)."""
        self.data = self.data.copy()
        self.data[self.add_prefix(name)] = ""

    def clean_service_name(self):
        value = self.cleaned_data["service_name"].strip()
        if looks_like_password(value):
            self._forget("service_name")
            raise forms.ValidationError(PASSWORD_REFUSED)
        return value

    def clean_recovery_email(self):
        value = self.cleaned_data["recovery_email"].strip()
        if value:
            validate_email(value)
        return value

    def clean_recovery_phone(self):
        from parcours.referrals.forms import normalise_phone

        value = self.cleaned_data["recovery_phone"]
        if value and looks_like_password(value):
            self._forget("recovery_phone")
            raise forms.ValidationError(PASSWORD_REFUSED)
        return normalise_phone(value)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("service") == AccountEntry.Service.OTHER and not cleaned.get("service_name"):
            self.add_error("service_name", _("Écrivez le nom du service."))
        return cleaned


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["milestone", "own_words"]
        labels = {"milestone": _("Une réussite de la liste"), "own_words": _("Ou avec ses mots")}
        help_texts = {"own_words": _("Par exemple : écrire à ma fille par e-mail.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = Milestone.objects.all()
        self.fields["milestone"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("milestone") and not cleaned.get("own_words"):
            raise forms.ValidationError(
                _("Choisissez une réussite de la liste, ou écrivez l'objectif.")
            )
        return cleaned


class ReachedForm(forms.Form):
    reached_on = forms.DateField(label=_("Atteint le"), widget=DateInput())
    evidence_url = forms.URLField(
        label=_("Preuve : un lien (son blog, son logo dans ses documents…)"),
        required=False,
        assume_scheme="https",
    )


class PublicSuccessForm(forms.Form):
    public_text = forms.CharField(
        label=_("Phrase montrée sur la page publique, sans nom"),
        max_length=300,
        help_text=_("Par exemple : « Une stagiaire a créé un blog sur les arts malgaches. »"),
    )


class LocalSkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["domain", "label_fr", "easy_fr"]
        labels = {"domain": _("Domaine")}


class LocalMilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["label_fr"]

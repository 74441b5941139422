from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Trainee


class RectificationForm(forms.ModelForm):
    """The person's identity and contact details, as they ask them to be corrected."""

    class Meta:
        model = Trainee
        fields = [
            "first_name",
            "last_name",
            "birth_year",
            "languages",
            "phone",
            "email",
            "housing_facility",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_birth_year(self):
        import datetime

        year = self.cleaned_data.get("birth_year")
        this_year = datetime.date.today().year
        if year is not None and not (this_year - 110 <= year <= this_year - 5):
            raise forms.ValidationError(
                _("Cette année de naissance n'est pas possible. Exemple : 1985.")
            )
        return year

    def clean_phone(self):
        from parcours.referrals.forms import normalise_phone

        return normalise_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je confirme : la personne a demandé l'effacement de ses données."),
        error_messages={
            "required": _("Cochez la case pour confirmer : l'effacement ne peut pas être annulé.")
        },
    )

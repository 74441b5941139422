from django import forms
from django.utils.translation import gettext_lazy as _


class StaffSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TraineeSignInForm(forms.Form):
    username = forms.CharField(
        label=_("Mon identifiant"),
        max_length=150,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "big-input",
            }
        ),
    )
    pin = forms.RegexField(
        label=_("Mon code (6 chiffres)"),
        regex=r"^\d{6}$",
        strip=True,
        error_messages={"invalid": _("Le code a 6 chiffres.")},
        widget=forms.PasswordInput(
            attrs={
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "maxlength": "6",
                "autocomplete": "current-password",
                "class": "big-input pin-input",
            }
        ),
    )

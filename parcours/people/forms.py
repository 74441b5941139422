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
                # Shared computers: the browser must not offer the last person's username.
                "autocomplete": "off",
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


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail du ou de la référente"))

    def clean_email(self):
        from parcours.people.models import User

        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Cette adresse a déjà un compte."))
        return email


class VisibilityForm(forms.Form):
    social_workers_see_all = forms.TypedChoiceField(
        label=_("Qui voit les personnes orientées par la structure ?"),
        choices=[
            ("0", _("Chaque référent·e voit seulement les personnes qu'il ou elle a orientées")),
            (
                "1",
                _(
                    "Tous les référent·es de la structure voient toutes les personnes qu'elle a orientées"
                ),
            ),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe (12 caractères au moins)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Le même mot de passe, encore une fois"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        from parcours.people.models import User

        cleaned = super().clean()
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("Les deux mots de passe sont différents."))
        elif one:
            candidate = User(
                email=self.email,
                username=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                validate_password(one, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ContactForm(forms.ModelForm):
    """How to reach a trainee, and how they want to hear of their classes."""

    class Meta:
        from parcours.people.models import Trainee

        model = Trainee
        fields = ["phone", "email", "reminders"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"}), "reminders": forms.RadioSelect}

    def clean_phone(self):
        from parcours.referrals.forms import normalise_phone

        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reminders") == "sms" and not cleaned.get("phone"):
            self.add_error("phone", _("Pour des rappels par SMS, il faut un numéro de téléphone."))
        if cleaned.get("reminders") == "email" and not cleaned.get("email"):
            self.add_error("email", _("Pour des rappels par e-mail, il faut une adresse e-mail."))
        return cleaned


class MyRemindersForm(forms.Form):
    reminders = forms.ChoiceField(
        label=_("Je veux un rappel la veille de l'atelier"), widget=forms.RadioSelect
    )

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        from parcours.people.models import Reminders

        choices = [(Reminders.NONE.value, _("Non, pas de rappel"))]
        if trainee.email:
            choices.insert(0, (Reminders.EMAIL.value, _("Oui, par e-mail")))
        if trainee.phone:
            choices.insert(0, (Reminders.SMS.value, _("Oui, par SMS")))
        self.fields["reminders"].choices = choices


class TwoFactorCodeForm(forms.Form):
    """The second step of a staff sign-in (and the confirmation of changes to it): the
    6-digit code of the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code à 6 chiffres de votre application"),
        help_text=_("Ou, si vous n'avez pas votre téléphone, un de vos codes de secours."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        from parcours.people import two_factor

        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not (len(code) == 6 and code.isdigit()) and not two_factor.looks_like_recovery_code(
            code
        ):
            raise forms.ValidationError(
                _(
                    "Tapez les 6 chiffres affichés par votre application, "
                    "ou un code de secours (12 lettres et chiffres)."
                )
            )
        return code


class TwoFactorSetupForm(forms.Form):
    """The first code of a new app: proves it holds the secret."""

    code = forms.CharField(
        label=_("Code à 6 chiffres affiché par l'application"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        # Apps show the code as "123 456".
        code = self.cleaned_data["code"].replace(" ", "")
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError(_("Le code a 6 chiffres."))
        return code

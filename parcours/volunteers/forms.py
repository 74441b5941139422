from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from parcours.courses.models import Weekday
from parcours.people.models import User
from parcours.referrals.forms import normalise_phone
from parcours.referrals.models import TimeOfDay
from parcours.volunteers.models import Application, Block, shortest_end

# <input type="date"> only understands ISO dates, whatever the page's language.
DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}

HONEYPOT = "website"


def _check_period(form, start, end, end_field="end_date"):
    """At least one month, said with the dates so the person sees what to change."""
    if start and end and end < shortest_end(start):
        form.add_error(
            end_field,
            _(
                "Nous demandons un engagement d'au moins un mois. Avec un début le %(start)s, "
                "choisissez une fin le %(end)s ou plus tard."
            )
            % {
                "start": formats.date_format(start, "j F Y"),
                "end": formats.date_format(shortest_end(start), "j F Y"),
            },
        )


class ApplicationForm(forms.ModelForm):
    """The public "get involved" form. The honeypot field is checked by `is_bot`."""

    role = forms.ChoiceField(
        label=_("Je propose de venir comme"),
        choices=Application.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Dites comment vous proposez de venir.")},
    )
    available_days = forms.TypedMultipleChoiceField(
        label=_("Jours possibles"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un jour où vous pouvez venir.")},
    )
    available_times = forms.MultipleChoiceField(
        label=_("Moments possibles"),
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un moment de la journée.")},
    )
    privacy = forms.BooleanField(
        label=_(
            "J'ai lu comment mes données sont utilisées, et je suis d'accord pour que la "
            "coordination les garde le temps de ma candidature."
        ),
        error_messages={
            "required": _(
                "Sans votre accord, nous ne pouvons pas garder votre candidature. "
                "Lisez « Vos données » puis cochez cette case."
            )
        },
    )
    # A field humans never see (hidden, aria-hidden, out of the tab order): whatever
    # fills it is a robot. See views.apply.
    website = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Application
        fields = [
            "role",
            "first_name",
            "last_name",
            "email",
            "phone",
            "available_days",
            "available_times",
            "availability_note",
            "start_date",
            "end_date",
            "skills",
            "languages",
            "motivation",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "start_date": forms.DateInput(**DATE_WIDGET),
            "end_date": forms.DateInput(**DATE_WIDGET),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "end_date": _("Un mois au moins après le début."),
            "availability_note": _("Par exemple : le mardi après 16 h, pas pendant les vacances."),
            "skills": _("Par exemple : bureautique, démarches en ligne, accompagnement social."),
            "languages": _("Par exemple : français, anglais, arabe."),
        }
        error_messages = {
            "first_name": {"required": _("Écrivez votre prénom.")},
            "last_name": {"required": _("Écrivez votre nom.")},
            "email": {
                "required": _("Écrivez votre adresse e-mail : c'est là que nous vous répondrons."),
                "invalid": _("Cette adresse e-mail n'est pas complète. Exemple : nom@exemple.fr"),
            },
            "start_date": {
                "required": _("Indiquez à partir de quand vous pouvez venir."),
                "invalid": _("Écrivez la date ainsi : 15/01/2027."),
            },
            "end_date": {
                "required": _("Indiquez jusqu'à quand vous pouvez venir."),
                "invalid": _("Écrivez la date ainsi : 15/02/2027."),
            },
            "motivation": {"required": _("Dites-nous en quelques mots pourquoi vous venez.")},
        }

    def is_bot(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < timezone.localdate():
            raise forms.ValidationError(
                _("Cette date est passée. Choisissez aujourd'hui ou plus tard.")
            )
        return start

    def clean(self):
        cleaned = super().clean()
        _check_period(self, cleaned.get("start_date"), cleaned.get("end_date"))
        return cleaned


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["title", "body", "position", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "body": _(
                "Texte simple : les retours à la ligne sont gardés, le HTML est affiché tel quel."
            ),
        }


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nouvelle note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("La note est vide.")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus (pour la coordination)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez le motif du refus.")},
    )


class AcceptForm(forms.Form):
    """Accept an application: the commitment's period and the address of the account."""

    start_date = forms.DateField(
        label=_("Début de l'engagement"), widget=forms.DateInput(**DATE_WIDGET)
    )
    end_date = forms.DateField(
        label=_("Fin de l'engagement"), widget=forms.DateInput(**DATE_WIDGET)
    )
    email = forms.EmailField(
        label=_("Adresse e-mail du compte"),
        help_text=_("L'invitation à créer le compte de formateur·rice part à cette adresse."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Cette adresse a déjà un compte Parcours. Demandez une autre adresse à la personne."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        _check_period(self, cleaned.get("start_date"), cleaned.get("end_date"))
        return cleaned


class RenewForm(forms.Form):
    end_date = forms.DateField(
        label=_("Nouvelle date de fin"), widget=forms.DateInput(**DATE_WIDGET)
    )

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end <= max(self.commitment.end_date, timezone.localdate()):
            raise forms.ValidationError(
                _("Choisissez une date après la fin actuelle (%(end)s) et après aujourd'hui.")
                % {"end": formats.date_format(self.commitment.end_date, "j F Y")}
            )
        return end


class CoursesForm(forms.Form):
    courses = forms.ModelMultipleChoiceField(
        label=_("Ateliers animés"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = courses


class CharterForm(forms.Form):
    agree = forms.BooleanField(
        label=_("J'ai lu la charte et je m'engage à la respecter."),
        error_messages={
            "required": _("Cochez la case pour accepter la charte : sans elle, pas d'accès.")
        },
    )

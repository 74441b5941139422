import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.reference import need_themes
from parcours.courses.models import Weekday
from parcours.referrals.models import ReadingLevel, Referral, TimeOfDay


def normalise_phone(value):
    """A French or international number in E.164 form, or a ValidationError in plain words."""
    value = value.strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(
            _(
                "Ce numéro de téléphone n'est pas lisible. Exemples : 06 12 34 56 78 ou +44 7700 900123."
            )
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _(
                "Ce numéro de téléphone n'existe pas. Vérifiez les chiffres, ou ajoutez l'indicatif du pays (+…)."
            )
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ReferralForm(forms.ModelForm):
    needs_digital = forms.MultipleChoiceField(
        label=_("Besoins : numérique"),
        choices=lambda: need_themes()[0][1],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs_admin = forms.MultipleChoiceField(
        label=_("Besoins : démarches administratives"),
        choices=lambda: need_themes()[1][1],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    available_days = forms.TypedMultipleChoiceField(
        label=_("Jours possibles"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    available_times = forms.MultipleChoiceField(
        label=_("Moments possibles"),
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reading_level = forms.ChoiceField(
        label=_("Lecture du français"), choices=ReadingLevel.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_(
            "La personne est d'accord pour être orientée vers l'atelier, et pour que je reçoive "
            "des nouvelles de sa présence et de ses progrès."
        ),
        required=True,
        error_messages={
            "required": _(
                "Sans l'accord de la personne, l'orientation n'est pas possible. "
                "Demandez-lui d'abord son accord, puis cochez cette case."
            )
        },
    )
    consent_method = forms.ChoiceField(
        label=_("Comment avez-vous recueilli son accord ?"),
        choices=Referral.ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez comment l'accord a été recueilli.")},
    )

    class Meta:
        model = Referral
        fields = [
            "first_name",
            "last_name",
            "birth_year",
            "phone",
            "email",
            "languages",
            "reading_level",
            "housing_facility",
            "needs_text",
            "available_days",
            "available_times",
            "availability_note",
            "consent",
            "consent_method",
        ]
        widgets = {
            "needs_text": forms.Textarea(attrs={"rows": 3}),
            "birth_year": forms.NumberInput(
                attrs={"inputmode": "numeric", "min": 1900, "max": 2020}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "needs_text": _("Par exemple : faire ses démarches CAF, créer une adresse e-mail."),
            "languages": _("Par exemple : arabe, français."),
            "birth_year": _("Sert à repérer les doublons."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checklists in the order of the page; the Meta order puts them after the text.
        self.order_fields(
            [
                "first_name",
                "last_name",
                "birth_year",
                "phone",
                "email",
                "languages",
                "reading_level",
                "housing_facility",
                "needs_digital",
                "needs_admin",
            ]
        )

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("needs_digital", []) + cleaned.get("needs_admin", [])
        if not needs and not cleaned.get("needs_text"):
            self.add_error(
                "needs_text",
                _("Cochez au moins un besoin, ou décrivez-le avec vos mots."),
            )
        self.instance.needs = needs
        return cleaned

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= 2020:
            raise forms.ValidationError(_("Indiquez une année entre 1900 et 2020."))
        return year


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif, lu par la personne référente"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez le motif : la personne référente le lira.")},
    )


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Titles and slots repeat from place to place in a network: the place tells them
        # apart. The queryset selects room__site.
        return f"{obj} — {obj.room.site.name}"


class CourseChoiceForm(forms.Form):
    course = CourseChoiceField(
        label=_("Atelier"),
        queryset=None,
        error_messages={
            "required": _("Choisissez un atelier."),
            "invalid_choice": _("Cet atelier n'existe plus. Choisissez-en un autre."),
        },
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses

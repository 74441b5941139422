from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.people.models import User
from parcours.rooms.models import Equipment, Incident, Room

REQUIRED = _("Ce champ est obligatoire.")


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["site", "name", "seats", "checklist_every_days"]
        error_messages = {
            "site": {"required": _("Choisissez le lieu de la salle.")},
            "name": {"required": _("Donnez un nom à la salle.")},
        }


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "room",
            "kind",
            "label",
            "serial_number",
            "operating_system",
            "origin",
            "acquired_on",
            "status",
            "notes",
        ]
        widgets = {
            "acquired_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "kind": {"required": _("Choisissez le type d'appareil.")},
            "label": {"required": _("Écrivez l'étiquette de l'appareil, par exemple PC-03.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.select_related("site")
        self.fields["acquired_on"].error_messages["invalid"] = _(
            "Écrivez une date, par exemple 15/03/2024."
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Une ligne par appareil. Colonnes : type, etiquette, numero_de_serie, systeme, "
            "origine, date, etat, notes (seules type et etiquette sont obligatoires)."
        ),
        error_messages={"required": _("Choisissez un fichier CSV.")},
    )


class ChecklistForm(forms.Form):
    points = forms.CharField(
        label=_("Points à vérifier"),
        help_text=_("Un point par ligne, dans l'ordre où on les vérifie."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Écrivez au moins un point à vérifier.")},
    )
    every_days = forms.IntegerField(
        label=_("À refaire tous les (jours)"),
        min_value=1,
        max_value=365,
        error_messages={
            "required": _("Indiquez tous les combien de jours refaire la vérification."),
            "min_value": _("Au moins 1 jour."),
            "max_value": _("Au plus 365 jours."),
            "invalid": _("Écrivez un nombre de jours."),
        },
    )

    def clean_points(self):
        labels = []
        for line in self.cleaned_data["points"].splitlines():
            label = line.strip().lstrip("-•*").strip()
            if label and label not in labels:
                labels.append(label)
        if not labels:
            raise forms.ValidationError(_("Écrivez au moins un point à vérifier."))
        if too_long := [label for label in labels if len(label) > 200]:
            raise forms.ValidationError(
                _("Ce point est trop long (200 caractères au plus) : « %(label)s… »")
                % {"label": too_long[0][:40]}
            )
        return labels


class ChecklistRunForm(forms.Form):
    """One ok/failed choice and an optional note per point of the room's checklist."""

    OUTCOMES = [("ok", _("OK")), ("failed", _("Problème"))]

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = list(points)
        for point in self.points:
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=point.label,
                choices=self.OUTCOMES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Indiquez si ce point est OK ou pose problème.")},
            )
            self.fields[f"note_{point.pk}"] = forms.CharField(
                label=_("Précisions sur « %(point)s »") % {"point": point.label},
                required=False,
                max_length=300,
            )

    def rows(self):
        """(choice field, note field) per point, for the template."""
        return [(self[f"point_{p.pk}"], self[f"note_{p.pk}"]) for p in self.points]

    def clean(self):
        cleaned = super().clean()
        for point in self.points:
            failed = cleaned.get(f"point_{point.pk}") == "failed"
            if failed and not cleaned.get(f"note_{point.pk}"):
                self.add_error(f"note_{point.pk}", _("Dites en quelques mots ce qui ne va pas."))
        return cleaned

    def results(self):
        return [
            (
                point,
                self.cleaned_data[f"point_{point.pk}"] == "ok",
                self.cleaned_data[f"note_{point.pk}"],
            )
            for point in self.points
        ]


class IncidentReportForm(forms.Form):
    problem = forms.ChoiceField(choices=Incident.Problem.choices)
    note = forms.CharField(
        label=_("Précisions"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, equipment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = equipment.problem_choices
        self.fields["problem"].error_messages["invalid_choice"] = _(
            "Choisissez l'un des problèmes proposés."
        )
        self.fields["problem"].error_messages["required"] = _(
            "Choisissez l'un des problèmes proposés."
        )


def assignable_staff(room):
    """Who may be given an incident of `room`: coordinators, and the trainers of its site."""
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(role=User.Role.COORDINATOR) | Q(role=User.Role.TRAINER, sites=room.site_id))
        .distinct()
        .order_by("first_name", "last_name")
    )


class AssignForm(forms.Form):
    """`staff`: the people to choose from (`assignable_staff`), loaded once per page."""

    assigned_to = forms.TypedChoiceField(
        label=_("Confier à"),
        coerce=int,
        error_messages={
            "required": _("Choisissez la personne qui s'en occupe."),
            "invalid_choice": _("Choisissez la personne qui s'en occupe."),
        },
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {user.pk: user for user in staff}
        self.fields["assigned_to"].choices = [
            ("", "—"),
            *[(user.pk, user.display_name) for user in staff],
        ]

    def clean_assigned_to(self):
        return self.staff[self.cleaned_data["assigned_to"]]


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Ce qui a été fait"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    working_again = forms.BooleanField(
        label=_("L'appareil fonctionne de nouveau"), required=False, initial=True
    )

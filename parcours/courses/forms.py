from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.reference import skill_choices
from parcours.core.widgets import DateInput, TimeInput
from parcours.courses.models import Closure, Course
from parcours.people.models import User


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "room",
            "weekday",
            "start_time",
            "duration_minutes",
            "capacity",
            "first_date",
            "last_date",
            "trainers",
        ]
        widgets = {
            "start_time": TimeInput(),
            "first_date": DateInput(),
            "last_date": DateInput(),
            "trainers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = User.objects.filter(
            role=User.Role.TRAINER, is_active=True
        )
        self.fields["room"].queryset = self.fields["room"].queryset.select_related("site")

    def clean(self):
        cleaned = super().clean()
        room, capacity = cleaned.get("room"), cleaned.get("capacity")
        if room and capacity and capacity > room.seats:
            self.add_error(
                "capacity",
                _("La salle n'a que %(seats)s places : la capacité ne peut pas dépasser ce nombre.")
                % {"seats": room.seats},
            )
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("Le dernier jour vient avant le premier."))
        return cleaned


class SiteFilterForm(forms.Form):
    """The "Lieu" select above a list of courses, sent by GET: every place by default.

    Choices come from `sites`, read once: the same list validates the choice and fills
    the select (components/site_select.html), so the filter costs one query. An unknown
    place is said next to the select, and every place is shown.
    """

    site = forms.TypedChoiceField(
        label=_("Lieu"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Ce lieu n'est pas dans la liste : voici les ateliers de tous les lieux."
            )
        },
    )

    def __init__(self, data, *, sites):
        super().__init__(data)
        self.sites = list(sites)
        self.fields["site"].choices = [("", _("Tous les lieux"))] + [
            (site.pk, site.name) for site in self.sites
        ]

    @property
    def chosen(self):
        """The id of the chosen place, or None for every place."""
        return self.cleaned_data["site"] if self.is_valid() else None

    @property
    def is_useful(self):
        """Worth showing: several places to choose from, or a choice to correct."""
        return len(self.sites) > 1 or bool(self.errors)

    def filter(self, courses):
        """`courses` at the chosen place; all of them when none (or an unknown one) is chosen."""
        if self.chosen is not None:
            return courses.filter(room__site=self.chosen)
        return courses


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["reason", "start_date", "end_date", "site"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin vient avant le début."))
        return cleaned


class ExtraLessonForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=15, max_value=240, initial=60
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison de l'annulation (pour l'équipe)"),
        max_length=200,
        error_messages={"required": _("Indiquez la raison de l'annulation.")},
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ce qui a été travaillé"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One checklist per domain of the skills framework.
        for code, label, choices in skill_choices():
            self.fields[f"skills_{code}"] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )

    def skill_fields(self):
        return [self[name] for name in self.fields if name.startswith("skills_")]

    def skills(self):
        selected = []
        for name, value in self.cleaned_data.items():
            if name.startswith("skills_"):
                selected.extend(value)
        return selected

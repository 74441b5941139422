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

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.core.fields import ModelChoiceField
from parcours.core.widgets import DateInput, LongSelect
from parcours.people.models import Site
from parcours.reports.models import Report, ReportEntry, Rhythm

# Longest span of the statistics page: three years of monthly bars stay readable.
MAX_STATISTICS_DAYS = 3 * 366


class OwnRhythmForm(forms.Form):
    rhythm = forms.ChoiceField(
        label=_("Je reçois les comptes rendus"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhythm"].choices = [
            ("", _("comme ma structure (%(rhythm)s)") % {"rhythm": organisation_label}),
            *Rhythm.choices,
        ]


class OrganisationRhythmForm(forms.Form):
    rhythm = forms.ChoiceField(
        label=_("Rythme par défaut de la structure"),
        choices=Rhythm.choices,
        widget=forms.RadioSelect,
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Votre commentaire"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ce que la personne référente a besoin de savoir. Restez factuel·le : la "
            "personne peut demander à lire ce qui est écrit sur elle."
        ),
    )


class AnswerForm(forms.Form):
    """A rating per trainee, then a comment or a request."""

    kind = forms.ChoiceField(
        label=_("Votre réponse est"),
        choices=Report.AnswerKind.choices,
        initial=Report.AnswerKind.COMMENT,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Une demande attend une suite de la formatrice ou du formateur."),
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"rating_{entry.pk}"] = forms.ChoiceField(
                label=_("Pour %(name)s, comment ça va ?") % {"name": entry.trainee.full_name},
                choices=ReportEntry.Rating.choices,
                initial=entry.rating or None,
                widget=forms.RadioSelect,
            )
        # The ratings first, then the message.
        self.order_fields([f"rating_{entry.pk}" for entry in self.entries] + ["kind", "text"])

    def rating_fields(self):
        return [self[f"rating_{entry.pk}"] for entry in self.entries]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Report.AnswerKind.REQUEST and not cleaned.get("text", "").strip():
            self.add_error("text", _("Écrivez votre demande."))
        return cleaned

    def ratings(self):
        return {entry.pk: self.cleaned_data[f"rating_{entry.pk}"] for entry in self.entries}


def default_statistics_period(today=None):
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    for _month in range(11):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    return start, today


class StatisticsForm(forms.Form):
    start = forms.DateField(label=_("Du"), widget=DateInput())
    end = forms.DateField(label=_("Au"), widget=DateInput())
    site = ModelChoiceField(
        label=_("Lieu"),
        queryset=Site.objects.all(),
        required=False,
        empty_label=_("Tous les lieux"),
        widget=LongSelect,
    )

    @classmethod
    def from_query(cls, query):
        """Bound to the query string, with the last twelve months when it says nothing."""
        start, end = default_statistics_period()
        data = {
            "start": query.get("start") or start.isoformat(),
            "end": query.get("end") or end.isoformat(),
            "site": query.get("site", ""),
        }
        return cls(data)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("La fin vient avant le début."))
            elif (end - start).days > MAX_STATISTICS_DAYS:
                self.add_error("end", _("Choisissez une période de trois ans au plus."))
        return cleaned


class ActivityReportForm(forms.Form):
    year = forms.IntegerField(label=_("Année"), min_value=2000)
    site = ModelChoiceField(
        label=_("Lieu"),
        queryset=Site.objects.all(),
        required=False,
        empty_label=_("Tous les lieux"),
        widget=LongSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["max"] = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Cette année n'a pas encore commencé."))
        return year

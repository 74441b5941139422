from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours import access
from parcours.core.fields import ModelChoiceField
from parcours.locker.models import Folder, Link


# Names are cleaned and shortened by content.clean_name, never refused for their length.
class NameForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=1000)


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Nom du nouveau dossier"), max_length=1000)


class MoveForm(forms.Form):
    folder = ModelChoiceField(
        label=_("Mettre dans"),
        queryset=Folder.objects.none(),
        required=False,
        empty_label=_("Mes documents (tout en haut)"),
    )

    def __init__(self, *args, trainee, exclude=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        folders = Folder.objects.in_use().filter(trainee=trainee)
        if exclude:
            folders = folders.exclude(pk__in=exclude)
        field = self.fields["folder"]
        field.queryset = folders
        if choices is not None:
            # The same folders, already read (a FolderTree): shown without another
            # query; what is posted is still checked against the queryset.
            field.choices = [
                ("", field.empty_label),
                *((folder.pk, field.label_from_instance(folder)) for folder in choices),
            ]


class ShareForm(forms.Form):
    user = ModelChoiceField(
        label=_("Avec qui ?"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    ends_on = forms.DateField(
        label=_("Jusqu'au"),
        required=False,
        help_text=_("Laissez vide pour partager jusqu'à ce que vous arrêtiez."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = access.share_recipients(trainee)
        self.fields["user"].label_from_instance = _recipient_label

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on is not None and ends_on < timezone.localdate():
            raise forms.ValidationError(_("Choisissez aujourd'hui ou un jour après."))
        return ends_on


def _recipient_label(user):
    return f"{user.display_name} ({user.get_role_display()})"


class LinkForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Le lien marche jusqu'au"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("%(days)s jours au plus.") % {"days": Link.MAX_DAYS},
    )
    max_downloads = forms.IntegerField(
        label=_("Nombre de téléchargements"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Laissez vide : pas de limite avant la date."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"ends_on": timezone.localdate() + timedelta(days=7)})
        super().__init__(*args, **kwargs)

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        today = timezone.localdate()
        if ends_on < today:
            raise forms.ValidationError(_("Choisissez aujourd'hui ou un jour après."))
        if ends_on > today + timedelta(days=Link.MAX_DAYS):
            raise forms.ValidationError(_("%(days)s jours au plus.") % {"days": Link.MAX_DAYS})
        return ends_on


class ScanForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du document"),
        max_length=150,
        required=False,
        help_text=_("Par exemple : Lettre de la CAF."),
    )


class QuotaForm(forms.Form):
    quota_mb = forms.IntegerField(
        label=_("Espace (Mo)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("Laissez vide pour l'espace habituel."),
    )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "parcours.people"
    label = "people"
    verbose_name = _("Personnes")

    def ready(self):
        from parcours.people import signals  # noqa: F401 (connects the receivers)

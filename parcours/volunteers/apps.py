from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "parcours.volunteers"
    label = "volunteers"

    def ready(self):
        from parcours.volunteers import signals  # noqa: F401 (connects the receivers)

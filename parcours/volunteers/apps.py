from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "parcours.volunteers"
    label = "volunteers"

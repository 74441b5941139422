from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "parcours.progress"
    label = "progress"

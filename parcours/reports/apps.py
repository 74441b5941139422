from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "parcours.reports"
    label = "reports"

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "parcours.privacy"
    label = "privacy"

from django.apps import AppConfig


class LockerConfig(AppConfig):
    name = "parcours.locker"
    label = "locker"

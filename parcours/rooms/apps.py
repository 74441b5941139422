from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "parcours.rooms"
    label = "rooms"

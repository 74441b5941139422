from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "parcours.courses"
    label = "courses"

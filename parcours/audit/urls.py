from django.urls import path

from parcours.audit import views

app_name = "audit"
urlpatterns = [
    path("journal/", views.journal, name="journal"),
    path("qui-a-vu-mes-informations/", views.my_journal, name="my_journal"),
]

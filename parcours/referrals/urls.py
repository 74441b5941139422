from django.urls import path

from parcours.referrals import views

app_name = "referrals"
urlpatterns = [
    path("orientations/", views.list_view, name="list"),
    path("orientations/nouvelle/", views.create, name="create"),
    path("orientations/a-traiter/", views.triage, name="triage"),
    path("orientations/<int:pk>/", views.detail, name="detail"),
    path("orientations/<int:pk>/accepter/", views.accept, name="accept"),
    path("orientations/<int:pk>/attente/", views.wait, name="wait"),
    path("orientations/<int:pk>/refuser/", views.decline, name="decline"),
    path("orientations/<int:pk>/rattacher/", views.merge, name="merge"),
]

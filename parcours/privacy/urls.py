from django.urls import path

from parcours.privacy import views

app_name = "privacy"
urlpatterns = [
    path("confidentialite/", views.notice, name="notice"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_export, name="my_export"),
    path("stagiaires/<int:pk>/donnees.zip", views.trainee_export, name="trainee_export"),
    path("stagiaires/<int:pk>/corriger/", views.trainee_rectify, name="trainee_rectify"),
    path(
        "stagiaires/<int:pk>/anonymiser/",
        views.trainee_erase_confirm,
        name="trainee_erase_confirm",
    ),
    path("stagiaires/<int:pk>/anonymiser/confirmer/", views.trainee_erase, name="trainee_erase"),
    path("conservation/", views.retention_list, name="retention"),
    path("conservation/<int:pk>/garder/", views.retention_keep, name="retention_keep"),
]

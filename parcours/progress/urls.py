from django.urls import path

from parcours.progress import views

app_name = "progress"
urlpatterns = [
    path("stagiaires/<int:pk>/parcours/", views.trainee_path, name="path"),
    path("stagiaires/<int:pk>/parcours.pdf", views.path_pdf, name="path_pdf"),
    path("stagiaires/<int:pk>/diagnostic/", views.diagnostic_start, name="diagnostic_start"),
    path("diagnostics/<int:pk>/", views.diagnostic, name="diagnostic"),
    path("stagiaires/<int:pk>/objectifs/", views.goal_add, name="goal_add"),
    path("objectifs/<int:pk>/atteint/", views.goal_reached, name="goal_reached"),
    path("objectifs/<int:pk>/abandon/", views.goal_drop, name="goal_drop"),
    path("objectifs/<int:pk>/phrase-publique/", views.goal_public_text, name="goal_public_text"),
    path("stagiaires/<int:pk>/comptes/", views.accounts, name="accounts"),
    path("comptes/<int:pk>/retirer/", views.account_delete, name="account_delete"),
    path("mes-reussites/", views.my_successes, name="my_successes"),
    path("mes-comptes/", views.my_accounts, name="my_accounts"),
    path("mon-parcours.pdf", views.my_path_pdf, name="my_path_pdf"),
    path("competences/", views.framework, name="framework"),
    path("exports/coop.csv", views.coop_export, name="coop_export"),
]

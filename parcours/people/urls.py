from django.urls import path

from parcours.people import views

app_name = "people"
urlpatterns = [
    path("connexion/", views.staff_login, name="login"),
    path("connexion/stagiaire/", views.trainee_login, name="trainee_login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("accueil/", views.home, name="home"),
    path("stagiaires/", views.trainee_list, name="trainee_list"),
    path("stagiaires/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("stagiaires/<int:pk>/nouveau-code/", views.trainee_reset_pin, name="trainee_reset_pin"),
    path(
        "stagiaires/<int:pk>/nouveau-code/afficher/", views.trainee_new_pin, name="trainee_new_pin"
    ),
    path("stagiaires/<int:pk>/debloquer/", views.trainee_unlock, name="trainee_unlock"),
]

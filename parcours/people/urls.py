from django.urls import path

from parcours.people import organisation_views, two_factor_views, views

app_name = "people"
urlpatterns = [
    path("connexion/", views.staff_login, name="login"),
    path("connexion/code/", views.login_code, name="login_code"),
    path("connexion/stagiaire/", views.trainee_login, name="trainee_login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("accueil/", views.home, name="home"),
    path("mon-accord/", views.my_sharing, name="my_sharing"),
    path("mes-rappels/", views.my_reminders, name="my_reminders"),
    path("session/continuer/", views.keep_alive, name="keep_alive"),
    path("stagiaires/<int:pk>/coordonnees/", views.trainee_contact, name="trainee_contact"),
    path("stagiaires/", views.trainee_list, name="trainee_list"),
    path("stagiaires/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("stagiaires/<int:pk>/nouveau-code/", views.trainee_reset_pin, name="trainee_reset_pin"),
    path(
        "stagiaires/<int:pk>/nouveau-code/afficher/", views.trainee_new_pin, name="trainee_new_pin"
    ),
    path("stagiaires/<int:pk>/debloquer/", views.trainee_unlock, name="trainee_unlock"),
    path("stagiaires/<int:pk>/carte/", views.login_card, name="login_card"),
    path("stagiaires/<int:pk>/carte.pdf", views.login_card_pdf, name="login_card_pdf"),
    path(
        "stagiaires/<int:pk>/retirer-partage/",
        views.trainee_withdraw_sharing,
        name="trainee_withdraw_sharing",
    ),
    path(
        "stagiaires/<int:pk>/inscriptions/<int:enrolment_pk>/terminer/",
        views.trainee_end_enrolment,
        name="trainee_end_enrolment",
    ),
    path(
        "structures/<int:pk>/", organisation_views.organisation_detail, name="organisation_detail"
    ),
    path(
        "structures/<int:pk>/visibilite/",
        organisation_views.organisation_visibility,
        name="organisation_visibility",
    ),
    path(
        "structures/<int:pk>/contact/",
        organisation_views.organisation_contact,
        name="organisation_contact",
    ),
    path(
        "structures/<int:pk>/inviter/",
        organisation_views.organisation_invite,
        name="organisation_invite",
    ),
    path("invitation/<str:token>/", organisation_views.accept_invitation, name="accept_invitation"),
    # A staff member's account and second factor (people/two_factor.py).
    path("mon-compte/", two_factor_views.account, name="account"),
    path(
        "mon-compte/double-authentification/",
        two_factor_views.two_factor_setup,
        name="two_factor_setup",
    ),
    path(
        "mon-compte/double-authentification/desactiver/",
        two_factor_views.two_factor_disable,
        name="two_factor_disable",
    ),
    path("mon-compte/codes-de-secours/", two_factor_views.recovery_codes, name="recovery_codes"),
    path(
        "mon-compte/codes-de-secours/nouveaux/",
        two_factor_views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path(
        "comptes/double-authentification/",
        two_factor_views.two_factor_staff,
        name="two_factor_staff",
    ),
    path(
        "comptes/<int:pk>/double-authentification/retirer/",
        two_factor_views.two_factor_reset,
        name="two_factor_reset",
    ),
]

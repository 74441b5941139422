from django.urls import path

from parcours.reports import views

app_name = "reports"
urlpatterns = [
    path("comptes-rendus/", views.report_list, name="list"),
    path("comptes-rendus/<int:pk>/", views.report_detail, name="detail"),
    path("comptes-rendus/<int:pk>/compte-rendu.pdf", views.report_pdf, name="pdf"),
    path(
        "comptes-rendus/<int:pk>/stagiaires/<int:entry_pk>/commentaire/",
        views.report_comment,
        name="comment",
    ),
    path("comptes-rendus/<int:pk>/envoyer/", views.report_send, name="send"),
    path("comptes-rendus/<int:pk>/lu/", views.report_read, name="read"),
    path("comptes-rendus/<int:pk>/repondre/", views.report_answer, name="answer"),
    path("comptes-rendus/rythme/", views.rhythm, name="rhythm"),
    path("comptes-rendus/suivi/", views.follow_up, name="follow_up"),
    path(
        "structures/<int:pk>/rythme-des-comptes-rendus/",
        views.organisation_rhythm,
        name="organisation_rhythm",
    ),
    path("statistiques/", views.statistics_page, name="statistics"),
    path("statistiques/export.csv", views.statistics_csv, name="statistics_csv"),
    path("statistiques/export.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("statistiques/rapport-activite.pdf", views.activity_pdf, name="activity_pdf"),
    path("donnees-ouvertes/lieux.csv", views.opendata_csv, name="opendata_csv"),
    path("donnees-ouvertes/lieux.json", views.opendata_json, name="opendata_json"),
]

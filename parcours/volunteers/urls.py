from django.urls import path

from parcours.volunteers import views

app_name = "volunteers"
urlpatterns = [
    # Public.
    path("le-programme/", views.programme, name="programme"),
    path("participer/", views.apply, name="apply"),
    path("participer/merci/", views.thanks, name="thanks"),
    path("benevoles/invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # The coordinator's pipeline.
    path("benevoles/", views.pipeline, name="pipeline"),
    path("benevoles/candidatures/<int:pk>/", views.application_detail, name="application"),
    path("benevoles/candidatures/<int:pk>/etape/", views.application_move, name="application_move"),
    path("benevoles/candidatures/<int:pk>/note/", views.application_note, name="application_note"),
    path(
        "benevoles/candidatures/<int:pk>/accepter/",
        views.application_accept,
        name="application_accept",
    ),
    path(
        "benevoles/candidatures/<int:pk>/refuser/",
        views.application_decline,
        name="application_decline",
    ),
    path(
        "benevoles/engagements/<int:pk>/inviter/",
        views.commitment_invite,
        name="commitment_invite",
    ),
    path(
        "benevoles/engagements/<int:pk>/ateliers/",
        views.commitment_courses,
        name="commitment_courses",
    ),
    path(
        "benevoles/engagements/<int:pk>/prolonger/",
        views.commitment_renew,
        name="commitment_renew",
    ),
    path("benevoles/presentation/", views.blocks, name="blocks"),
    path("benevoles/presentation/<int:pk>/", views.block_edit, name="block_edit"),
    path("benevoles/presentation/<int:pk>/supprimer/", views.block_delete, name="block_delete"),
    # Trainers.
    path("charte/", views.charter, name="charter"),
    path("charte/accepter/", views.charter_accept, name="charter_accept"),
]

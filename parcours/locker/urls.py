from django.urls import path

from parcours.locker.views import links, own, shared

app_name = "locker"
urlpatterns = [
    # The trainee's own documents.
    path("mes-documents/", own.index, name="index"),
    path("mes-documents/dossiers/<int:pk>/", own.index, name="folder"),
    path("mes-documents/ajouter/", own.upload, name="upload"),
    path("mes-documents/photo-courrier/", own.scan, name="scan"),
    path("mes-documents/dossiers/nouveau/", own.folder_create, name="folder_create"),
    path("mes-documents/dossiers/<int:pk>/renommer/", own.folder_rename, name="folder_rename"),
    path("mes-documents/dossiers/<int:pk>/ranger/", own.folder_move, name="folder_move"),
    path("mes-documents/dossiers/<int:pk>/corbeille/", own.folder_trash, name="folder_trash"),
    path("mes-documents/dossiers/<int:pk>/partager/", own.folder_share, name="folder_share"),
    path("mes-documents/dossiers/<int:pk>/remettre/", own.folder_restore, name="folder_restore"),
    path("mes-documents/fichiers/<int:pk>/", own.file_detail, name="file_detail"),
    path("mes-documents/fichiers/<int:pk>/telecharger/", own.file_download, name="file_download"),
    path("mes-documents/fichiers/<int:pk>/voir/", own.file_view, name="file_view"),
    path("mes-documents/fichiers/<int:pk>/renommer/", own.file_rename, name="file_rename"),
    path("mes-documents/fichiers/<int:pk>/ranger/", own.file_move, name="file_move"),
    path("mes-documents/fichiers/<int:pk>/corbeille/", own.file_trash, name="file_trash"),
    path("mes-documents/fichiers/<int:pk>/remettre/", own.file_restore, name="file_restore"),
    path("mes-documents/fichiers/<int:pk>/partager/", own.file_share, name="file_share"),
    path("mes-documents/fichiers/<int:pk>/lien/", own.link_create, name="link_create"),
    path("mes-documents/fichiers/<int:pk>/lien/afficher/", own.link_created, name="link_created"),
    path("mes-documents/partages/", own.shares, name="shares"),
    path("mes-documents/partages/<int:pk>/arreter/", own.share_revoke, name="share_revoke"),
    path("mes-documents/liens/<int:pk>/arreter/", own.link_revoke, name="link_revoke"),
    path("mes-documents/corbeille/", own.trash, name="trash"),
    path("mes-documents/corbeille/vider/", own.trash_empty, name="trash_empty"),
    path("mes-documents/qui-a-ouvert/", own.history, name="history"),
    # Professionals: what trainees shared with me; a trainee's space.
    path("documents-partages/", shared.shared_with_me, name="shared_with_me"),
    path("documents-partages/dossiers/<int:pk>/", shared.shared_folder, name="shared_folder"),
    path("documents-partages/fichiers/<int:pk>/", shared.shared_file, name="shared_file"),
    path(
        "documents-partages/fichiers/<int:pk>/telecharger/",
        shared.shared_download,
        name="shared_download",
    ),
    path("documents-partages/fichiers/<int:pk>/voir/", shared.shared_view, name="shared_view"),
    path("stagiaires/<int:pk>/documents/", shared.trainee_locker, name="trainee_locker"),
    path("stagiaires/<int:pk>/documents/espace/", shared.trainee_quota, name="trainee_quota"),
    # Expiring links: public.
    path("d/<str:token>/", links.link_page, name="link_page"),
    path("d/<str:token>/telecharger/", links.link_download, name="link_download"),
]

from django.urls import path

from parcours.rooms import views

app_name = "rooms"
urlpatterns = [
    path("salles/", views.room_list, name="room_list"),
    path("salles/nouvelle/", views.room_form, name="room_create"),
    path("salles/<int:pk>/", views.room_detail, name="room_detail"),
    path("salles/<int:pk>/modifier/", views.room_form, name="room_edit"),
    path("salles/<int:pk>/materiel/nouveau/", views.equipment_create, name="equipment_create"),
    path("salles/<int:pk>/inventaire.csv", views.equipment_export, name="equipment_export"),
    path("salles/<int:pk>/importer/", views.equipment_import, name="equipment_import"),
    path("salles/<int:pk>/etiquettes/", views.equipment_labels, name="equipment_labels"),
    path("salles/<int:pk>/etiquettes.pdf", views.equipment_labels_pdf, name="equipment_labels_pdf"),
    path("salles/<int:pk>/verification/", views.checklist_run, name="checklist_run"),
    path("salles/<int:pk>/verification/liste/", views.checklist_edit, name="checklist_edit"),
    # Short: it is the address printed as a QR code on every asset label.
    path("materiel/<int:pk>/", views.equipment_detail, name="equipment_detail"),
    path("materiel/<int:pk>/modifier/", views.equipment_edit, name="equipment_edit"),
    path("materiel/<int:pk>/signaler/", views.incident_report, name="incident_report"),
    path("incidents/<int:pk>/confier/", views.incident_assign, name="incident_assign"),
    path("incidents/<int:pk>/resoudre/", views.incident_resolve, name="incident_resolve"),
]

from django.urls import path

from parcours.courses import calendar_views, views

app_name = "courses"
urlpatterns = [
    path("aujourdhui/", views.today, name="today"),
    path("seances/<int:pk>/", views.lesson, name="lesson"),
    path(
        "seances/<int:pk>/presence/<int:trainee_pk>/",
        views.lesson_attendance,
        name="lesson_attendance",
    ),
    path("seances/<int:pk>/sans-inscription/", views.lesson_walk_in, name="lesson_walk_in"),
    path("seances/<int:pk>/note/<int:trainee_pk>/", views.lesson_note, name="lesson_note"),
    path("seances/<int:pk>/annuler/", views.lesson_cancel, name="lesson_cancel"),
    path("seances/<int:pk>/je-ne-peux-pas-venir/", views.cannot_come, name="cannot_come"),
    path("ateliers/", views.course_list, name="course_list"),
    path("ateliers/nouveau/", views.course_form, name="course_create"),
    path("ateliers/<int:pk>/", views.course_detail, name="course_detail"),
    path("ateliers/<int:pk>/modifier/", views.course_form, name="course_edit"),
    path(
        "ateliers/<int:pk>/seance-en-plus/", views.course_extra_lesson, name="course_extra_lesson"
    ),
    path("fermetures/", views.closures, name="closures"),
    path("calendrier/", calendar_views.calendar_settings, name="calendar"),
    path("calendrier/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]

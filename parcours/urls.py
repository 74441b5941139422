from django.urls import include, path

from parcours.core import views as core_views

handler500 = core_views.server_error

urlpatterns = [
    path("", core_views.public_home, name="public_home"),
    path("langue/", core_views.set_language, name="set_language"),
    path("", include("parcours.people.urls")),
    path("", include("parcours.audit.urls")),
    path("", include("parcours.referrals.urls")),
    path("", include("parcours.notifications.urls")),
    path("", include("parcours.courses.urls")),
    path("", include("parcours.progress.urls")),
    path("", include("parcours.reports.urls")),
    path("", include("parcours.rooms.urls")),
    path("", include("parcours.volunteers.urls")),
    path("", include("parcours.locker.urls")),
    path("", include("parcours.privacy.urls")),
]

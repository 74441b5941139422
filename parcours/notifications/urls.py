from django.urls import path

from parcours.notifications import views

app_name = "notifications"
urlpatterns = [path("messages/", views.inbox, name="inbox")]

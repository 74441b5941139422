app_name = "locker"
urlpatterns = []

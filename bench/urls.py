"""The project's URLs plus an empty view rendering a static template: the framework's
floor, served through the same middleware as every page (no context processor, no
query)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import loader
from django.urls import include, path

from parcours.urls import handler500  # noqa: F401  (the same error handling)


@login_not_required
def empty(request):
    return HttpResponse(loader.render_to_string("bench_empty.html"))


urlpatterns = [path("bench/empty/", empty), path("", include("parcours.urls"))]

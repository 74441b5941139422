"""The project's URLs plus an empty view rendering a static template: the framework's
floor, served through the same middleware as every page (no context processor, no
query); and the same for a signed-in person (the session and the account read: the floor
of every signed-in page)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import loader
from django.urls import include, path

from parcours.urls import handler500  # noqa: F401  (the same error handling)


@login_not_required
def empty(request):
    return HttpResponse(loader.render_to_string("bench_empty.html"))


def empty_signed_in(request):
    # Reading the account's id loads the session and the account (LoginRequiredMiddleware
    # has already sent anyone else to the sign-in page).
    return HttpResponse(loader.render_to_string("bench_empty.html", {"id": request.user.pk}))


urlpatterns = [
    path("bench/empty/", empty),
    path("bench/empty-signed-in/", empty_signed_in),
    path("", include("parcours.urls")),
]

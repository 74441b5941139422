from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from parcours import access

# Remembers, for this session, the charter version the signed-in trainer accepted:
# saves a query per request. A new CHARTER_VERSION no longer matches it.
SESSION_KEY = "parcours_charter_version"


class CharterMiddleware:
    """Keep a signed-in trainer who has not accepted the current confidentiality charter
    on the charter page: every other page (trainee data first of all) redirects there,
    except signing out, switching language and static files.

    Goes after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_trainer
            and request.session.get(SESSION_KEY) != settings.CHARTER_VERSION
            and not self._exempt(request.path_info)
        ):
            if access.must_accept_charter(user):
                return self._to_charter(request)
            request.session[SESSION_KEY] = settings.CHARTER_VERSION
        return self.get_response(request)

    def _exempt(self, path):
        static = settings.STATIC_URL or ""
        if static.startswith("/") and path.startswith(static):
            return True
        return path in {
            reverse("volunteers:charter"),
            reverse("volunteers:charter_accept"),
            reverse("people:logout"),
            reverse("set_language"),
        }

    def _to_charter(self, request):
        url = reverse("volunteers:charter")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            # An htmx request would swap the charter page into a fragment: ask htmx to
            # load it as a whole page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

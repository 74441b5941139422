"""Keeping a signed-in person on one page until they have done something (accepted the
confidentiality charter, set up their authenticator app): every other page redirects
there, except that page's own addresses, signing out, switching language and static
files. The page receives `?next=` to send them on afterwards.

Subclasses name the page and decide, per request, whether to hold the person (usually a
session flag first, then a question to parcours/access.py).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class HoldingPageMiddleware:
    """Goes after AuthenticationMiddleware and MessageMiddleware."""

    page = ""  # the URL name of the page the person is held on
    also_allowed = ()  # more URL names they may reach meanwhile

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._exempt(request.path_info)
            and self.holds(request, user)
        ):
            return self._to_page(request)
        return self.get_response(request)

    def holds(self, request, user):
        raise NotImplementedError

    def _exempt(self, path):
        static = settings.STATIC_URL or ""
        if static.startswith("/") and path.startswith(static):
            return True
        names = (self.page, *self.also_allowed, "people:logout", "set_language")
        return path in {reverse(name) for name in names}

    def _to_page(self, request):
        url = reverse(self.page)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            # htmx would swap the page into a fragment: ask it to load a whole page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

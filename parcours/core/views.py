import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from parcours.people.models import Site
from parcours.progress.models import Goal


@login_not_required
def public_home(request):
    if request.user.is_authenticated:
        return redirect("people:home")
    successes = (
        Goal.objects.filter(public=True, status=Goal.Status.REACHED)
        .exclude(public_text="")
        .order_by("-reached_on")
        .values_list("public_text", flat=True)[:6]
    )
    return render(
        request, "core/public_home.html", {"sites": Site.objects.all(), "successes": successes}
    )


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, remembered on the account of whoever is signed in."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    known = dict(settings.LANGUAGES)
    if user.is_authenticated and language in known and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@login_not_required
def csrf_failure(request, reason=""):
    return render(
        request,
        "403_csrf.html",
        {"message": _("La page a expiré. Revenez en arrière, rechargez la page et recommencez.")},
        status=403,
    )


def server_error(request):
    """handler500: a lost database is a 503 with Retry-After, not an error page.

    The templates are plain files with no context processors, so that neither page
    needs the database it may have just lost. Called inside Django's `except` block,
    hence `sys.exc_info()`.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(
            loader.get_template("503.html").render(),
            status=503,
            content_type="text/html; charset=utf-8",
        )
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())

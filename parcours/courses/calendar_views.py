"""Private calendar addresses: the settings page and the ICS feed itself."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from parcours import access
from parcours.courses import calendar


# GET shows whether an address exists; POST makes a new one and shows it on this very
# response, once: the raw token is never stored (not even in the session), so there
# is no page to redirect to that could show it again.
@access.require(access.may_see_calendar_feed)
@require_http_methods(["GET", "POST"])
@never_cache
def calendar_settings(request):
    feed_url = None
    if request.method == "POST":
        token = calendar.new_token(request.user)
        feed_url = request.build_absolute_uri(reverse("courses:calendar_feed", args=[token]))
    ctx = {"feed": calendar.feed_for(request.user), "feed_url": feed_url}
    return render(request, "courses/calendar.html", ctx)


# Calendar applications cannot sign in: the token in the address is the credential.
@login_not_required
@require_safe
def calendar_feed(request, token):
    user = calendar.user_for_token(token)
    if user is None or not access.may_see_calendar_feed(user):
        raise Http404
    response = HttpResponse(
        calendar.build_calendar(user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="parcours.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response

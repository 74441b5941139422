import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from parcours.people.views import SESSION_LAST_SEEN

# Writing the session on every request would cost a database write per click; a
# minute of slack on a 15-minute timeout is harmless.
TOUCH_EVERY = 60


class TraineeSessionMiddleware:
    """Sign trainees out after TRAINEE_IDLE_TIMEOUT seconds without a request.

    Class computers are shared: a trainee who walks away must not leave their
    documents open to the next person.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_trainee:
            now = int(time.time())
            # A session opened by another path than the PIN form starts its clock now.
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if now - last_seen > settings.TRAINEE_IDLE_TIMEOUT:
                logout(request)
                minutes = settings.TRAINEE_IDLE_TIMEOUT // 60
                messages.info(
                    request,
                    _(
                        "Vous êtes déconnecté·e, car vous n'avez rien fait pendant %(minutes)s minutes."
                    )
                    % {"minutes": minutes},
                )
                return redirect("people:trainee_login")
            if now - last_seen >= TOUCH_EVERY or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
            response = self.get_response(request)
            # Shared computers: no page of a trainee stays in the browser's cache.
            add_never_cache_headers(response)
            return response
        return self.get_response(request)

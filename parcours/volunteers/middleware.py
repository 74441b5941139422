from django.conf import settings

from parcours import access
from parcours.core.holding import HoldingPageMiddleware

# Remembers, for this session, the charter version the signed-in trainer accepted:
# saves a query per request. A new CHARTER_VERSION no longer matches it.
SESSION_KEY = "parcours_charter_version"


class CharterMiddleware(HoldingPageMiddleware):
    """Keep a signed-in trainer who has not accepted the current confidentiality charter
    on the charter page: trainee data first of all waits until they have."""

    page = "volunteers:charter"
    also_allowed = ("volunteers:charter_accept",)

    def holds(self, request, user):
        if not user.is_trainer or request.session.get(SESSION_KEY) == settings.CHARTER_VERSION:
            return False
        if access.must_accept_charter(user):
            return True
        request.session[SESSION_KEY] = settings.CHARTER_VERSION
        return False

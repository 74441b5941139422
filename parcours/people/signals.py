from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from parcours import access
from parcours.people.middleware import TWO_FACTOR_SESSION_KEY


@receiver(user_logged_in)
def remember_two_factor(sender, request, user, **kwargs):
    """Settle at sign-in whether the coordinator has an authenticator app, so that
    TwoFactorMiddleware costs no query on their pages afterwards."""
    if request is None or not hasattr(request, "session"):
        return
    if (
        settings.PARCOURS_REQUIRE_COORDINATOR_2FA
        and user.is_coordinator
        and not access.must_set_up_two_factor(user)
    ):
        request.session[TWO_FACTOR_SESSION_KEY] = True

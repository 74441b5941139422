from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from parcours import access
from parcours.volunteers.middleware import SESSION_KEY


@receiver(user_logged_in)
def remember_charter_acceptance(sender, request, user, **kwargs):
    """Settle at sign-in whether the trainer accepted the current charter, so that
    CharterMiddleware costs no query on their pages afterwards."""
    if request is None or not hasattr(request, "session"):
        return
    if user.is_trainer and not access.must_accept_charter(user):
        request.session[SESSION_KEY] = settings.CHARTER_VERSION

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger("parcours.volunteers")
MAX_ATTEMPTS = 3


@task
def send_acknowledgement(application_id, attempt=1):
    """Tell the applicant their application arrived. The e-mail names their first name
    only: nothing else of what they wrote travels by mail. Retried twice."""
    from parcours.volunteers.models import Application

    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return "gone"
    with translation.override(application.language or settings.LANGUAGE_CODE):
        subject = _("%(programme)s : nous avons bien reçu votre candidature") % {
            "programme": settings.PROGRAMME_NAME
        }
        body = _(
            "Bonjour %(first_name)s,\n\nMerci de vouloir aider à %(programme)s. Nous avons bien "
            "reçu votre candidature. La coordination vous répond dans les prochains jours, par "
            "e-mail ou par téléphone.\n\nSi vous n'avez rien envoyé, ignorez ce message.\n"
        ) % {"first_name": application.first_name, "programme": settings.PROGRAMME_NAME}
    try:
        send_mail(subject, body, None, [application.email])
    except Exception as error:
        # The exception's text can hold the address: log its class only.
        logger.warning(
            "acknowledgement of application %s failed (attempt %s): %s",
            application.pk,
            attempt,
            type(error).__name__,
        )
        if attempt >= MAX_ATTEMPTS:
            return "failed"
        send_acknowledgement.using(
            run_after=timezone.now() + timedelta(minutes=2**attempt)
        ).enqueue(application_id, attempt + 1)
        return "retry"
    return "sent"


@task
def remind_commitments():
    """Tell the coordinators of the commitments ending within two weeks (once each)."""
    from parcours.volunteers.actions import remind_commitments_ending

    return len(remind_commitments_ending())


@task
def end_commitments():
    """Deactivate the accounts of the volunteers whose commitment is over."""
    from parcours.volunteers import actions

    return len(actions.end_commitments())


@task
def purge_applications():
    """Delete declined and withdrawn applications after APPLICATION_RETENTION_DAYS."""
    from parcours.volunteers import actions

    return actions.purge_applications()

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.notifications.send import in_language_of, notify
from parcours.people.models import User


def end_enrolment(*, actor, enrolment):
    """Free the seat; if someone waits for this course, prompt the coordinators."""
    from parcours.referrals.models import Referral

    with transaction.atomic():
        enrolment.end_date = timezone.localdate()
        enrolment.save(update_fields=["end_date"])
        next_referral = Referral.objects.waiting_for(enrolment.course).first()
        if next_referral is not None:
            for coordinator in User.objects.filter(role=User.Role.COORDINATOR, is_active=True):
                with in_language_of(coordinator):
                    text = _(
                        "Une place s'est libérée dans « %(course)s ». Prochaine personne : %(name)s."
                    ) % {"course": enrolment.course.title, "name": next_referral.full_name}
                notify(
                    coordinator, text=text, url=reverse("referrals:detail", args=[next_referral.pk])
                )
    return next_referral

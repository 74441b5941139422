from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parcours import access


def parcours(request):
    """The programme's name and the navigation the signed-in user is allowed to use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and access.is_staff(user):
        nav.append((reverse("people:home"), _("Accueil")))
        if access.may_see_courses(user):
            nav.append((reverse("courses:today"), _("Aujourd'hui")))
            nav.append((reverse("courses:course_list"), _("Ateliers")))
        if access.may_see_rooms(user):
            nav.append((reverse("rooms:room_list"), _("Salles")))
        if access.may_list_trainees(user):
            nav.append((reverse("people:trainee_list"), _("Stagiaires")))
        if access.may_receive_shares(user):
            nav.append((reverse("locker:shared_with_me"), _("Documents partagés")))
        if access.may_triage(user):
            nav.append((reverse("referrals:triage"), _("À traiter")))
        if access.may_read_journal(user):
            nav.append((reverse("audit:journal"), _("Journal")))
        if access.may_review_retention(user):
            nav.append((reverse("privacy:retention"), _("Conservation des données")))
        if access.may_manage_volunteers(user):
            nav.append((reverse("volunteers:pipeline"), _("Bénévoles")))
        if access.may_manage_framework(user):
            nav.append((reverse("progress:framework"), _("Compétences")))
        if access.may_list_referrals(user):
            nav.append((reverse("referrals:list"), _("Orientations")))
        if access.may_list_reports(user):
            nav.append((reverse("reports:list"), _("Comptes rendus")))
        if access.may_see_statistics(user):
            nav.append((reverse("reports:statistics"), _("Statistiques")))
        unread = user.notifications.unread().count()
        label = _("Messages (%(n)s)") % {"n": unread} if unread else _("Messages")
        nav.append((reverse("notifications:inbox"), label))
        nav.append((reverse("courses:calendar"), _("Mon calendrier")))
        if access.may_use_two_factor(user):
            nav.append((reverse("people:account"), _("Mon compte")))
    is_trainee = user is not None and user.is_authenticated and user.is_trainee
    return {
        "help_trainers": _trainers_of(user) if is_trainee else (),
        "programme_name": settings.PROGRAMME_NAME,
        "nav": nav,
        "is_trainee_page": is_trainee,
        "idle_timeout": settings.TRAINEE_IDLE_TIMEOUT,
    }


def _trainers_of(user):
    """Who to ask for help: the trainers of the trainee's classes (lazy: one query if shown)."""
    from django.utils.functional import SimpleLazyObject

    def load():
        from parcours.people.models import User

        return list(
            User.objects.filter(
                courses__enrolments__trainee__user=user,
                courses__enrolments__end_date__isnull=True,
                is_active=True,
            ).distinct()
        )

    return SimpleLazyObject(load)

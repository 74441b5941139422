"""Partner organisations: who sees what, and inviting social workers."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.core import ratelimit
from parcours.core.http import id_param
from parcours.people import actions
from parcours.people.forms import AcceptInvitationForm, InvitationForm, VisibilityForm
from parcours.people.models import Invitation, User

logger = logging.getLogger("parcours.people")


def organisation_detail(request, pk):
    organisation = access.get_organisation_for(request.user, pk)
    manage = access.may_manage_organisation(request.user, organisation)
    ctx = {
        "organisation": organisation,
        "members": organisation.members.filter(role=User.Role.SOCIAL_WORKER).annotate(
            referral_count=Count("referrals", distinct=True)
        ),
        "may_manage": manage,
    }
    if manage:
        ctx.update(
            invitation_form=InvitationForm(),
            visibility_form=VisibilityForm(
                initial={
                    "social_workers_see_all": "1" if organisation.social_workers_see_all else "0"
                }
            ),
            # Pending ones only: an expired link is of no use to anyone.
            invitations=organisation.invitations.filter(
                accepted_at__isnull=True, created_at__gt=timezone.now() - Invitation.VALIDITY
            ),
            may_choose_contact=access.may_triage(request.user),
        )
    return render(request, "people/organisation_detail.html", ctx)


@require_POST
def organisation_visibility(request, pk):
    organisation = access.get_organisation_for(request.user, pk, manage=True)
    form = VisibilityForm(request.POST)
    if form.is_valid():
        organisation.social_workers_see_all = form.cleaned_data["social_workers_see_all"]
        organisation.save(update_fields=["social_workers_see_all"])
        messages.success(request, _("C'est enregistré."))
    return redirect("people:organisation_detail", pk=organisation.pk)


@require_POST
@access.require(access.may_triage)
def organisation_contact(request, pk):
    """The coordinator names the organisation's contact person (who may invite colleagues)."""
    organisation = access.get_organisation_for(request.user, pk, manage=True)
    member = organisation.members.filter(
        role=User.Role.SOCIAL_WORKER, pk=id_param(request.POST, "member")
    ).first()
    if member is None:
        messages.error(request, _("Choisissez un·e référent·e de la structure."))
    else:
        with transaction.atomic():
            organisation.members.update(is_organisation_contact=False)
            member.is_organisation_contact = True
            member.save(update_fields=["is_organisation_contact"])
        messages.success(
            request, _("%(name)s est le contact de la structure.") % {"name": member.display_name}
        )
    return redirect("people:organisation_detail", pk=organisation.pk)


@require_POST
def organisation_invite(request, pk):
    organisation = access.get_organisation_for(request.user, pk, manage=True)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("people:organisation_detail", pk=organisation.pk)
    invitation, token = actions.invite_social_worker(
        actor=request.user,
        organisation=organisation,
        email=form.cleaned_data["email"],
        request=request,
    )
    link = request.build_absolute_uri(reverse("people:accept_invitation", args=[token]))
    body = _(
        "Bonjour,\n\n%(who)s vous invite à rejoindre %(programme)s, l'atelier numérique où vous "
        "pourrez orienter les personnes que vous accompagnez.\n\nCréez votre mot de passe ici "
        "(lien valable 7 jours, une seule fois) :\n%(link)s\n"
    ) % {"who": request.user.display_name, "programme": settings.PROGRAMME_NAME, "link": link}
    try:
        # Sent now rather than by the worker: the token exists only in this request
        # (the database keeps its hash), so a queued task would have to store it.
        send_mail(
            _("Invitation à rejoindre %(p)s") % {"p": settings.PROGRAMME_NAME},
            body,
            None,
            [invitation.email],
        )
    except Exception as error:
        # The exception's text can hold the address: log its class only.
        logger.warning("invitation e-mail %s not sent: %s", invitation.pk, type(error).__name__)
        messages.error(
            request,
            _(
                "L'e-mail n'est pas parti. Donnez ce lien à la personne par un autre moyen : %(link)s"
            )
            % {"link": link},
        )
    else:
        messages.success(
            request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
        )
    return redirect("people:organisation_detail", pk=organisation.pk)


@login_not_required
@never_cache
@ratelimit.counts_failed_tokens
def accept_invitation(request, token):
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "people/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = actions.accept_invitation(
            invitation=invitation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Bienvenue ! Votre compte est prêt."))
        return redirect("people:home")
    return render(
        request, "people/invitation_accept.html", {"form": form, "invitation": invitation}
    )

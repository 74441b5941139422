"""A staff member's account page and their second factor; coordinators' overview of
who uses one, and the reset after a lost phone. The sign-in's second step is
views.login_code."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.people import two_factor
from parcours.people.forms import TwoFactorCodeForm, TwoFactorSetupForm
from parcours.people.middleware import TWO_FACTOR_SESSION_KEY
from parcours.people.models import TwoFactorDevice, User
from parcours.people.signin import Outcome, check_code

# Where a coordinator sent to the set-up page was going: they get there once their
# recovery codes are noted.
NEXT_KEY = "parcours_two_factor_next"


def _account_page(request, code_form=None, status=200):
    user = request.user
    ctx = {
        "device": TwoFactorDevice.objects.filter(user=user).first(),
        "recovery_left": two_factor.recovery_codes_left(user),
        "may_disable": access.may_disable_two_factor(user),
        "code_form": code_form or TwoFactorCodeForm(),
    }
    return render(request, "people/account.html", ctx, status=status)


@never_cache
@access.require(access.may_use_two_factor)
def account(request):
    return _account_page(request)


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


@never_cache
@access.require(access.may_use_two_factor)
def two_factor_setup(request):
    """Show a new secret (QR code and text) and ask for one code of the app. The secret
    waits in the session, and is stored only once a code proves the app has it."""
    user = request.user
    secret = request.session.get(two_factor.SETUP_KEY)
    if not secret:
        # Kept across reloads: the person may already have scanned it.
        secret = request.session[two_factor.SETUP_KEY] = two_factor.new_secret()
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(
            user=user, secret=secret, code=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            del request.session[two_factor.SETUP_KEY]
            request.session[TWO_FACTOR_SESSION_KEY] = True
            request.session[two_factor.NEW_CODES_KEY] = codes
            messages.success(request, _("La double authentification est activée."))
            request.session[NEXT_KEY] = _next_url(request)
            return redirect("people:recovery_codes")
        form.add_error(
            "code",
            _(
                "Ce code ne correspond pas. Vérifiez que l'heure du téléphone est juste, "
                "puis tapez le code affiché maintenant."
            ),
        )
    ctx = {
        "form": form,
        "qr": two_factor.setup_qr_svg(user, secret),
        "secret": two_factor.grouped(secret),
        "replacing": TwoFactorDevice.objects.filter(user=user).exists(),
        "required": access.must_set_up_two_factor(user),
        "next": _next_url(request),
    }
    return render(request, "people/two_factor_setup.html", ctx)


@never_cache
@access.require(access.may_use_two_factor)
def recovery_codes(request):
    """The new recovery codes, shown once: reloading the page does not show them again."""
    codes = request.session.pop(two_factor.NEW_CODES_KEY, None)
    if codes is None:
        messages.info(
            request,
            _("Ces codes ont déjà été affichés. Si vous ne les avez pas notés, créez-en d'autres."),
        )
        return redirect("people:account")
    next_url = request.session.pop(NEXT_KEY, "") or reverse("people:account")
    return render(request, "people/recovery_codes.html", {"codes": codes, "next": next_url})


def _with_code(request, action):
    """Run `action` once the code of the app (or a recovery code) is right: a session
    left open on a shared computer is not enough to weaken the account."""
    if not TwoFactorDevice.objects.filter(user=request.user).exists():
        return redirect("people:account")
    form = TwoFactorCodeForm(request.POST)
    if form.is_valid():
        result = check_code(request.user, form.cleaned_data["code"], request)
        if result.outcome == Outcome.OK:
            return action()
        if result.outcome == Outcome.PAUSED:
            form.add_error(
                None, _("Trop d'essais. Attendez un quart d'heure avant de recommencer.")
            )
        else:
            form.add_error("code", _("Ce code n'est pas bon, ou il a déjà servi."))
    return _account_page(request, code_form=form)


@require_POST
@access.require(access.may_use_two_factor)
def recovery_codes_renew(request):
    def renew():
        request.session[two_factor.NEW_CODES_KEY] = two_factor.renew_recovery_codes(
            user=request.user
        )
        return redirect("people:recovery_codes")

    return _with_code(request, renew)


@require_POST
@access.require(access.may_disable_two_factor)
def two_factor_disable(request):
    def disable():
        two_factor.disable(user=request.user, request=request)
        messages.success(request, _("La double authentification est désactivée."))
        return redirect("people:account")

    return _with_code(request, disable)


# --- coordinators ---------------------------------------------------------------------


@never_cache
@access.require(access.may_reset_two_factor)
def two_factor_staff(request):
    """Who among staff uses a second factor; remove it for someone who lost their phone."""
    staff = (
        User.objects.filter(role__in=access.STAFF_ROLES, is_active=True)
        .annotate(has_device=Exists(TwoFactorDevice.objects.filter(user=OuterRef("pk"))))
        .order_by("role", "last_name", "first_name")
    )
    return render(request, "people/two_factor_staff.html", {"staff": staff})


@require_POST
def two_factor_reset(request, pk):
    member = access.get_staff_member_for_two_factor_reset(request.user, pk)
    two_factor.reset(actor=request.user, user=member, request=request)
    messages.success(
        request,
        _(
            "La double authentification de %(name)s est retirée : cette personne se connecte "
            "avec son mot de passe, puis installe l'application sur son nouveau téléphone."
        )
        % {"name": member.display_name},
    )
    return redirect("people:two_factor_staff")

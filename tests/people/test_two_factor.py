"""Two-factor sign-in for staff: codes computed by pyotp from the stored secret, as an
authenticator app would."""

import time

import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.people import two_factor
from parcours.people.models import RecoveryCode, TwoFactorDevice, User
from tests.people.factories import PASSWORD, UserFactory

LOGIN = reverse("people:login")
CODE = reverse("people:login_code")
HOME = reverse("people:home")
SETUP = reverse("people:two_factor_setup")


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN, {"email": user.email, "password": password, **extra})


def app_code(user, offset=0, at=None):
    """The code the person's app shows now (offset: steps of 30 s before or after)."""
    secret = TwoFactorDevice.objects.get(user=user).secret
    return pyotp.TOTP(secret).at(at or timezone.now(), counter_offset=offset)


def wrong_code(user):
    """A 6-digit code that is none of the three accepted now."""
    accepted = {app_code(user, offset) for offset in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1000)) if c not in accepted)


def is_signed_in(client):
    return client.get(HOME).status_code == 200


@pytest.fixture
def trainer_with_app(site):
    return UserFactory(trainer=True, sites=[site], email="ines@example.org", two_factor=True)


@pytest.fixture
def coordinator_without_app(db):
    return UserFactory(coordinator=True, email="nathalie@example.org", two_factor=False)


def set_up_app(client, user):
    """Go through the set-up page as the person would; returns the recovery codes."""
    client.force_login(user)
    client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    codes = client.get(reverse("people:recovery_codes")).context["codes"]
    client.logout()
    return codes


# --- the second step of the sign-in -------------------------------------------------


def test_a_right_password_is_not_enough_when_the_person_has_an_app(client, trainer_with_app):
    response = sign_in(client, trainer_with_app)
    assert response.status_code == 302
    assert response.url == CODE
    assert not is_signed_in(client)
    page = client.get(CODE)
    assert "Code de votre application" in page.text


def test_the_code_of_the_app_ends_the_sign_in(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    response = client.post(CODE, {"code": app_code(trainer_with_app)})
    assert response.status_code == 302
    assert response.url == HOME
    assert is_signed_in(client)
    assert two_factor.PENDING_KEY not in client.session


def test_the_code_may_be_typed_with_a_space_as_apps_show_it(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    code = app_code(trainer_with_app)
    client.post(CODE, {"code": f"{code[:3]} {code[3:]}"})
    assert is_signed_in(client)


def test_the_page_asked_for_is_reached_after_the_code(client, trainer_with_app):
    target = reverse("people:trainee_list")
    sign_in(client, trainer_with_app, next=target)
    response = client.post(CODE, {"code": app_code(trainer_with_app)})
    assert response.url == target


def test_a_wrong_code_is_refused_and_the_person_stays_signed_out(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    response = client.post(CODE, {"code": wrong_code(trainer_with_app)})
    assert response.status_code == 200
    assert "Ce code n&#x27;est pas bon" in response.text
    assert not is_signed_in(client)


def test_garbage_gets_a_clear_message_and_keeps_what_was_typed(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    response = client.post(CODE, {"code": "12ab"})
    assert "Tapez les 6 chiffres" in response.text
    assert 'value="12ab"' in response.text


def test_a_code_is_never_accepted_twice(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    code = app_code(trainer_with_app)
    client.post(CODE, {"code": code})
    assert is_signed_in(client)
    client.post(reverse("people:logout"))
    sign_in(client, trainer_with_app)
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_the_steps_next_to_the_current_one_are_accepted_and_no_others(trainer_with_app):
    now = timezone.now()

    def accepted(offset):
        return two_factor.verify(trainer_with_app, app_code(trainer_with_app, offset, now), now=now)

    assert accepted(-2) is None
    assert accepted(-1) == two_factor.Method.APP
    assert accepted(0) == two_factor.Method.APP
    assert accepted(1) == two_factor.Method.APP
    assert accepted(2) is None


def test_an_older_code_is_refused_once_a_newer_one_was_used(trainer_with_app):
    now = timezone.now()
    newer, older = app_code(trainer_with_app, 1, now), app_code(trainer_with_app, 0, now)
    assert two_factor.verify(trainer_with_app, newer, now=now) == two_factor.Method.APP
    assert two_factor.verify(trainer_with_app, older, now=now) is None


def test_wrong_codes_count_toward_the_account_lockout(client, trainer_with_app, settings):
    sign_in(client, trainer_with_app)
    bad = wrong_code(trainer_with_app)
    for _ in range(settings.LOGIN_PAUSE_AFTER):
        client.post(CODE, {"code": bad})
    trainer_with_app.refresh_from_db()
    assert trainer_with_app.is_paused()
    # Paused: even the right code waits.
    response = client.post(CODE, {"code": app_code(trainer_with_app)})
    assert "Trop d&#x27;essais pour ce compte" in response.text
    assert not is_signed_in(client)


def test_a_right_password_does_not_clear_the_failures_before_the_code(client, trainer_with_app):
    sign_in(client, trainer_with_app, password="pas le bon mot de passe")
    sign_in(client, trainer_with_app, password="pas le bon non plus")
    sign_in(client, trainer_with_app)
    trainer_with_app.refresh_from_db()
    assert trainer_with_app.failed_logins == 2
    client.post(CODE, {"code": wrong_code(trainer_with_app)})
    trainer_with_app.refresh_from_db()
    assert trainer_with_app.failed_logins == 3
    client.post(CODE, {"code": app_code(trainer_with_app)})
    trainer_with_app.refresh_from_db()
    assert trainer_with_app.failed_logins == 0


def test_the_wait_for_the_code_ends_after_a_few_minutes(client, trainer_with_app):
    sign_in(client, trainer_with_app)
    session = client.session
    session[two_factor.PENDING_KEY]["since"] = int(time.time()) - two_factor.PENDING_SECONDS - 1
    session.save()
    response = client.post(CODE, {"code": app_code(trainer_with_app)})
    assert response.url == LOGIN
    assert not is_signed_in(client)


def test_without_a_password_first_the_code_page_sends_to_sign_in(client):
    assert client.get(CODE).url == LOGIN


def test_staff_without_an_app_sign_in_with_their_password_alone(client, trainer):
    response = sign_in(client, trainer)
    assert response.url == HOME
    assert is_signed_in(client)


# --- recovery codes -----------------------------------------------------------------------


def test_a_recovery_code_replaces_the_app_once(client, trainer):
    codes = set_up_app(client, trainer)
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    sign_in(client, trainer)
    response = client.post(CODE, {"code": codes[0]})
    assert response.url == HOME
    assert is_signed_in(client)
    entry = Entry.objects.get(action=Entry.Action.RECOVERY_CODE_USED)
    assert entry.actor == trainer
    client.post(reverse("people:logout"))
    sign_in(client, trainer)
    client.post(CODE, {"code": codes[0]})
    assert not is_signed_in(client)
    # Typed in capitals, without dashes: the same code.
    client.post(CODE, {"code": codes[1].upper().replace("-", "")})
    assert is_signed_in(client)
    assert two_factor.recovery_codes_left(trainer) == two_factor.RECOVERY_CODE_COUNT - 2


def test_recovery_codes_are_stored_hashed(client, trainer):
    codes = set_up_app(client, trainer)
    stored = set(RecoveryCode.objects.filter(user=trainer).values_list("code_hash", flat=True))
    assert codes[0] not in str(stored)
    assert RecoveryCode.hash_code(two_factor.normalise_recovery_code(codes[0])) in stored


def test_recovery_codes_are_shown_only_once(client, trainer):
    client.force_login(trainer)
    client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert client.get(reverse("people:recovery_codes")).status_code == 200
    assert client.get(reverse("people:recovery_codes")).url == reverse("people:account")


def test_new_recovery_codes_need_a_code_and_replace_the_old_ones(client, trainer):
    old = set_up_app(client, trainer)
    client.force_login(trainer)
    renew = reverse("people:recovery_codes_renew")
    response = client.post(renew, {"code": wrong_code(trainer)})
    assert response.status_code == 200
    assert RecoveryCode.objects.filter(user=trainer, used_at__isnull=True).count() == 10
    assert two_factor.verify(trainer, old[0]) == two_factor.Method.RECOVERY
    # The step after the one that confirmed the app (that one is spent).
    response = client.post(renew, {"code": app_code(trainer, offset=1)})
    assert response.url == reverse("people:recovery_codes")
    new = client.get(response.url).context["codes"]
    assert set(new).isdisjoint(old)
    assert two_factor.verify(trainer, old[1]) is None
    assert two_factor.verify(trainer, new[0]) == two_factor.Method.RECOVERY


# --- setting up the app ----------------------------------------------------------------------


def test_the_set_up_page_shows_a_qr_code_and_the_secret_in_text(client, trainer):
    client.force_login(trainer)
    page = client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    assert "<svg" in page.text
    assert two_factor.grouped(secret) in page.text
    # A reload shows the same secret: the person may already have scanned it.
    client.get(SETUP)
    assert client.session[two_factor.SETUP_KEY] == secret
    assert not TwoFactorDevice.objects.filter(user=trainer).exists()


def test_a_wrong_first_code_stores_nothing(client, trainer):
    client.force_login(trainer)
    client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    accepted = {pyotp.TOTP(secret).at(timezone.now(), counter_offset=o) for o in (-1, 0, 1)}
    bad = next(c for c in ("000000", "111111", "222222") if c not in accepted)
    response = client.post(SETUP, {"code": bad})
    assert response.status_code == 200
    assert "Ce code ne correspond pas" in response.text
    assert not TwoFactorDevice.objects.filter(user=trainer).exists()


def test_the_first_code_stores_the_app_and_is_journalled(client, trainer):
    client.force_login(trainer)
    client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    code = pyotp.TOTP(secret).now()
    client.post(SETUP, {"code": code})
    device = TwoFactorDevice.objects.get(user=trainer)
    assert device.secret == secret
    assert Entry.objects.filter(action=Entry.Action.TWO_FACTOR_ENABLED, actor=trainer).exists()
    # The code that confirmed the app cannot sign in afterwards.
    assert two_factor.verify(trainer, code) is None


def test_the_provisioning_address_names_the_programme_and_the_person(trainer, settings):
    settings.PROGRAMME_NAME = "Parcours"
    secret = two_factor.new_secret()
    uri = two_factor.provisioning_uri(trainer, secret)
    assert uri.startswith("otpauth://totp/Parcours:")
    assert f"secret={secret}" in uri
    assert "issuer=Parcours" in uri


def test_a_new_phone_replaces_the_old_app(client, trainer_with_app):
    old_code = app_code(trainer_with_app)
    client.force_login(trainer_with_app)
    client.get(SETUP)
    secret = client.session[two_factor.SETUP_KEY]
    client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert TwoFactorDevice.objects.get(user=trainer_with_app).secret == secret
    assert two_factor.verify(trainer_with_app, old_code) is None


def test_staff_turn_their_app_off_with_a_code(client, trainer_with_app):
    client.force_login(trainer_with_app)
    disable = reverse("people:two_factor_disable")
    client.post(disable, {"code": wrong_code(trainer_with_app)})
    assert TwoFactorDevice.objects.filter(user=trainer_with_app).exists()
    response = client.post(disable, {"code": app_code(trainer_with_app)})
    assert response.url == reverse("people:account")
    assert not TwoFactorDevice.objects.filter(user=trainer_with_app).exists()
    assert Entry.objects.filter(action=Entry.Action.TWO_FACTOR_DISABLED).exists()


def test_coordinators_cannot_turn_theirs_off_while_it_is_required(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("people:two_factor_disable"), {"code": app_code(coordinator)})
    assert response.status_code == 404
    assert TwoFactorDevice.objects.filter(user=coordinator).exists()


def test_trainees_have_no_account_page(client, trainee):
    client.force_login(trainee.user)
    assert client.get(reverse("people:account")).status_code == 404
    assert client.get(SETUP).status_code == 404


# --- coordinators must have an app ----------------------------------------------------------------


def test_a_coordinator_without_an_app_is_sent_to_set_it_up_after_signing_in(
    client, coordinator_without_app
):
    response = sign_in(client, coordinator_without_app)
    assert response.url == HOME
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Faccueil%2F"
    assert client.get(SETUP).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["people:trainee_list", "audit:journal", "people:account", "notifications:inbox"]
)
def test_a_coordinator_without_an_app_can_use_nothing_else(
    client, coordinator_without_app, url_name
):
    client.force_login(coordinator_without_app)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_htmx_requests_of_a_coordinator_without_an_app_load_the_set_up_page(
    client, coordinator_without_app
):
    client.force_login(coordinator_without_app)
    response = client.post(reverse("people:trainee_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == SETUP


def test_a_coordinator_without_an_app_may_still_sign_out(client, coordinator_without_app):
    client.force_login(coordinator_without_app)
    response = client.post(reverse("people:logout"))
    assert response.url == reverse("public_home")


def test_once_set_up_the_coordinator_reaches_the_page_they_asked_for(
    client, coordinator_without_app
):
    client.force_login(coordinator_without_app)
    target = reverse("people:trainee_list")
    client.get(SETUP, {"next": target})
    secret = client.session[two_factor.SETUP_KEY]
    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now(), "next": target})
    codes_page = client.get(response.url)
    assert f'href="{target}"' in codes_page.text
    assert client.get(target).status_code == 200


def test_the_requirement_can_be_turned_off(client, coordinator_without_app, settings):
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    client.force_login(coordinator_without_app)
    assert client.get(HOME).status_code == 200


def test_trainers_and_social_workers_are_not_forced(client, trainer, social_worker):
    for person in (trainer, social_worker):
        client.force_login(person)
        assert client.get(HOME).status_code == 200


# --- a coordinator resets someone's second factor ------------------------------------------


def test_a_coordinator_removes_the_app_of_someone_who_lost_their_phone(
    client, coordinator, trainer_with_app
):
    client.force_login(coordinator)
    page = client.get(reverse("people:two_factor_staff"))
    assert trainer_with_app in [m for m in page.context["staff"] if m.has_device]
    response = client.post(reverse("people:two_factor_reset", args=[trainer_with_app.pk]))
    assert response.url == reverse("people:two_factor_staff")
    assert not TwoFactorDevice.objects.filter(user=trainer_with_app).exists()
    assert not RecoveryCode.objects.filter(user=trainer_with_app).exists()
    entry = Entry.objects.get(action=Entry.Action.TWO_FACTOR_RESET)
    assert entry.actor == coordinator
    assert entry.object_id == str(trainer_with_app.pk)
    client.post(reverse("people:logout"))
    # The password alone signs them in again.
    assert sign_in(client, trainer_with_app).url == HOME


def test_only_coordinators_reset_and_never_their_own_nor_a_trainee(
    client, coordinator, social_worker, trainer_with_app, trainee
):
    client.force_login(social_worker)
    url = reverse("people:two_factor_reset", args=[trainer_with_app.pk])
    assert client.post(url).status_code == 404
    client.force_login(coordinator)
    assert client.post(reverse("people:two_factor_reset", args=[coordinator.pk])).status_code == 404
    assert (
        client.post(reverse("people:two_factor_reset", args=[trainee.user.pk])).status_code == 404
    )
    assert TwoFactorDevice.objects.filter(user=trainer_with_app).exists()


def test_a_coordinator_whose_app_was_reset_must_set_up_a_new_one(client, coordinator):
    other = UserFactory(coordinator=True, email="seconde@example.org")
    client.force_login(coordinator)
    client.post(reverse("people:two_factor_reset", args=[other.pk]))
    client.post(reverse("people:logout"))
    sign_in(client, other)
    assert client.get(HOME).url.startswith(SETUP)


def test_the_demo_coordinator_signs_in_with_the_readme_password(db, client, settings):
    """The demo's own server runs with the requirement off (parcours demo)."""
    from django.core.management import call_command

    from parcours.core.demo import DEMO_PASSWORD

    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    call_command("demo_data", verbosity=0)
    demo_coordinator = User.objects.get(email="coordination@example.org")
    assert sign_in(client, demo_coordinator, DEMO_PASSWORD).url == HOME
    assert client.get(HOME).status_code == 200

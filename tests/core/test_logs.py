"""Logs carry no secrets and no personal data: sign-ins, wrong PINs and referrals with
recognisable values, then a search of everything logged."""

import logging

from django.urls import reverse

SECRETS = ["975319", "246810", "un mot de passe solide", "Belkacem", "0612345678", "+33612345678"]


def test_sign_ins_and_referrals_log_no_secret(
    client,
    caplog,
    trainee,
    coordinator,
    social_worker,
    run_tasks,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    for pin in ("975319", "246810"):
        client.post(reverse("people:trainee_login"), {"username": "amina", "pin": pin})
    client.post(reverse("people:logout"))
    client.post(
        reverse("people:login"), {"email": "coord@example.org", "password": "wrong password here"}
    )
    client.post(
        reverse("people:login"),
        {"email": "coord@example.org", "password": "un mot de passe solide"},
    )
    client.force_login(social_worker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("referrals:create"),
            {
                "first_name": "Samira",
                "last_name": "Belkacem",
                "phone": "06 12 34 56 78",
                "reading_level": "little",
                "needs_digital": ["email"],
                "consent": "on",
                "consent_method": "oral",
            },
        )
    from parcours.referrals.models import Referral

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("referrals:decline", args=[Referral.objects.get().pk]), {"reason": "Complet"}
        )
    run_tasks()
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert caplog.records, "nothing was logged: the test would prove nothing"
    for secret in SECRETS:
        assert secret not in logged, secret
    session_keys = [value for value in client.cookies.values() if value.key == "sessionid"]
    for cookie in session_keys:
        assert cookie.value not in logged

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings


@pytest.mark.parametrize("password", ["court-123", "motdepasse123", "azertyuiop123"])
def test_short_or_common_staff_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_passphrase_is_accepted():
    validate_password("trois chevaux bleus au marché")


@override_settings(
    PASSWORD_HASHERS=[
        "parcours.people.hashers.ParcoursArgon2Hasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_secrets_are_hashed_with_argon2id_sized_for_a_class_signing_in_at_once():
    encoded = make_password("246810")
    assert encoded.startswith("argon2$argon2id$")
    assert "m=19456,t=2,p=1" in encoded

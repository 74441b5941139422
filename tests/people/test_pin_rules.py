import pytest

from parcours.people.models import generate_pin, is_trivial_pin


@pytest.mark.parametrize(
    "pin",
    ["123456", "654321", "000000", "999999", "345678", "987654", "121212", "123123", "890123"],
)
def test_trivial_pins_are_refused(pin):
    assert is_trivial_pin(pin)


@pytest.mark.parametrize("pin", ["246810", "135791", "402917", "830561"])
def test_ordinary_pins_are_accepted(pin):
    assert not is_trivial_pin(pin)


def test_generated_pins_have_six_digits_and_are_never_trivial():
    pins = [generate_pin() for _ in range(500)]
    assert all(len(pin) == 6 and pin.isdigit() and not is_trivial_pin(pin) for pin in pins)
    assert len(set(pins)) > 400

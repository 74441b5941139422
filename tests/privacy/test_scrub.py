"""Finding the person in free texts: however their phone is written, whatever the case of
their name, in JSON too; never in another person's identity."""

import pytest

from parcours.courses.models import Attendance, Lesson
from parcours.privacy.erasure import needles_for
from parcours.privacy.scrub import REDACTED, Needles, sweep
from tests.people.factories import TraineeFactory

LABEL = "Personne anonymisée"


@pytest.fixture
def needles():
    return Needles(
        names=["Amina Rakoto", "Rakoto Amina"],
        last_names=["Rakoto"],
        phones=["+33612345678"],
        emails=["amina.rakoto@example.org"],
        label=LABEL,
    )


@pytest.mark.parametrize(
    "written",
    ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "0033612345678"],
)
def test_a_phone_number_is_found_however_it_is_written(needles, written):
    assert needles.replace(f"Appeler le {written} demain") == f"Appeler le {REDACTED} demain"


def test_a_longer_number_containing_the_digits_is_left_alone(needles):
    assert needles.replace("Dossier 106123456789") == "Dossier 106123456789"


def test_names_are_replaced_whole_and_in_any_case(needles):
    assert needles.replace("Mme RAKOTO et amina rakoto") == f"Mme {LABEL} et {LABEL}"
    # Another name that merely starts the same stays.
    assert needles.replace("M. Rakotomalala") == "M. Rakotomalala"


def test_the_address_goes_too(needles):
    assert needles.replace("Écrire à Amina.Rakoto@example.org") == f"Écrire à {REDACTED}"


def test_json_values_and_keys_are_walked(needles):
    value = {"sessions": [{"note": "Avec Amina Rakoto", "n": 3}], "Rakoto": None}
    assert needles.replace_in_json(value) == {
        "sessions": [{"note": f"Avec {LABEL}", "n": 3}],
        LABEL: None,
    }


def test_a_two_letter_last_name_is_only_replaced_with_the_first_name():
    needles = Needles(names=["Awa Ba"], last_names=["Ba"], label=LABEL)
    assert needles.replace("Awa Ba a fini ; Ba est parti ; une baie") == (
        f"{LABEL} a fini ; Ba est parti ; une baie"
    )


@pytest.mark.django_db
def test_the_sweep_spares_another_person_with_the_same_name_and_phone(trainee, course):
    sister = TraineeFactory(first_name="Hery", last_name="Rakoto", phone="+33612345678")
    trainee.phone = "+33612345678"
    trainee.save()
    lesson = Lesson.objects.create(course=course, date="2026-01-06", start_time="14:00")
    note = Attendance.objects.create(
        lesson=lesson, trainee=sister, status="present", note="Sa sœur Amina Rakoto l'aide."
    )
    sweep(needles_for(trainee))
    sister.refresh_from_db()
    note.refresh_from_db()
    assert (sister.last_name, sister.phone) == ("Rakoto", "+33612345678")
    assert note.note == f"Sa sœur {LABEL} l'aide."


@pytest.mark.django_db
def test_the_sweep_leaves_the_names_of_things_alone(trainee, course, organisation, site):
    """A last name may be a word of a place, an organisation or a course."""
    organisation.name = "Fondation Rakoto"
    organisation.save()
    site.name = "Maison Rakoto"
    site.save()
    course.title = "Atelier Rakoto"
    course.save()
    sweep(needles_for(trainee))
    organisation.refresh_from_db()
    site.refresh_from_db()
    course.refresh_from_db()
    assert (organisation.name, site.name, course.title) == (
        "Fondation Rakoto",
        "Maison Rakoto",
        "Atelier Rakoto",
    )

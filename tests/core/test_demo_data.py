from django.core.management import call_command

from parcours.access import trainees_for
from parcours.people.models import Organisation, Site, Trainee, User


def test_demo_data_loads_once_and_keeps_existing_data(db):
    call_command("demo_data")
    counts = (User.objects.count(), Trainee.objects.count())
    amina = User.objects.get(username="amina")
    amina.trainee.housing_facility = "changed by the user"
    amina.trainee.save()
    call_command("demo_data")
    assert (User.objects.count(), Trainee.objects.count()) == counts
    amina.trainee.refresh_from_db()
    assert amina.trainee.housing_facility == "changed by the user"


def test_demo_accounts_match_the_readme(db):
    call_command("demo_data")
    assert Site.objects.count() == 2 and Organisation.objects.count() == 2
    assert Trainee.objects.count() >= 12
    for email in [
        "coordination@example.org",
        "formatrice@example.org",
        "referente@example.org",
        "referent2@example.org",
    ]:
        assert User.objects.get(email=email).check_password("parcours-demo")
    assert User.objects.get(username="amina").check_password("246810")
    assert User.objects.get(username="karim").check_password("135791")


def test_demo_social_workers_see_only_their_own_trainee_among_the_two(db):
    call_command("demo_data")
    referente = User.objects.get(email="referente@example.org")
    referent2 = User.objects.get(email="referent2@example.org")
    assert trainees_for(referente).filter(first_name="Amina").exists()
    assert not trainees_for(referente).filter(first_name="Karim").exists()
    assert trainees_for(referent2).filter(first_name="Karim").exists()
    assert not trainees_for(referent2).filter(first_name="Amina").exists()
    README = open("README.md").read()
    for user in (referente, referent2):
        assert user.email in README

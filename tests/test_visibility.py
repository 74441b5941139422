"""No page shows a person to someone who may not see them."""

import pytest
from django.urls import reverse

from tests.conftest import OTHER_PIN, PIN

PAGES = ["people:home", "people:trainee_list"]


@pytest.mark.parametrize("page_name", PAGES)
def test_social_worker_a_never_sees_karim(client, page_name, social_worker, trainee, other_trainee):
    client.force_login(social_worker)
    response = client.get(reverse(page_name))
    assert "Karim" not in response.text and "Haddad" not in response.text


@pytest.mark.parametrize("page_name", PAGES)
def test_social_worker_b_never_sees_amina(
    client, page_name, other_social_worker, trainee, other_trainee
):
    client.force_login(other_social_worker)
    response = client.get(reverse(page_name))
    assert "Amina" not in response.text and "Rakoto" not in response.text


def test_trainees_never_see_each_other(client, trainee, other_trainee):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    assert "Karim" not in client.get(reverse("people:home")).text
    client.post(reverse("people:logout"))
    client.post(reverse("people:trainee_login"), {"username": "karim", "pin": OTHER_PIN})
    assert "Amina" not in client.get(reverse("people:home")).text


def test_search_stays_within_what_the_user_may_see(client, social_worker, trainee, other_trainee):
    client.force_login(social_worker)
    response = client.get(reverse("people:trainee_list"), {"q": "Karim"})
    assert "Haddad" not in response.text

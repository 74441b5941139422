"""Naming an organisation's contact person with a value that names no one.

Found by the web vulnerability scan (.ci/run): a non-numeric `member` was a server error.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse


@pytest.mark.parametrize(
    "value", ["http://127.0.0.1:9//e.php", "id", "", "1 OR 1=1", "²", "9" * 30]
)
def test_a_member_that_is_no_number_is_refused_with_a_message(
    client, coordinator, social_worker, organisation, value
):
    social_worker.is_organisation_contact = True
    social_worker.save(update_fields=["is_organisation_contact"])
    client.force_login(coordinator)
    response = client.post(
        reverse("people:organisation_contact", args=[organisation.pk]), {"member": value}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choisissez un·e référent·e de la structure."
    ]
    social_worker.refresh_from_db()
    assert social_worker.is_organisation_contact  # unchanged


def test_a_social_worker_of_another_organisation_cannot_be_named(
    client, coordinator, social_worker, other_social_worker, organisation
):
    client.force_login(coordinator)
    client.post(
        reverse("people:organisation_contact", args=[organisation.pk]),
        {"member": other_social_worker.pk},
    )
    other_social_worker.refresh_from_db()
    assert not other_social_worker.is_organisation_contact

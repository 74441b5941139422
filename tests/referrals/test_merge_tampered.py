"""Merging a referral into a trainee named by a value that is no id.

Found by the web vulnerability scan (.ci/run): such a value was a server error.
"""

import pytest
from django.urls import reverse

from parcours.referrals.models import Referral
from tests.referrals.factories import ReferralFactory


@pytest.mark.parametrize("value", ["wleoqevcq1", "²", "", "9" * 30])
def test_a_trainee_that_is_no_id_is_a_404_and_nothing_is_merged(
    client, coordinator, trainee, other_social_worker, value
):
    duplicate = ReferralFactory(
        referrer=other_social_worker, first_name="Amina", last_name="Rakoto", birth_year=None
    )
    client.force_login(coordinator)
    response = client.post(reverse("referrals:merge", args=[duplicate.pk]), {"trainee": value})
    assert response.status_code == 404
    duplicate.refresh_from_db()
    assert duplicate.status != Referral.Status.MERGED

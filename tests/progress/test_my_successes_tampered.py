"""A trainee's choice to show a success, for a goal named by a value that is no id.

Found while fixing what the web vulnerability scan (.ci/run) found in other views: the
same kind of value was a server error.
"""

import pytest
from django.urls import reverse

from tests.conftest import PIN


@pytest.mark.parametrize("value", ["abc", "²", "9" * 30])
def test_a_goal_that_is_no_id_is_a_404_and_nothing_goes_public(client, trainee, goal, value):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    response = client.post(reverse("progress:my_successes"), {"goal": value, "public": "yes"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert not goal.public

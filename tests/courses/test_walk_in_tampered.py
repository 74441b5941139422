"""A walk-in named by a value that is no id.

Found by the web vulnerability scan (.ci/run): such a value was a server error.
"""

import pytest
from django.urls import reverse

from parcours.courses.models import Attendance


@pytest.mark.parametrize("value", ["w19wx551ep", "²", "", "9" * 30])
def test_a_walk_in_that_is_no_id_is_a_404_and_nothing_is_recorded(client, trainer, lesson, value):
    client.force_login(trainer)
    response = client.post(reverse("courses:lesson_walk_in", args=[lesson.pk]), {"trainee": value})
    assert response.status_code == 404
    assert not Attendance.objects.filter(walk_in=True).exists()

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from parcours.courses.models import Attendance, Lesson
from parcours.progress.exports import COOP_COLUMNS, allowed_values


def test_the_coop_csv_uses_only_the_coop_vocabulary(
    client, coordinator, course, trainee, other_trainee
):
    trainee.birth_year = 1985
    trainee.save()
    today = timezone.localdate()
    for days, who, status, skills in [
        (3, trainee, "present", ["talk.email", "files.store"]),
        (10, trainee, "late", []),
        (10, other_trainee, "absent", ["web.search"]),
        (17, other_trainee, "present", ["procedures.admin", "safety.scams"]),
    ]:
        lesson, _ = Lesson.objects.get_or_create(
            course=course, date=today - datetime.timedelta(days=days), start_time=course.start_time
        )
        Attendance.objects.create(lesson=lesson, trainee=who, status=status, skills=skills)
    client.force_login(coordinator)
    start = (today - datetime.timedelta(days=30)).isoformat()
    response = client.get(reverse("progress:coop_export"), {"du": start, "au": today.isoformat()})
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert list(rows[0].keys()) == COOP_COLUMNS
    assert len(rows) == 3  # attended sessions only
    allowed = allowed_values()
    for row in rows:
        for column, values in allowed.items():
            for value in row[column].split("|"):
                assert value in values, (column, value)
        assert int(row["duree"]) == 60
    assert {"email", "gere_ses_contenus_numeriques"} <= set(rows[-1]["thematiques"].split("|"))
    assert rows[-1]["tranche_age"] == "quarante_cinquante_neuf"

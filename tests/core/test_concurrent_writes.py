"""Twenty trainers' phones taking attendance at the same moment on the default SQLite
database: every write lands, none answers an error, and the server's log never says
"database is locked" (WAL, busy timeout and IMMEDIATE transactions; see settings).

A real gunicorn with several workers and twenty client threads, each with its own
session, writing attendance for the same lessons.
"""

import sqlite3
import threading

import pytest

from tests.realserver import Server, csrf_token, free_port, parcours, server_env, sign_in_staff

pytestmark = pytest.mark.crash  # a real server: deselect with -m "not crash"

WRITERS = 20
LESSONS = 6
PASSWORD = "concurrent-writers-42"

SETUP = f"""
import datetime
from parcours.courses.models import Course, Enrolment, Lesson
from parcours.people.models import Site, Trainee, User
from parcours.rooms.models import Room
site = Site.objects.create(name="Foyer")
room = Room.objects.create(site=site, name="Salle")
trainer = User.objects.create_staff("formatrice@example.org", "{PASSWORD}", role="trainer")
trainer.sites.add(site)
from django.conf import settings
from parcours.volunteers.models import CharterAcceptance
CharterAcceptance.objects.create(user=trainer, version=settings.CHARTER_VERSION)
today = datetime.date.today()
course = Course.objects.create(title="Atelier", room=room, weekday=today.weekday(),
    start_time=datetime.time(10), capacity={WRITERS}, first_date=today - datetime.timedelta(weeks=8))
course.trainers.add(trainer)
for n in range({WRITERS}):
    user = User.objects.create_user(f"stagiaire{{n}}", role="trainee")
    trainee = Trainee.objects.create(user=user, first_name=f"P{{n}}", last_name="X", site=site)
    Enrolment.objects.create(course=course, trainee=trainee, start_date=course.first_date)
for week in range({LESSONS}):
    Lesson.objects.create(course=course, date=today - datetime.timedelta(weeks=week),
        start_time=datetime.time(10))
"""


def test_twenty_concurrent_attendance_writers_on_sqlite(tmp_path):
    requests = pytest.importorskip("requests")
    data = tmp_path / "data"
    data.mkdir()
    env = server_env(data)
    assert parcours(env, "migrate", "--noinput", "-v0").returncode == 0
    created = parcours(env, "shell", "-c", SETUP)
    assert created.returncode == 0, created.stderr
    with sqlite3.connect(data / "parcours.sqlite3") as db:
        lessons = [row[0] for row in db.execute("SELECT id FROM courses_lesson ORDER BY id")]
        trainees = [row[0] for row in db.execute("SELECT id FROM people_trainee ORDER BY id")]

    log = tmp_path / "server.log"
    statuses, errors, locations = [], [], []
    barrier = threading.Barrier(WRITERS)

    def writer(n, base):
        try:
            session = requests.Session()
            sign_in_staff(session, base, "formatrice@example.org", PASSWORD)
            token = csrf_token(session, f"{base}/seances/{lessons[0]}/")
            barrier.wait(timeout=120)
            # Each writer marks its own trainee in every lesson, and everyone's
            # trainee in its "own" lesson: rows written by several writers at once.
            targets = [(lesson, trainees[n]) for lesson in lessons]
            targets += [(lessons[n % LESSONS], t) for t in trainees[:5]]
            for lesson, trainee in targets:
                response = session.post(
                    f"{base}/seances/{lesson}/presence/{trainee}/",
                    data={"status": "present", "csrfmiddlewaretoken": token},
                    headers={"Referer": f"{base}/seances/{lesson}/"},
                    allow_redirects=False,
                    timeout=60,
                )
                statuses.append(response.status_code)
                locations.append(response.headers.get("Location"))
        except Exception as error:  # reported below, with the others
            errors.append(repr(error))

    with Server(env, free_port(), workers=4, log_path=log) as server:
        threads = [threading.Thread(target=writer, args=(n, server.base)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)

    assert errors == []
    assert len(statuses) == WRITERS * (LESSONS + 5)
    assert set(statuses) == {302}, sorted(set(statuses))
    assert all("#trainee-" in location for location in locations), set(locations)
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log
    with sqlite3.connect(data / "parcours.sqlite3") as db:
        rows = db.execute("SELECT lesson_id, trainee_id FROM courses_attendance").fetchall()
    expected = {(lesson, trainees[n]) for n in range(WRITERS) for lesson in lessons}
    expected |= {(lessons[n % LESSONS], t) for n in range(WRITERS) for t in trainees[:5]}
    assert set(rows) == expected and len(rows) == len(expected)

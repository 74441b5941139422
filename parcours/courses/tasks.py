import datetime

from django.tasks import task
from django.utils import timezone

from parcours.courses import schedule


@task
def generate_lessons():
    """Keep eight weeks of lessons ahead of every running course."""
    return schedule.generate_all()


@task
def send_reminders():
    """The day before each lesson, remind each enrolled trainee (once per lesson)."""
    from parcours.courses.actions import send_lesson_reminders

    # No SMS at night: reminders leave between 10:00 and 20:00, local time.
    if not 10 <= timezone.localtime().hour < 20:
        return 0
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return send_lesson_reminders(day=tomorrow)

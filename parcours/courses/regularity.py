"""Regularity, the programme's first-class data: rate, attended in a row, absences in a row.

Computed for a whole roster from one query, so a page costs the same whatever the
number of trainees.
"""

from collections import defaultdict
from dataclasses import dataclass

from parcours.courses.models import Attendance

CAME = {Attendance.Status.PRESENT, Attendance.Status.LATE}


@dataclass
class Regularity:
    recorded: int = 0
    came: int = 0
    attended_in_a_row: int = 0
    absences_in_a_row: int = 0

    @property
    def rate(self):
        """Share of recorded lessons attended, in percent (None before any record)."""
        return round(100 * self.came / self.recorded) if self.recorded else None


def regularity_by_trainee(course, trainee_ids, *, until=None):
    statuses = defaultdict(list)
    attendances = Attendance.objects.filter(
        lesson__course=course, trainee_id__in=list(trainee_ids), lesson__cancelled=False
    )
    if until is not None:
        attendances = attendances.filter(lesson__date__lte=until)
    rows = attendances.order_by("lesson__date", "lesson__start_time").values_list(
        "trainee_id", "status"
    )
    for trainee_id, status in rows:
        statuses[trainee_id].append(status)
    return {trainee_id: summarise(statuses.get(trainee_id, [])) for trainee_id in trainee_ids}


def summarise(statuses):
    result = Regularity(recorded=len(statuses), came=sum(status in CAME for status in statuses))
    for status in reversed(statuses):
        if status in CAME:
            result.attended_in_a_row += 1
        else:
            break
    for status in reversed(statuses):
        if status == Attendance.Status.ABSENT:
            result.absences_in_a_row += 1
        else:
            break
    return result

"""Report contents for `parcours seed` (parcours/core/seed.py): what sending a report
freezes into each entry, computed from the attendance, goals and diagnostic answers the
generator made for one trainee, without reading them back from the database.

The figures must be those of parcours/reports/content.py (tests/core/test_seed.py
compares them entry by entry): same sessions and order, same regularity, same skills
moved, same goals.
"""

import bisect
import datetime

from parcours.courses.models import Attendance
from parcours.courses.regularity import CAME, Regularity

DAY = datetime.timedelta(days=1)


class Facts:
    """One trainee's attendance, goals and answers, indexed for report periods: the
    same figures as parcours/reports/content.py computes from the database."""

    def __init__(self, person):
        self.person = person
        sessions = person.sessions
        self.dates = [s[0] for s in sessions]
        self.came = [0]
        self.absent_run = []
        run = 0
        for s in sessions:
            self.came.append(self.came[-1] + (s[3] in CAME))
            run = run + 1 if s[3] == Attendance.Status.ABSENT else 0
            self.absent_run.append(run)
        self.answers = sorted(person.answers, key=lambda a: a[0])
        self.answer_times = [a[0] for a in self.answers]

    def content(self, start, end, at):
        sessions = self.person.sessions
        first = bisect.bisect_left(self.dates, start)
        upto = bisect.bisect_right(self.dates, end)
        own = [
            {
                "date": s[0].isoformat(),
                "course": s[2],
                "status": s[3],
                "note": s[4],
                "skills": list(s[5]),
            }
            for s in sessions[first:upto]
        ]
        came = self.came[upto] - self.came[first]
        missed = sum(1 for s in own if s["status"] in {"absent", "excused"})
        worked = []
        for session in own:
            worked += [code for code in session["skills"] if code not in worked]
        overall = Regularity(recorded=upto, came=self.came[upto])
        return {
            "period": [start.isoformat(), end.isoformat()],
            "sessions": own,
            "came": came,
            "missed": missed,
            "excused": sum(1 for s in own if s["status"] == "excused"),
            "rate": round(100 * came / len(own)) if own else None,
            "overall": {
                "recorded": upto,
                "came": overall.came,
                "rate": overall.rate,
                "absences_in_a_row": self.absent_run[upto - 1] if upto else 0,
            },
            "skills_worked": worked,
            "skills_moved": self.skills_moved(start, end, at),
            "goals_reached": [
                {"fr": fr, "en": en, "reached_on": day.isoformat()}
                for day, _pk, fr, en in sorted(self.person.goals)
                if start <= day <= end
            ],
        }

    def skills_moved(self, start, end, at):
        period_start = at(start, 0)
        until = at(end + DAY, 0)
        if bisect.bisect_left(self.answer_times, period_start) == bisect.bisect_left(
            self.answer_times, until
        ):
            return []  # nothing assessed during the period
        before, during = {}, {}
        for moment, code, level in self.answers:
            if moment >= until:
                break
            (during if moment >= period_start else before)[code] = level
        return [
            {"code": code, "from": before.get(code), "to": level}
            for code, level in during.items()
            if before.get(code) != level
        ]

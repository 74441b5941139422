"""Is the room ready for class? The summary the trainer reads before a lesson:
"8 ordinateurs sur 10 en état, imprimante en panne", the checklist if overdue, and a
warning when a course has more places than working computers.

Usage (the "today" view):

    readiness = readiness_for_lessons(lessons)
    # template, per lesson:
    {% include "rooms/_readiness.html" with readiness=readiness|get_item:lesson.course.room_id %}
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.rooms.models import ChecklistPoint, ChecklistRun, Equipment, Room


@dataclass
class RoomReadiness:
    room: Room
    computers_total: int = 0
    computers_working: int = 0
    # Other items out of order: [(kind label, status, count)], e.g. printer broken.
    out_of_order: list = field(default_factory=list)
    checklist_overdue: bool = False
    last_run_at: object = None
    # [{"course": Course, "capacity": 8, "working": 7, "text": "…"}]
    capacity_warnings: list = field(default_factory=list)

    @property
    def computers_text(self):
        if not self.computers_total:
            return _("aucun ordinateur inventorié")
        return ngettext(
            "%(working)s ordinateur sur %(total)s en état",
            "%(working)s ordinateurs sur %(total)s en état",
            self.computers_working,
        ) % {"working": self.computers_working, "total": self.computers_total}

    @property
    def problems_text(self):
        parts = []
        for kind_label, status, count in self.out_of_order:
            broken = status == Equipment.Status.BROKEN
            if count == 1:
                text = _("%(kind)s en panne") if broken else _("%(kind)s en réparation")
                parts.append(text % {"kind": kind_label})
            else:
                text = (
                    _("%(n)s × %(kind)s en panne")
                    if broken
                    else _("%(n)s × %(kind)s en réparation")
                )
                parts.append(text % {"kind": kind_label, "n": count})
        return ", ".join(parts)

    @property
    def summary(self):
        """ "8 ordinateurs sur 10 en état, imprimante en panne"."""
        return ", ".join(part for part in (self.computers_text, self.problems_text) if part)

    @property
    def is_ready(self):
        return (
            self.computers_total > 0
            and self.computers_working == self.computers_total
            and not self.out_of_order
            and not self.checklist_overdue
            and not self.capacity_warnings
        )

    def __str__(self):
        return self.summary


def readiness_for_lessons(lessons):
    """{room id: RoomReadiness} for the rooms of `lessons`, in two queries (the rooms
    with their last checklist run; their items not retired), whatever their number.

    `lessons` is the list or queryset the page shows (with `course` loaded, as
    `select_related("course__room__site")` does: the queryset is evaluated once and
    its cache serves the template too). Cancelled lessons get no capacity warning.
    """
    lessons = list(lessons)
    room_ids = {lesson.course.room_id for lesson in lessons}
    if not room_ids:
        return {}
    has_points = ChecklistPoint.objects.filter(room=OuterRef("pk")).values("pk")[:1]
    last_run = ChecklistRun.objects.filter(room=OuterRef("pk")).order_by("-run_at")
    rooms = (
        Room.objects.filter(pk__in=room_ids)
        .select_related("site")
        .annotate(
            has_points=Subquery(has_points),
            last_run_at=Subquery(last_run.values("run_at")[:1]),
        )
    )
    summaries = {
        room.pk: RoomReadiness(
            room=room,
            last_run_at=room.last_run_at,
            checklist_overdue=room.checklist_is_overdue(
                room.last_run_at, has_points=room.has_points is not None
            ),
        )
        for room in rooms
    }
    out_of_order = defaultdict(lambda: defaultdict(int))
    items = (
        Equipment.objects.filter(room__in=room_ids)
        .exclude(status=Equipment.Status.RETIRED)
        .values_list("room_id", "kind", "status")
    )
    for room_id, kind, status in items:
        summary = summaries[room_id]
        if kind in Equipment.COMPUTER_KINDS:
            summary.computers_total += 1
            summary.computers_working += status == Equipment.Status.WORKING
        elif status in Equipment.OUT_OF_ORDER:
            out_of_order[room_id][(kind, status)] += 1
    for room_id, counts in out_of_order.items():
        summaries[room_id].out_of_order = [
            (Equipment.Kind(kind).label, status, count)
            for (kind, status), count in sorted(counts.items())
        ]
    warned = set()
    for lesson in lessons:
        summary = summaries[lesson.course.room_id]
        course = lesson.course
        if lesson.cancelled or course.pk in warned or not summary.computers_total:
            continue
        if summary.computers_working < course.capacity:
            warned.add(course.pk)
            summary.capacity_warnings.append(
                {
                    "course": course,
                    "capacity": course.capacity,
                    "working": summary.computers_working,
                    "text": _(
                        "« %(course)s » prévoit %(capacity)s places mais seulement "
                        "%(working)s ordinateur(s) fonctionne(nt)."
                    )
                    % {
                        "course": course.title,
                        "capacity": course.capacity,
                        "working": summary.computers_working,
                    },
                }
            )
    return summaries

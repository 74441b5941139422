"""Demo reports, loaded after the courses' demo data (parcours/core/demo.py calls `load`).

referente@example.org (weekly): two reports answered, one that went out late without the
trainer's comments (read, not answered), and last week's draft for the trainer.
referent2@example.org (fortnightly): one answered with a request, one not read yet.
Written directly, without notifications: these are past events, nobody is to be e-mailed.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from parcours.people.models import User
from parcours.reports import periods
from parcours.reports.actions import freeze_content, prepare_report
from parcours.reports.models import OrganisationRhythm, Report, ReportEntry, Rhythm

COMMENTS = [
    "Très régulière ; de plus en plus à l'aise avec la souris et le clavier.",
    "A envoyé son premier message seule. Prochaine étape : une pièce jointe.",
    "Séance calme ; nous avons rangé ses documents dans son casier.",
    "Motivé, pose beaucoup de questions. Nous continuons les démarches en ligne.",
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _previous_periods(rhythm, count, today):
    """The last `count` ended periods of `rhythm`, oldest first."""
    found = []
    start, end = periods.last_ended_period(rhythm, today)
    for _ in range(count):
        found.append((start, end))
        start, end = periods.last_ended_period(rhythm, start)
    return list(reversed(found))


def _prepared_on_time(report):
    """As the worker would have: the Monday after its period."""
    if report is not None:
        report.created_at = _at(report.period_end + datetime.timedelta(days=1), 6)
        report.save(update_fields=["created_at"])
    return report


def _comment_all(report, trainer, offset):
    entries = list(report.entries.select_related("trainee"))
    for index, entry in enumerate(entries):
        entry.comment = COMMENTS[(index + offset) % len(COMMENTS)]
        entry.comment_by = trainer
        entry.ready_at = _at(report.period_end + datetime.timedelta(days=1), 17)
    ReportEntry.objects.bulk_update(entries, ["comment", "comment_by", "ready_at"])
    return entries


def _send(report, *, by, on, automatically=False):
    report.status = Report.Status.SENT
    report.sent_at = _at(on, 18)
    report.sent_by = by
    report.sent_automatically = automatically
    report.save(update_fields=["status", "sent_at", "sent_by", "sent_automatically"])
    freeze_content(report)


def _answer(report, *, on, kind="", text="", ratings=()):
    report.read_at = _at(on, 9)
    fields = ["read_at"]
    if kind:
        report.answer_kind, report.answer_text = kind, text
        report.answered_at = _at(on, 10)
        fields += ["answer_kind", "answer_text", "answered_at"]
    report.save(update_fields=fields)
    entries = list(report.entries.all())
    for index, entry in enumerate(entries):
        entry.rating = ratings[index % len(ratings)] if ratings else ""
    ReportEntry.objects.bulk_update(entries, ["rating"])


def load(today=None):
    """Create the demo reports unless some exist. Returns True when created."""
    if Report.objects.exists():
        return False
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    referente = users.get("referente@example.org")
    referent2 = users.get("referent2@example.org")
    trainer = users.get("formatrice@example.org")
    if not (referente and referent2 and trainer):
        return False
    today = today or timezone.localdate()
    day = datetime.timedelta(days=1)
    Rating = ReportEntry.Rating
    with transaction.atomic():
        OrganisationRhythm.objects.update_or_create(
            organisation=referente.organisation, defaults={"rhythm": Rhythm.WEEKLY}
        )
        OrganisationRhythm.objects.update_or_create(
            organisation=referent2.organisation, defaults={"rhythm": Rhythm.FORTNIGHTLY}
        )

        weeks = _previous_periods(Rhythm.WEEKLY, 4, today)
        made = [
            prepare_report(social_worker=referente, start=s, end=e, rhythm=Rhythm.WEEKLY)[0]
            for s, e in weeks
        ]
        answered, requested, late, draft = made
        # The draft was prepared just now, so the trainer has the whole delay to review it.
        for report in (answered, requested, late):
            _prepared_on_time(report)
        if answered:
            _comment_all(answered, trainer, 0)
            _send(answered, by=trainer, on=answered.period_end + day)
            _answer(
                answered,
                on=answered.period_end + 2 * day,
                kind=Report.AnswerKind.COMMENT,
                text="Merci ! Amina m'a parlé de l'atelier avec beaucoup d'enthousiasme.",
                ratings=[Rating.GOOD, Rating.GOOD, Rating.MIXED],
            )
        if requested:
            _comment_all(requested, trainer, 1)
            _send(requested, by=trainer, on=requested.period_end + 2 * day)
            _answer(
                requested,
                on=requested.period_end + 3 * day,
                kind=Report.AnswerKind.REQUEST,
                text="Pourriez-vous voir avec Amina la déclaration trimestrielle de la CAF ? "
                "Elle est à faire avant la fin du mois.",
                ratings=[Rating.GOOD, Rating.WORRIED],
            )
        if late:
            # Nobody sent it: the worker did, as it was, once the delay had passed.
            _send(late, by=None, on=late.due_on + day, automatically=True)
            _answer(late, on=min(late.due_on + 2 * day, today))
        if draft:
            _comment_all(draft, trainer, 2)
            draft.entries.update(ready_at=None)

        fortnights = _previous_periods(Rhythm.FORTNIGHTLY, 2, today)
        older, newer = [
            _prepared_on_time(
                prepare_report(social_worker=referent2, start=s, end=e, rhythm=Rhythm.FORTNIGHTLY)[
                    0
                ]
            )
            for s, e in fortnights
        ]
        if older:
            _comment_all(older, trainer, 3)
            _send(older, by=trainer, on=older.period_end + day)
            _answer(
                older,
                on=older.period_end + 2 * day,
                kind=Report.AnswerKind.REQUEST,
                text="Karim aimerait préparer son CV : est-ce possible à la prochaine séance ?",
                ratings=[Rating.MIXED, Rating.GOOD],
            )
        if newer:
            _comment_all(newer, trainer, 0)
            _send(newer, by=trainer, on=min(newer.period_end + day, today))
    return True

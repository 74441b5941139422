"""Operations on a trainee's path; each in one transaction."""

from django.db import transaction
from django.utils import timezone

from parcours.progress.models import Answer, Diagnostic, Goal, Skill


def start_or_resume_diagnostic(*, actor, trainee):
    """The trainee's unfinished diagnostic, or a new one."""
    diagnostic = (
        trainee.diagnostics.filter(finished_at__isnull=True).order_by("-started_at").first()
    )
    return diagnostic or Diagnostic.objects.create(trainee=trainee, started_by=actor)


def next_skill(diagnostic):
    """The first skill of the framework not answered yet (None when all are)."""
    answered = diagnostic.answers.values("skill")
    return Skill.objects.exclude(pk__in=answered).select_related("domain").first()


def answer(*, diagnostic, skill, level):
    with transaction.atomic():
        Answer.objects.update_or_create(
            diagnostic=diagnostic, skill=skill, defaults={"level": level}
        )
        if next_skill(diagnostic) is None and diagnostic.finished_at is None:
            diagnostic.finished_at = timezone.now()
            diagnostic.save(update_fields=["finished_at"])
    return diagnostic


def add_goal(*, actor, trainee, milestone=None, own_words=""):
    return Goal.objects.create(
        trainee=trainee, milestone=milestone, own_words=own_words, created_by=actor
    )


def mark_reached(*, goal, reached_on, evidence_url=""):
    goal.status = Goal.Status.REACHED
    goal.reached_on = reached_on
    goal.evidence_url = evidence_url
    goal.save(update_fields=["status", "reached_on", "evidence_url"])
    return goal


def drop_goal(*, goal):
    goal.status = Goal.Status.DROPPED
    goal.public = False
    goal.save(update_fields=["status", "public"])
    return goal


def set_public(*, goal, public):
    """The trainee's own consent to show the success anonymously (revocable)."""
    goal.public = bool(public and goal.public_text and goal.status == Goal.Status.REACHED)
    goal.save(update_fields=["public"])
    return goal

from django.tasks import task


@task
def prepare_reports():
    """Prepare the reports of the periods that ended; send, as they are, the drafts
    whose delay passed. Safe to run twice: both steps claim their rows."""
    from parcours.reports import actions

    prepared = actions.prepare_due_reports()
    sent = actions.send_overdue_reports()
    return {"prepared": len(prepared), "sent_late": sent}


@task
def refresh_statistics():
    """Compute the usual periods' statistics ahead, so that no coordinator waits."""
    from parcours.reports import statistics

    return {"periods": [f"{start}:{end}" for start, end in statistics.refresh()]}

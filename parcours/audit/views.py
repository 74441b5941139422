import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from parcours import access
from parcours.audit.models import Entry


@access.require(access.may_read_journal)
def journal(request):
    """The coordinator's search in the journal: by action, trainee and dates."""
    entries = Entry.objects.select_related("actor").order_by("-created_at", "-id")
    action = request.GET.get("action", "")
    if action in Entry.Action.values:
        entries = entries.filter(action=action)
    trainee = request.GET.get("stagiaire", "").strip()
    # isdecimal, not isdigit: int() refuses "²", which isdigit accepts.
    if trainee.isdecimal():
        entries = entries.filter(trainee_id=int(trainee))
    for name, lookup in (("du", "created_at__date__gte"), ("au", "created_at__date__lte")):
        try:
            day = datetime.date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            continue
        entries = entries.filter(**{lookup: day})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    ctx = {"page": page, "actions": Entry.Action.choices, "query": request.GET}
    return render(request, "audit/journal.html", ctx)


@never_cache
def my_journal(request):
    """What was done about me, by whom, when (a trainee's own part of the journal)."""
    trainee = access.get_own_trainee(request.user)
    entries = (
        Entry.objects.filter(trainee_id=trainee.pk)
        .exclude(actor=request.user)
        .select_related("actor")
        .order_by("-created_at")[:100]
    )
    return render(request, "audit/my_journal.html", {"entries": entries})

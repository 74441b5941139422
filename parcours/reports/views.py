import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.notifications.send import in_language_of
from parcours.people.models import Organisation
from parcours.reports import (
    actions,
    charts,
    content,
    exports,
    kept_pdfs,
    opendata,
    periods,
    statistics,
)
from parcours.reports.forms import (
    ActivityReportForm,
    AnswerForm,
    CommentForm,
    OrganisationRhythmForm,
    OwnRhythmForm,
    StatisticsForm,
)
from parcours.reports.models import Report, Rhythm, SocialWorkerRhythm

# --- reports ------------------------------------------------------------------------


@access.require(access.may_list_reports)
def report_list(request):
    user = request.user
    reports = access.reports_for(user).order_by("status", "-period_end", "pk")
    # A trainer's reports are a subquery that PostgreSQL misjudges once joined (see
    # reports/home.py): their social workers are fetched apart.
    reports = (
        reports.prefetch_related("social_worker__organisation")
        if user.is_trainer
        else reports.select_related("social_worker__organisation")
    )
    status = request.GET.get("statut", "")
    if status in Report.Status.values:
        reports = reports.filter(status=status)
    ctx = {
        "reports": reports[:200],
        "status": status,
        "statuses": Report.Status.choices,
        "is_social_worker": user.is_social_worker,
        "may_follow": access.may_follow_reports(user),
        "delay_days": periods.send_delay_days(),
    }
    return render(request, "reports/list.html", ctx)


def _visible_entries(user, report):
    entries = access.report_entries_for(user, report)
    # A draft shows only those who will be in it when sent.
    return entries.still_shared() if report.is_draft else entries


@never_cache
def report_detail(request, pk):
    user = request.user
    report = access.get_report_for(user, pk)
    sections = content.sections(report, _visible_entries(user, report))
    may_edit = access.may_edit_report(user, report)
    ctx = {
        "report": report,
        "sections": [
            {
                "entry": entry,
                "content": section,
                "form": CommentForm(
                    initial={"comment": entry.comment}, auto_id=f"id_entry{entry.pk}_%s"
                )
                if may_edit
                else None,
            }
            for entry, section in sections
        ],
        "may_edit": may_edit,
        "may_answer": access.may_answer_report(user, report),
        "uses_reports_css": True,
    }
    return render(request, "reports/detail.html", ctx)


@never_cache
def report_pdf(request, pk):
    """The report laid out for printing, in the social worker's language. Laid out once
    for the same HTML, then served from the shared cache (kept_pdfs)."""
    user = request.user
    report = access.get_report_for(user, pk)
    with in_language_of(report.social_worker):
        ctx = {
            "report": report,
            "sections": content.sections(report, _visible_entries(user, report)),
            "period": exports.period_label(report.period_start, report.period_end),
            "language": translation.get_language(),
        }
        html = exports.pdf_html("reports/report_pdf.html", ctx)
        pdf = kept_pdfs.report_pdf(report, html)
    response = HttpResponse(pdf, content_type="application/pdf")
    # No name in the file name: it ends up on shared disks.
    response["Content-Disposition"] = (
        f'inline; filename="compte-rendu-{report.period_start:%Y-%m-%d}.pdf"'
    )
    return response


@require_POST
def report_comment(request, pk, entry_pk):
    report = access.get_report_for(request.user, pk, edit=True)
    entry = get_object_or_404(access.report_entries_for(request.user, report), pk=entry_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.save_comment(actor=request.user, entry=entry, comment=form.cleaned_data["comment"])
        messages.success(
            request, _("Commentaire enregistré pour %(name)s.") % {"name": entry.trainee.first_name}
        )
    else:
        messages.error(request, " ".join(form.errors.get("comment", [])))
    return redirect(reverse("reports:detail", args=[report.pk]) + f"#entry-{entry.pk}")


@require_POST
def report_send(request, pk):
    report = access.get_report_for(request.user, pk, edit=True)
    entries = list(_visible_entries(request.user, report))
    sent = actions.send_report(actor=request.user, report=report, entries=entries)
    if not Report.objects.filter(pk=report.pk).exists():
        messages.info(
            request,
            _("Plus personne n'est d'accord pour partager : ce compte rendu n'est pas envoyé."),
        )
        return redirect("reports:list")
    if sent:
        messages.success(request, _("Compte rendu envoyé."))
    else:
        messages.success(
            request,
            _(
                "Votre partie est prête. Le compte rendu partira quand les autres parties "
                "le seront, ou le %(date)s au plus tard."
            )
            % {"date": formats.date_format(report.due_on, "l j F")},
        )
    return redirect("reports:detail", pk=report.pk)


@require_POST
def report_read(request, pk):
    report = access.get_report_for(request.user, pk, answer=True)
    actions.mark_read(actor=request.user, report=report)
    messages.success(request, _("C'est noté : compte rendu lu."))
    return redirect("reports:detail", pk=report.pk)


@never_cache
def report_answer(request, pk):
    report = access.get_report_for(request.user, pk, answer=True)
    entries = access.report_entries_for(request.user, report)
    initial = {"kind": report.answer_kind or Report.AnswerKind.COMMENT, "text": report.answer_text}
    form = AnswerForm(request.POST or None, entries=entries, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.answer_report(
            actor=request.user,
            report=report,
            ratings=form.ratings(),
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("Merci, votre réponse est envoyée."))
        return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/answer.html", {"report": report, "form": form})


# --- rhythms ------------------------------------------------------------------------------


@access.require(access.may_choose_report_rhythm)
def rhythm(request):
    user = request.user
    organisation = user.organisation
    organisation_rhythm = periods.organisation_rhythm(organisation)
    own = SocialWorkerRhythm.objects.filter(user=user).first()
    form = OwnRhythmForm(
        request.POST or None,
        organisation_label=Rhythm(organisation_rhythm).label,
        initial={"rhythm": own.rhythm if own else ""},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_own_rhythm(actor=user, rhythm=form.cleaned_data["rhythm"])
        messages.success(request, _("C'est enregistré."))
        return redirect("reports:rhythm")
    may_manage = organisation is not None and access.may_manage_organisation(user, organisation)
    ctx = {
        "form": form,
        "organisation": organisation,
        "organisation_form": OrganisationRhythmForm(
            initial={"rhythm": organisation_rhythm}, prefix="organisation"
        )
        if may_manage
        else None,
        "current": Rhythm(periods.rhythm_for(user)).label,
    }
    return render(request, "reports/rhythm.html", ctx)


@require_POST
def organisation_rhythm(request, pk):
    organisation = access.get_organisation_for_rhythm(request.user, pk)
    form = OrganisationRhythmForm(request.POST, prefix="organisation")
    if form.is_valid():
        actions.set_organisation_rhythm(
            actor=request.user, organisation=organisation, rhythm=form.cleaned_data["rhythm"]
        )
        messages.success(
            request,
            _("Rythme de %(organisation)s enregistré.") % {"organisation": organisation.name},
        )
    else:
        messages.error(request, _("Choisissez un rythme."))
    if access.may_follow_reports(request.user):
        return redirect("reports:follow_up")
    return redirect("reports:rhythm")


# --- follow-up (coordination) ------------------------------------------------------------

FOLLOW_UP_MONTHS = 6
LATE_PER_PAGE = 50
# A national network has 150 partner organisations: their rates and rhythm forms on one
# page weighed 160 KB.
ORGANISATIONS_PER_PAGE = 25


def _rates(counts, name):
    return {
        **counts,
        "name": name,
        "read_rate": round(100 * counts["read_count"] / counts["sent_count"]),
        "answer_rate": round(100 * counts["answered_count"] / counts["sent_count"]),
    }


def _organisation_rows(page, sent):
    """One row per organisation of `page`: its reports' read and answer rates (none sent:
    no rates) and its rhythm form; after the last, the reports of social workers without
    an organisation, if any."""
    counting = {
        "sent_count": Count("pk"),
        "read_count": Count("pk", filter=Q(read_at__isnull=False)),
        "answered_count": Count("pk", filter=Q(answered_at__isnull=False)),
        "late_count": Count("pk", filter=Q(sent_automatically=True)),
    }
    # One reading of the period's reports for the page and for those without organisation.
    counts = {
        row.pop("social_worker__organisation"): row
        for row in sent.filter(
            Q(social_worker__organisation__in=[o.pk for o in page])
            | Q(social_worker__organisation__isnull=True)
        )
        .values("social_worker__organisation")
        .annotate(**counting)
        .order_by()
    }
    rows = []
    for organisation in page:
        row = {"organisation": organisation, "name": organisation.name, "sent_count": 0}
        if organisation.pk in counts:
            row = {**row, **_rates(counts[organisation.pk], organisation.name)}
        rhythm = getattr(organisation, "report_rhythm", None)
        row["form"] = OrganisationRhythmForm(
            initial={"rhythm": rhythm.rhythm if rhythm else periods.DEFAULT_RHYTHM},
            prefix="organisation",
            auto_id=f"id_org{organisation.pk}_%s",
        )
        rows.append(row)
    if None in counts and not page.has_next():
        rows.append(_rates(counts[None], _("Sans structure")))
    return rows


@access.require(access.may_follow_reports)
def follow_up(request):
    since = timezone.localdate() - datetime.timedelta(days=FOLLOW_UP_MONTHS * 31)
    sent = Report.objects.sent().filter(period_end__gte=since)
    organisations = Paginator(
        Organisation.objects.select_related("report_rhythm").order_by("name", "pk"),
        ORGANISATIONS_PER_PAGE,
    ).get_page(request.GET.get("structures"))
    ctx = {
        # Newest first, a page at a time: a national network's history holds thousands.
        "late": Paginator(
            Report.objects.late()
            .select_related("social_worker__organisation")
            .order_by("-period_end", "-pk"),
            LATE_PER_PAGE,
        ).get_page(request.GET.get("page")),
        "organisations": organisations,
        "rates": _organisation_rows(organisations, sent),
        "since": since,
        "delay_days": periods.send_delay_days(),
    }
    return render(request, "reports/follow_up.html", ctx)


# --- statistics (coordination) ---------------------------------------------------------


def _statistics_or_none(request):
    form = StatisticsForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, statistics.cached(data["start"], data["end"], data["site"])


@access.require(access.may_see_statistics)
def statistics_page(request):
    form, stats = _statistics_or_none(request)
    query = urlencode({key: form.data.get(key) or "" for key in ("start", "end", "site")})
    english = translation.get_language().startswith("en")
    ctx = {
        "form": form,
        "stats": stats,
        "charts": charts.statistics_charts(stats) if stats else [],
        "successes": [
            {"label": statistics.success_label(row, english), "count": row["count"]}
            for row in (stats.successes if stats else [])
        ],
        "query": query,
        "activity_form": ActivityReportForm(
            initial={"year": timezone.localdate().year}, auto_id="activity_%s"
        ),
        "skipped_sites": opendata.skipped_sites(),
        "uses_reports_css": True,
    }
    return render(request, "reports/statistics.html", ctx)


def _export_filename(stats, extension):
    return f"statistiques-{stats.start:%Y-%m-%d}-{stats.end:%Y-%m-%d}.{extension}"


@access.require(access.may_see_statistics)
def statistics_csv(request):
    form, stats = _statistics_or_none(request)
    if stats is None:
        return redirect(reverse("reports:statistics") + "?" + request.GET.urlencode())
    response = HttpResponse(exports.statistics_csv(stats), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_filename(stats, "csv")}"'
    return response


@access.require(access.may_see_statistics)
def statistics_xlsx(request):
    form, stats = _statistics_or_none(request)
    if stats is None:
        return redirect(reverse("reports:statistics") + "?" + request.GET.urlencode())
    response = HttpResponse(
        exports.statistics_xlsx(stats),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_filename(stats, "xlsx")}"'
    return response


@access.require(access.may_see_statistics)
def activity_pdf(request):
    """The yearly activity report for funders, in the coordinator's language."""
    today = timezone.localdate()
    form = ActivityReportForm(request.GET or {"year": today.year})
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:statistics")
    year, site = form.cleaned_data["year"], form.cleaned_data["site"]
    start, end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
    stats = statistics.cached(start, end, site)
    english = translation.get_language().startswith("en")
    ctx = {
        "stats": stats,
        "year": year,
        "period": exports.period_label(start, end),
        "charts": charts.statistics_charts(stats),
        "successes": [
            {"label": statistics.success_label(row, english), "count": row["count"]}
            for row in stats.successes
        ],
        "generated_on": today,
        "language": translation.get_language(),
    }
    pdf = exports.render_pdf("reports/activity_pdf.html", ctx)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rapport-activite-{year}.pdf"'
    return response


# --- open data --------------------------------------------------------------------------


@access.require(access.may_see_statistics)
def opendata_csv(request):
    response = HttpResponse(
        opendata.to_csv(opendata.rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="lieux-mediation-numerique.csv"'
    return response


@access.require(access.may_see_statistics)
def opendata_json(request):
    response = HttpResponse(
        opendata.to_json(opendata.rows()), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="lieux-mediation-numerique.json"'
    return response

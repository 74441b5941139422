import datetime
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours import access
from parcours.audit import journal
from parcours.core.http import id_param
from parcours.progress import actions, exports, path
from parcours.progress.forms import (
    AccountEntryForm,
    GoalForm,
    LocalMilestoneForm,
    LocalSkillForm,
    PublicSuccessForm,
    ReachedForm,
)
from parcours.progress.models import AccountEntry, Diagnostic, Domain, Goal, Level, Milestone, Skill

# How to get back into each kind of account, for the trainer helping a trainee who lost access.
RECOVERY_HINTS = {
    "email": _(
        "Sur la page de connexion de la messagerie : « Mot de passe oublié », puis le code envoyé au téléphone ou à l'e-mail de récupération."
    ),
    "caf": _(
        "Sur caf.fr : « Mot de passe oublié » avec le numéro d'allocataire ; le code arrive à l'e-mail enregistré."
    ),
    "france_travail": _(
        "Sur francetravail.fr : « Mot de passe oublié » avec l'identifiant ; ou passer par FranceConnect."
    ),
    "ameli": _(
        "Sur ameli.fr : « Mot de passe oublié » avec le numéro de sécurité sociale ; ou FranceConnect."
    ),
    "bank": _("Appeler la banque, ou aller à l'agence avec une pièce d'identité."),
    "franceconnect": _(
        "Récupérer l'accès au compte choisi pour FranceConnect (impots.gouv, ameli, La Poste…)."
    ),
    "community": _(
        "« Mot de passe oublié » sur le site, avec l'e-mail ou le téléphone de récupération."
    ),
    "other": _(
        "« Mot de passe oublié » sur le site, avec l'e-mail ou le téléphone de récupération."
    ),
}


def _journal_read(request, trainee):
    journal.log_trainee_viewed(actor=request.user, trainee=trainee, request=request)


# --- the path page -----------------------------------------------------------------


@never_cache
def trainee_path(request, pk):
    trainee = access.get_path_trainee_for(request.user, pk)
    _journal_read(request, trainee)
    ctx = {
        "trainee": trainee,
        "events": path.timeline(trainee),
        "comparison": path.compare(trainee),
        "goals": trainee.goals.select_related("milestone"),
        "may_edit": access.may_edit_path(request.user),
        "may_see_accounts": access.may_see_accounts(request.user, trainee),
        "goal_form": GoalForm(),
        "reached_form": ReachedForm(initial={"reached_on": timezone.localdate()}),
        "public_form": PublicSuccessForm(),
        "unfinished": trainee.diagnostics.filter(finished_at__isnull=True).exists(),
    }
    return render(request, "progress/path.html", ctx)


# --- diagnostics ---------------------------------------------------------------------


@require_POST
def diagnostic_start(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    diagnostic = actions.start_or_resume_diagnostic(actor=request.user, trainee=trainee)
    return redirect("progress:diagnostic", pk=diagnostic.pk)


def _diagnostic_for(request, pk):
    diagnostic = get_object_or_404(Diagnostic.objects.select_related("trainee"), pk=pk)
    # Authorised through its trainee: 404 for anyone who may not change them.
    access.get_trainee_for(request.user, diagnostic.trainee_id, write=True)
    return diagnostic


@never_cache
def diagnostic(request, pk):
    """One skill per screen, four big answers; leave any time and resume later."""
    diagnostic = _diagnostic_for(request, pk)
    skill = actions.next_skill(diagnostic)
    if request.method == "POST" and skill is not None:
        try:
            level = Level(int(request.POST.get("level", "")))
            skill = Skill.objects.get(pk=int(request.POST.get("skill", "")))
        except (ValueError, Skill.DoesNotExist):
            messages.error(request, _("Choisissez une des quatre réponses."))
            return redirect("progress:diagnostic", pk=diagnostic.pk)
        actions.answer(diagnostic=diagnostic, skill=skill, level=level)
        return redirect("progress:diagnostic", pk=diagnostic.pk)
    if skill is None:
        messages.success(request, _("Diagnostic terminé."))
        return redirect("progress:path", pk=diagnostic.trainee_id)
    total = Skill.objects.count()
    done = diagnostic.answers.count()
    ctx = {
        "diagnostic": diagnostic,
        "skill": skill,
        "levels": [(level.value, _level_words(level)) for level in Level],
        "done": done,
        "total": total,
    }
    return render(request, "progress/diagnostic.html", ctx)


def _level_words(level):
    return {
        Level.NOT_YET: _("Je ne sais pas encore"),
        Level.WITH_HELP: _("Je sais avec de l'aide"),
        Level.ALONE: _("Je sais faire seul·e"),
        Level.CAN_SHOW: _("Je peux montrer à quelqu'un"),
    }[level]


# --- goals -----------------------------------------------------------------------------


@require_POST
def goal_add(request, pk):
    trainee = access.get_trainee_for(request.user, pk, write=True)
    form = GoalForm(request.POST)
    if form.is_valid():
        actions.add_goal(
            actor=request.user,
            trainee=trainee,
            milestone=form.cleaned_data["milestone"],
            own_words=form.cleaned_data["own_words"],
        )
        messages.success(request, _("Objectif ajouté."))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(f"/stagiaires/{trainee.pk}/parcours/#goals")


def _goal_for(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("trainee", "milestone"), pk=pk)
    access.get_trainee_for(request.user, goal.trainee_id, write=True)
    return goal


@require_POST
def goal_reached(request, pk):
    goal = _goal_for(request, pk)
    form = ReachedForm(request.POST)
    if form.is_valid():
        actions.mark_reached(goal=goal, **form.cleaned_data)
        messages.success(request, _("Bravo ! La réussite est notée."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(f"/stagiaires/{goal.trainee_id}/parcours/#goals")


@require_POST
def goal_drop(request, pk):
    goal = _goal_for(request, pk)
    actions.drop_goal(goal=goal)
    return redirect(f"/stagiaires/{goal.trainee_id}/parcours/#goals")


@require_POST
def goal_public_text(request, pk):
    """The trainer writes the anonymous sentence; the trainee alone decides to show it."""
    goal = _goal_for(request, pk)
    form = PublicSuccessForm(request.POST)
    if form.is_valid():
        changed = form.cleaned_data["public_text"] != goal.public_text
        goal.public_text = form.cleaned_data["public_text"]
        if changed:
            # The person agreed to a sentence: a new one needs their word again.
            goal.public = False
        goal.save(update_fields=["public_text", "public"])
        messages.success(
            request, _("Phrase enregistrée. La personne choisira elle-même de la montrer.")
        )
    else:
        messages.error(request, _("Écrivez la phrase à montrer."))
    return redirect(f"/stagiaires/{goal.trainee_id}/parcours/#goals")


# --- the trainee's own pages -----------------------------------------------------------


@never_cache
def my_successes(request):
    trainee = access.get_own_trainee(request.user)
    if request.method == "POST":
        goal = get_object_or_404(trainee.goals, pk=id_param(request.POST, "goal"))
        actions.set_public(goal=goal, public=request.POST.get("public") == "yes")
        return redirect("progress:my_successes")
    goals = trainee.goals.select_related("milestone")
    return render(request, "progress/my_successes.html", {"trainee": trainee, "goals": goals})


@never_cache
def my_accounts(request):
    trainee = access.get_own_trainee(request.user)
    accounts = trainee.accounts.all()
    return render(request, "progress/my_accounts.html", {"trainee": trainee, "accounts": accounts})


# --- the accounts notebook ----------------------------------------------------------------


def _accounts_trainee(request, pk, write=False):
    trainee = access.get_trainee_for(request.user, pk, write=write)
    if not access.may_see_accounts(request.user, trainee):
        raise Http404
    return trainee


@never_cache
def accounts(request, pk):
    trainee = _accounts_trainee(request, pk, write=True)
    _journal_read(request, trainee)
    form = AccountEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.trainee = trainee
        entry.created_by = request.user
        entry.save()
        messages.success(request, _("Compte ajouté au carnet."))
        return redirect("progress:accounts", pk=trainee.pk)
    ctx = {
        "trainee": trainee,
        "accounts": [
            (entry, RECOVERY_HINTS.get(entry.service, "")) for entry in trainee.accounts.all()
        ],
        "form": form,
    }
    return render(request, "progress/accounts.html", ctx)


@require_POST
def account_delete(request, pk):
    entry = get_object_or_404(AccountEntry, pk=pk)
    _accounts_trainee(request, entry.trainee_id, write=True)
    entry.delete()
    messages.success(request, _("Compte retiré du carnet."))
    return redirect("progress:accounts", pk=entry.trainee_id)


# --- exports -----------------------------------------------------------------------------


@never_cache
def path_pdf(request, pk):
    """The trainee's path to keep, in plain language."""
    trainee = access.get_trainee_for(request.user, pk, write=True)
    return _path_pdf_response(request, trainee)


@never_cache
def my_path_pdf(request):
    return _path_pdf_response(request, access.get_own_trainee(request.user))


def _path_pdf_response(request, trainee):
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    ctx = {
        "trainee": trainee,
        "reached": trainee.goals.reached().select_related("milestone").order_by("reached_on"),
        "open_goals": trainee.goals.filter(status=Goal.Status.OPEN).select_related("milestone"),
        "comparison": path.compare(trainee),
        "sessions": trainee.attendances.filter(status__in=["present", "late"]).count(),
        "today": timezone.localdate(),
    }
    html = render_to_string("progress/path_pdf.html", ctx, request=request)
    pdf = HTML(string=html).write_pdf(
        stylesheets=[CSS(filename=finders.find("parcours/print.css"))]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mon-parcours.pdf"'
    return response


@access.require(access.may_triage)
def coop_export(request):
    """Accompaniments as La Coop's CSV, for programmes that also report there."""
    today = timezone.localdate()
    start, end = exports.default_period(today)
    try:
        start = (
            datetime.date.fromisoformat(request.GET.get("du", ""))
            if request.GET.get("du")
            else start
        )
        end = (
            datetime.date.fromisoformat(request.GET.get("au", "")) if request.GET.get("au") else end
        )
    except ValueError:
        messages.error(request, _("Dates invalides : utilisez le format AAAA-MM-JJ."))
        return redirect("progress:framework")
    buffer = io.StringIO()
    exports.write_coop_csv(buffer, start, end)
    journal.log_export(actor=request.user, request=request, what="coop_csv")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coop-{start}-{end}.csv"'
    return response


# --- the framework (coordinator) ---------------------------------------------------------


@access.require(access.may_manage_framework)
def framework(request):
    skill_form = LocalSkillForm(
        request.POST if request.POST.get("kind") == "skill" else None, prefix="skill"
    )
    milestone_form = LocalMilestoneForm(
        request.POST if request.POST.get("kind") == "milestone" else None, prefix="milestone"
    )
    if request.method == "POST":
        form = skill_form if request.POST.get("kind") == "skill" else milestone_form
        if form.is_valid():
            obj = form.save(commit=False)
            obj.local = True
            obj.code = f"local.{timezone.now():%Y%m%d%H%M%S%f}"
            obj.save()
            messages.success(request, _("Ajouté."))
            return redirect("progress:framework")
    ctx = {
        "domains": Domain.objects.prefetch_related("skills"),
        "milestones": Milestone.objects.all(),
        "skill_form": skill_form,
        "milestone_form": milestone_form,
    }
    return render(request, "progress/framework.html", ctx)

"""The optimiser page: targets, objective and limits in; the proven best choice of
proposals, or why the targets cannot be met, out; each solution savable."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from budgetkatalog.scenarios.optimiser import (
    TIE_BREAK,
    Limits,
    Objective,
    Status,
    TieBreak,
    optimise,
)
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.scenarios.targets import Targets
from budgetkatalog.web.catalogues import limits
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions, permissions
from budgetkatalog.web.scenarios.domain import setup_for
from budgetkatalog.web.scenarios.forms import (
    parse_decisions,
    parse_optimise,
)
from budgetkatalog.web.scenarios.views.common import (
    OPTIMISER_SECONDS,
    _percent,
    _target_fields,
    _user,
    decision_text,
    evaluation_context,
)


def _optimise_page(request: HttpRequest, catalogue: Catalogue) -> dict[str, Any]:
    version = catalogue.latest_version
    assert version is not None
    setup = setup_for(version, catalogue)
    groups = [g.name for g in setup.catalogue.groups]
    departments = sorted({a.department for a in setup.attributes.values() if a.department})
    # Proposals whose FTE nobody has stated: the optimiser will not count them as 0, so
    # the user leaves them out here or fills them in first.
    without_fte = [{"number": p.number, "title": p.title} for p in setup.catalogue.proposals
                   if not setup.attributes_of(p.number).fte_known]
    return {"catalogue": catalogue, "setup": setup, "groups": groups,
            "departments": departments, "years": setup.years, "without_fte": without_fte}


@require_safe
@login_required
def optimiser(request: HttpRequest, catalogue_pk: int) -> HttpResponse:
    user = _user(request)
    if not permissions.can_create(user):
        raise PermissionDenied
    catalogue = get_object_or_404(public_queries.published_catalogues(), pk=catalogue_pk)
    page = _optimise_page(request, catalogue)
    setup: RoundSetup = page["setup"]
    if "run" not in request.GET:
        values = {f"target-{y}": _percent(a) for y, a in setup.targets.amounts}
        values.update(objective=Objective.FTE.value, alternatives="0")
        return render(request, "scenarios/optimise.html", {
            **page, "values": values, "errors": {}, "excluded": [], "left_out": [],
            "result": None,
            "target_fields": _target_fields(setup.years, values, {})})
    form = parse_optimise(request.GET, request.GET.getlist("exclude"), setup.years,
                          page["groups"], page["departments"])
    known = {p.number for p in setup.catalogue.proposals}
    left_out = tuple(n for n in request.GET.getlist("leave_out") if n in known)
    context = {**page, "values": form.values, "errors": form.errors,
               "excluded": list(form.excluded), "left_out": list(left_out), "result": None}
    if form.errors:
        context["target_fields"] = _target_fields(setup.years, form.values, form.errors)
        return render(request, "scenarios/optimise.html", context, status=400)
    candidates = None
    if form.group:
        group = next(g for g in setup.catalogue.groups if g.name == form.group)
        candidates = group.proposal_numbers
    run_setup = setup.with_targets(Targets.of(form.targets))
    limits = Limits(max_fte=form.max_fte, excluded_departments=form.excluded,
                    candidates=candidates, excluded_proposals=left_out)
    result = optimise(run_setup, form.objective, limits, alternatives=form.alternatives,
                      time_limit=OPTIMISER_SECONDS)
    solutions = []
    if result.best is not None:
        for index, solution in enumerate((result.best, *result.alternatives)):
            name = _("Optimeret (%(objective)s)") % {"objective": _objective(form.objective)} \
                if index == 0 else _("Alternativ %(n)s") % {"n": index}
            solutions.append({
                "index": index, "prefix": f"s{index}-", "name": name, "solution": solution,
                "tie_break": _tie_break(solution.tie_break, form.objective),
                "decisions": [{"number": n, "title": _title(setup, n),
                               "text": decision_text(d),
                               "kind": str(d.kind),
                               "share": _percent(d.share * 100) if d.share else ""}
                              for n, d in solution.scenario.decisions],
                **evaluation_context(run_setup, solution.evaluation)})
    context.update(target_fields=_target_fields(setup.years, form.values, form.errors),
                   result=result, solutions=solutions, proven=result.status is Status.OPTIMAL,
                   infeasible=result.status is Status.INFEASIBLE,
                   fte_unknown=result.status is Status.FTE_UNKNOWN,
                   objective_label=_objective(form.objective))
    return render(request, "scenarios/optimise.html", context)


def _tie_break(tie: TieBreak, objective: Objective) -> str:
    """Which of several equally cheap answers was chosen, and how surely."""
    if tie is TieBreak.OFF:
        return ""
    by = _objective(TIE_BREAK[objective])
    if tie is TieBreak.PROVEN:
        return _("den med %(by)s (bevist)") % {"by": by}
    return _("den med %(by)s, som blev fundet inden for tidsgrænsen") % {"by": by}




def _objective(objective: Objective) -> str:
    return {Objective.FTE: _("færrest sparede årsværk"),
            Objective.COUNT: _("færrest forslag"),
            Objective.IMPACT: _("mindst vægtet konsekvens for borgerne")}[objective]


def _title(setup: RoundSetup, number: str) -> str:
    proposal = setup.catalogue.proposal(number)
    return proposal.title if proposal else ""


@login_required
@require_POST
def save_solution(request: HttpRequest, catalogue_pk: int) -> HttpResponse:
    user = _user(request)
    if not permissions.can_create(user):
        raise PermissionDenied
    catalogue = get_object_or_404(public_queries.published_catalogues(), pk=catalogue_pk)
    version = catalogue.latest_version
    assert version is not None
    setup = setup_for(version, catalogue)
    form = parse_decisions(request.POST, [p.number for p in setup.catalogue.proposals])
    name = request.POST.get("name", "").strip()
    if form.errors or not name:
        messages.error(request, _("Løsningen er ikke gemt: giv scenariet et navn."))
        return redirect(reverse("scenarios:optimise", args=[catalogue.pk]))
    too_long = limits.too_long(name, limits.SCENARIO_NAME_CHARS) or limits.too_long(
        request.POST.get("description", ""), limits.DESCRIPTION_CHARS)
    if too_long:
        messages.error(request, _("Løsningen er ikke gemt: navn eller beskrivelse: %(why)s")
                       % {"why": too_long})
        return redirect(reverse("scenarios:optimise", args=[catalogue.pk]))
    scenario = actions.do_create_scenario(user, catalogue.pk, name,
                                          request.POST.get("description", ""),
                                          decisions=form.decisions)
    messages.success(request, _("Løsningen er gemt som et privat scenarie."))
    return redirect("scenarios:detail", pk=scenario.pk)


# -- the round's setup (finance staff) ----------------------------------------------


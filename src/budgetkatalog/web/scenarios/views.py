"""The scenario pages: list, scenario (evaluation and decisions), compare, optimise,
the round's setup for finance staff, and the public page of the adopted budget.

Views parse input, call an action or the domain, and render. Every number shown is
the domain's (``evaluate``, ``optimise``), exact. A scenario the user may not see
answers 404, the same as one that does not exist.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budgetkatalog.core.finding import fmt
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility
from budgetkatalog.scenarios.comparison import compare as compare_scenarios
from budgetkatalog.scenarios.decision import Decision, DecisionKind
from budgetkatalog.scenarios.decision import Scenario as DomainScenario
from budgetkatalog.scenarios.evaluation import Breakdown, Evaluation, contribution, evaluate
from budgetkatalog.scenarios.optimiser import (
    TIE_BREAK,
    Limits,
    Objective,
    Status,
    TieBreak,
    optimise,
)
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Relation,
    Requires,
)
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.scenarios.targets import Targets
from budgetkatalog.web.accounts.actions import do_set_party
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.catalogues.domain import slug_for
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions, permissions
from budgetkatalog.web.scenarios.domain import domain_scenario, relation_of, setup_for
from budgetkatalog.web.scenarios.forms import (
    field_id,
    parse_amount,
    parse_decisions,
    parse_optimise,
    parse_targets,
)
from budgetkatalog.web.scenarios.models import Divisibility as DivisibilityChoice
from budgetkatalog.web.scenarios.models import Relation as RelationRow
from budgetkatalog.web.scenarios.models import (
    RelationKind,
    Scenario,
    Visibility,
)
from budgetkatalog.web.scenarios.templatetags.scenario_tags import page_lang

MAX_COMPARED = 4
OPTIMISER_SECONDS = 20.0


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _scenarios() -> Any:
    return Scenario.objects.select_related("catalogue__round", "catalogue__latest_version",
                                           "version", "owner").defer(
        "version__document", "catalogue__frame", "catalogue__latest_version__document")


def _load(request: HttpRequest, pk: int) -> Scenario:
    scenario = get_object_or_404(_scenarios(), pk=pk)
    if not permissions.can_view(request.user, scenario):
        raise Http404
    return scenario


def _with_document(scenario: Scenario) -> Scenario:
    """The scenario with its version's document loaded (deferred in lists)."""
    return Scenario.objects.select_related("version", "catalogue__round").get(pk=scenario.pk)


# -- presentation -------------------------------------------------------------------

def decision_text(decision: Decision) -> str:
    if decision.kind is DecisionKind.PARTIAL and decision.share is not None:
        percent = (decision.share * 100).normalize()
        return _("Delvist (%(percent)s %%)") % {"percent": _percent(percent)}
    if decision.kind is DecisionKind.LINES:
        return _("Linje %(lines)s") % {"lines": ", ".join(decision.lines)}
    if decision.kind is DecisionKind.ADOPTED:
        return _("Vedtaget")
    return _("Forkastet")


def _percent(value: Decimal) -> str:
    return fmt(value, page_lang())


def _impact(impact: CitizenImpact) -> str:
    return {CitizenImpact.NONE: _("Ingen"), CitizenImpact.LIMITED: _("Begrænset"),
            CitizenImpact.DIRECT: _("Direkte")}[impact]


def _breakdown_rows(rows: tuple[Breakdown, ...], unknown: str) -> list[dict[str, Any]]:
    return [{"key": row.key or unknown, "proposals": ", ".join(row.proposals),
             "totals": row.totals, "fte": row.fte_saved} for row in rows]


def evaluation_context(setup: RoundSetup, evaluation: Evaluation) -> dict[str, Any]:
    years = setup.years
    return {
        "years": years,
        "evaluation": evaluation,
        "year_results": evaluation.years,
        "has_targets": any(r.target is not None for r in evaluation.years),
        "has_overlap": any(r.overlap_correction for r in evaluation.years),
        "breakdowns": [
            {"id": "department", "title": _("Fordelt på afdeling"),
             "key_label": _("Afdeling"),
             "rows": _breakdown_rows(evaluation.by_department, _("ikke angivet"))},
            {"id": "area", "title": _("Fordelt på områdebevilling"),
             "key_label": _("Områdebevilling"),
             "rows": _breakdown_rows(evaluation.by_area, _("(intet område)"))},
            {"id": "group", "title": _("Fordelt på gruppe"), "key_label": _("Gruppe"),
             "rows": _breakdown_rows(evaluation.by_group, _("(ingen gruppe)"))},
        ],
        "findings": evaluation.findings,
    }


def proposal_rows(setup: RoundSetup, scenario: DomainScenario,
                  values: dict[str, str] | None = None,
                  errors: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per proposal of the version: its amounts, attributes and decision."""
    years = setup.years
    rows = []
    for proposal in setup.catalogue.proposals:
        n = proposal.number
        decision = scenario.decision(n)
        attributes = setup.attributes_of(n)
        kind = values.get(f"decision-{n}") if values else str(decision.kind)
        share = values.get(f"share-{n}", "") if values else (
            _percent((decision.share or Decimal(0)) * 100)
            if decision.kind is DecisionKind.PARTIAL else "")
        rows.append({
            "number": n, "title": proposal.title,
            "slug": field_id(n), "public_slug": slug_for(n),
            "totals": proposal.total(years),
            "contribution": contribution(proposal, decision, years),
            "decision": decision, "decision_text": decision_text(decision),
            "kind": kind, "share": share,
            "decision_error": (errors or {}).get(f"decision-{n}"),
            "share_error": (errors or {}).get(f"share-{n}"),
            "divisible": attributes.divisibility is Divisibility.SHARE,
            "department": attributes.department, "fte": attributes.fte,
            "fte_known": attributes.fte_known,
            "impact": _impact(attributes.citizen_impact),
        })
    return rows


# -- list and create ----------------------------------------------------------------

def scenario_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = list(permissions.visible_scenarios(user).select_related(
        "catalogue__round", "owner", "version").defer(
        "version__document", "catalogue__frame").order_by(
        "-catalogue__round__budget_year", "catalogue__slug", "name", "id"))
    me = user.pk if isinstance(user, User) else None
    sections = [
        {"id": "agreements", "title": _("Budgetaftaler"),
         "items": [s for s in visible if s.is_agreement]},
        {"id": "mine", "title": _("Mine scenarier"),
         "items": [s for s in visible if s.owner_id == me and not s.is_agreement]},
        {"id": "party", "title": _("Delt i partiet"),
         "items": [s for s in visible if s.owner_id != me and
                   s.visibility == Visibility.PARTY]},
        {"id": "public", "title": _("Offentlige scenarier"),
         "items": [s for s in visible if s.owner_id != me and
                   s.visibility == Visibility.PUBLIC and not s.is_agreement]},
    ]
    catalogues = list(public_queries.published_catalogues())
    return render(request, "scenarios/list.html", {
        "sections": [s for s in sections if s["items"] or (s["id"] == "mine" and me)],
        "scenarios": visible, "catalogues": catalogues,
        "can_create": permissions.can_create(user),
        "can_set_up": permissions.can_set_up(user),
        "max_compared": MAX_COMPARED})


@login_required
@require_POST
def new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not permissions.can_create(user):
        raise PermissionDenied
    name = request.POST.get("name", "").strip()
    catalogue = Catalogue.objects.filter(pk=request.POST.get("catalogue") or 0,
                                         latest_version__isnull=False).first()
    if not name or catalogue is None:
        messages.error(request, _("Scenariet er ikke oprettet: giv det et navn og vælg et "
                                  "offentliggjort katalog."))
        return redirect("scenarios:list")
    scenario = actions.do_create_scenario(user, catalogue.pk, name,
                                          request.POST.get("description", ""))
    messages.success(request, _("Scenariet er oprettet. Vælg forslagene herunder."))
    return redirect("scenarios:detail", pk=scenario.pk)


# -- one scenario -------------------------------------------------------------------

def _detail(request: HttpRequest, scenario: Scenario, *, values: dict[str, str] | None = None,
            errors: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    user = request.user
    full = _with_document(scenario)
    setup = setup_for(full.version, full.catalogue)
    domain = domain_scenario(full)
    evaluation = evaluate(setup, domain)
    latest = scenario.catalogue.latest_version
    context = {
        "scenario": scenario, "setup": setup,
        "rows": proposal_rows(setup, domain, values, errors),
        "errors": errors or {},
        "editable": permissions.can_edit(user, scenario),
        "can_copy": permissions.can_copy(user, scenario),
        "can_record": permissions.can_record_agreement(user, scenario)
        and not Scenario.objects.filter(catalogue_id=scenario.catalogue_id,
                                        is_agreement=True).exists(),
        "is_owner": isinstance(user, User) and scenario.owner_id == user.pk,
        "owner_party": scenario.owner.party,
        "visibilities": Visibility.choices,
        "newer_version": latest if latest and latest.pk != scenario.version_id else None,
        **evaluation_context(setup, evaluation),
    }
    return render(request, "scenarios/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _load(request, pk)
    if request.method == "GET":
        return _detail(request, scenario)
    user = _user(request)
    if scenario.locked:
        raise actions.ScenarioLocked
    if not permissions.can_edit(user, scenario):
        raise PermissionDenied
    full = _with_document(scenario)
    setup = setup_for(full.version, full.catalogue)
    form = parse_decisions(request.POST, [p.number for p in setup.catalogue.proposals])
    for number, decision in form.decisions.items():
        if decision.kind is DecisionKind.PARTIAL and \
                setup.attributes_of(number).divisibility is not Divisibility.SHARE:
            form.errors[f"decision-{number}"] = _(
                "Forslaget kan kun vedtages helt eller forkastes.")
    if form.errors:
        messages.error(request, _("Beslutningerne er ikke gemt: ret de markerede felter."))
        return _detail(request, scenario, values=form.values, errors=form.errors, status=400)
    actions.do_set_decisions(user, scenario.pk, form.decisions)
    messages.success(request, _("Beslutningerne er gemt, og resultatet er beregnet igen."))
    return redirect("scenarios:detail", pk=scenario.pk)


@login_required
@require_POST
def settings(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    scenario = _load(request, pk)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, _("Scenariet skal have et navn."))
        return _detail(request, scenario, status=400)
    visibility = request.POST.get("visibility", scenario.visibility)
    if visibility not in Visibility.values:
        raise Http404
    actions.do_update_scenario(user, scenario.pk, name, request.POST.get("description", ""))
    if visibility != scenario.visibility:
        try:
            actions.do_share_scenario(user, scenario.pk, Visibility(visibility))
        except actions.NoParty:
            messages.error(request, _("Du er ikke registreret i et parti, så scenariet kan "
                                      "ikke deles med partiet."))
            return redirect("scenarios:detail", pk=scenario.pk)
    messages.success(request, _("Navn og deling er gemt."))
    return redirect("scenarios:detail", pk=scenario.pk)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    scenario = _load(request, pk)
    name = request.POST.get("name", "").strip() or _("Kopi af %(name)s") % {
        "name": scenario.name}
    copied = actions.do_copy_scenario(user, scenario.pk, name)
    messages.success(request, _("Scenariet er kopieret. Kopien er privat."))
    return redirect("scenarios:detail", pk=copied.pk)


@login_required
@require_POST
def record_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    scenario = _load(request, pk)
    name = request.POST.get("name", "").strip() or _("Budgetaftale %(year)s") % {
        "year": scenario.catalogue.round.budget_year}
    try:
        agreement = actions.do_record_agreement(user, scenario.pk, name)
    except actions.AgreementExists:
        messages.error(request, _("Budgetaftalen for kataloget er allerede registreret."))
        return redirect("scenarios:detail", pk=scenario.pk)
    messages.success(request, _("Budgetaftalen er registreret og låst."))
    return redirect("scenarios:detail", pk=agreement.pk)


# -- compare ------------------------------------------------------------------------

def compare(request: HttpRequest) -> HttpResponse:
    ids = []
    for raw in request.GET.getlist("id"):
        if raw.isdigit() and int(raw) not in ids:
            ids.append(int(raw))
    if not 2 <= len(ids) <= MAX_COMPARED:
        messages.error(request, _("Vælg mellem 2 og 4 scenarier at sammenligne."))
        return redirect("scenarios:list")
    chosen = [_load(request, pk) for pk in ids]
    if len({s.version_id for s in chosen}) != 1:
        messages.error(request, _("Scenarierne skal bygge på samme offentliggjorte version "
                                  "af kataloget."))
        return redirect("scenarios:list")
    fulls = [_with_document(scenario) for scenario in chosen]
    setup = setup_for(fulls[0].version, fulls[0].catalogue)
    comparison = compare_scenarios(setup, tuple(domain_scenario(f) for f in fulls))
    evaluations = comparison.evaluations
    years = setup.years
    year_rows = []
    for i, year in enumerate(years):
        totals = comparison.totals_for(year)
        year_rows.append({"year": year, "target": evaluations[0].years[i].target, "cells": [
            {"index": index, "total": total,
             "diff": None if index == 0 else total - totals[0],
             "differs": index > 0 and total != totals[0],
             "met": evaluations[index].years[i].met} for index, total in enumerate(totals)]})

    def figure(label: str, key: str, values: list[Decimal]) -> dict[str, Any]:
        return {"label": label, "key": key, "cells": [
            {"index": i, "value": v, "diff": None if i == 0 else v - values[0],
             "differs": i > 0 and v != values[0]} for i, v in enumerate(values)]}

    figures = [
        figure(_("Sparede årsværk"), "fte", [e.fte_saved for e in evaluations]),
        figure(_("Vedtagne forslag"), "count", [Decimal(e.proposal_count) for e in evaluations]),
        figure(_("Forslag med konsekvenser for borgerne"), "citizens",
               [Decimal(len(e.citizen_consequences)) for e in evaluations]),
    ]
    proposals = [{"number": row.number, "title": row.title, "differs": row.differs,
                  "cells": [decision_text(d) for d in row.decisions]}
                 for row in comparison.rows]
    return render(request, "scenarios/compare.html", {
        "columns": chosen, "years": years, "year_rows": year_rows, "figures": figures,
        "proposals": proposals, "differing": len(comparison.differing),
        "catalogue": chosen[0].catalogue})


# -- optimise -----------------------------------------------------------------------

def _optimise_page(request: HttpRequest, catalogue: Catalogue) -> dict[str, Any]:
    version = catalogue.latest_version
    assert version is not None
    setup = setup_for(version, catalogue)
    groups = [g.name for g in setup.catalogue.groups]
    departments = sorted({a.department for a in setup.attributes.values() if a.department})
    return {"catalogue": catalogue, "setup": setup, "groups": groups,
            "departments": departments, "years": setup.years}


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
            **page, "values": values, "errors": {}, "excluded": [], "result": None,
            "target_fields": _target_fields(setup.years, values, {})})
    form = parse_optimise(request.GET, request.GET.getlist("exclude"), setup.years,
                          page["groups"], page["departments"])
    context = {**page, "values": form.values, "errors": form.errors,
               "excluded": list(form.excluded), "result": None}
    if form.errors:
        context["target_fields"] = _target_fields(setup.years, form.values, form.errors)
        return render(request, "scenarios/optimise.html", context, status=400)
    candidates = None
    if form.group:
        group = next(g for g in setup.catalogue.groups if g.name == form.group)
        candidates = group.proposal_numbers
    run_setup = dataclasses.replace(setup, targets=Targets.of(form.targets))
    limits = Limits(max_fte=form.max_fte, excluded_departments=form.excluded,
                    candidates=candidates)
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
                   objective_label=_objective(form.objective))
    return render(request, "scenarios/optimise.html", context)


def _tie_break(tie: TieBreak, objective: Objective) -> str:
    """Which of several equally cheap answers was chosen, and how surely."""
    if tie is TieBreak.OFF:
        return ""
    by = _objective(TIE_BREAK[objective])
    if tie is TieBreak.PROVEN:
        return _("den med %(by)s (bevist)") % {"by": by}
    return _("den med %(by)s, som HiGHS fandt inden for tidsgrænsen") % {"by": by}


def _target_fields(years: tuple[int, ...], values: dict[str, str],
                   errors: dict[str, str]) -> list[dict[str, Any]]:
    return [{"year": y, "value": values.get(f"target-{y}", ""),
             "error": errors.get(f"target-{y}")} for y in years]


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
    scenario = actions.do_create_scenario(user, catalogue.pk, name,
                                          request.POST.get("description", ""),
                                          decisions=form.decisions)
    messages.success(request, _("Løsningen er gemt som et privat scenarie."))
    return redirect("scenarios:detail", pk=scenario.pk)


# -- the round's setup (finance staff) ----------------------------------------------

KIND_LABELS = dict(RelationKind.choices)


def _relation_text(relation: Relation, row: RelationRow) -> str:
    if isinstance(relation, MutuallyExclusive):
        return _("Højst ét af forslagene %(numbers)s") % {
            "numbers": ", ".join(relation.proposals)}
    if isinstance(relation, Requires):
        return _("%(p)s forudsætter %(r)s") % {"p": relation.proposal, "r": relation.required}
    if isinstance(relation, Overlap):
        amounts = ", ".join(f"{y}: {fmt(a, page_lang())}" for y, a in relation.double_counted)
        return _("%(a)s og %(b)s overlapper (dobbelt talt: %(amounts)s)") % {
            "a": relation.first, "b": relation.second, "amounts": amounts}
    assert isinstance(relation, Protected)
    return _("Fredet: %(what)s") % {"what": relation.department or relation.area_code}


@login_required
@require_http_methods(["GET", "POST"])
def setup_page(request: HttpRequest, catalogue_pk: int) -> HttpResponse:
    user = _user(request)
    if not permissions.can_set_up(user):
        raise PermissionDenied
    catalogue = get_object_or_404(public_queries.published_catalogues(), pk=catalogue_pk)
    version = catalogue.latest_version
    assert version is not None
    full_version = type(version).objects.get(pk=version.pk)
    setup = setup_for(full_version, catalogue)
    years = setup.years
    numbers = [p.number for p in setup.catalogue.proposals]
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "targets":
            form = parse_targets(request.POST, years)
            if not form.errors:
                actions.do_set_targets(user, catalogue.pk, form.targets,
                                       request.POST.get("targets_label", ""))
                messages.success(request, _("Målene er gemt."))
                return redirect("scenarios:setup", catalogue_pk=catalogue.pk)
            errors, values = form.errors, form.values
        elif action == "settings":
            chosen: dict[str, tuple[DivisibilityChoice, int | None]] = {}
            for n in numbers:
                raw = request.POST.get(f"divisibility-{n}", DivisibilityChoice.WHOLE)
                minimum_raw = request.POST.get(f"min-share-{n}", "").strip()
                minimum = int(minimum_raw) if minimum_raw.isdigit() else None
                if minimum_raw and (minimum is None or not 1 <= minimum <= 100):
                    errors[f"min-share-{n}"] = _("Skriv en hel procent fra 1 til 100.")
                if raw not in DivisibilityChoice.values:
                    raw = DivisibilityChoice.WHOLE
                chosen[n] = (DivisibilityChoice(raw), minimum)
            if not errors:
                actions.do_set_proposal_settings(user, catalogue.pk, chosen)
                messages.success(request, _("Forslagenes indstillinger er gemt."))
                return redirect("scenarios:setup", catalogue_pk=catalogue.pk)
        elif action == "add_relation":
            relation, errors, values = _parse_relation(request, numbers, years)
            if relation is not None:
                actions.do_add_relation(user, catalogue.pk, relation)
                messages.success(request, _("Relationen er tilføjet."))
                return redirect("scenarios:setup", catalogue_pk=catalogue.pk)
        elif action == "delete_relation":
            row = get_object_or_404(RelationRow, pk=request.POST.get("relation") or 0,
                                    catalogue=catalogue)
            actions.do_delete_relation(user, row.pk)
            messages.success(request, _("Relationen er fjernet."))
            return redirect("scenarios:setup", catalogue_pk=catalogue.pk)
        elif action == "load_memo":
            added = actions.do_load_memo_relations(user, catalogue.pk)
            messages.success(request, _("%(n)s relationer fra notatet er indlæst.") % {
                "n": added})
            return redirect("scenarios:setup", catalogue_pk=catalogue.pk)
        else:
            raise Http404
        messages.error(request, _("Intet er gemt: ret de markerede felter."))
    target_values = {f"target-{y}": _percent(a) for y, a in setup.targets.amounts}
    target_values.update({k: v for k, v in values.items() if k.startswith("target-")})
    rows = RelationRow.objects.filter(catalogue=catalogue).order_by("id")
    settings_rows = []
    for p in setup.catalogue.proposals:
        attributes = setup.attributes_of(p.number)
        settings_rows.append({
            "number": p.number, "title": p.title, "slug": field_id(p.number),
            "divisible": attributes.divisibility is Divisibility.SHARE,
            "min_share": request.POST.get(f"min-share-{p.number}", "")
            if errors else (str(attributes.min_share_percent)
                            if attributes.divisibility is Divisibility.SHARE else ""),
            "error": errors.get(f"min-share-{p.number}")})
    return render(request, "scenarios/setup.html", {
        "catalogue": catalogue, "years": years,
        "target_fields": _target_fields(years, target_values, errors),
        "overlap_fields": [{"year": y, "value": values.get(f"overlap-{y}", ""),
                            "error": errors.get(f"overlap-{y}")} for y in years],
        "targets_label": setup.targets.label, "errors": errors, "values": values,
        "relations": [{"row": row, "kind": KIND_LABELS.get(row.kind, row.kind),
                       "text": _relation_text(relation_of(row), row)} for row in rows],
        "kinds": RelationKind.choices, "proposals": settings_rows,
        "departments": sorted({a.department for a in setup.attributes.values()
                               if a.department} | {r.department for r in
                                                   (setup.catalogue.fte_table.rows
                                                    if setup.catalogue.fte_table else ())}),
        "setup_findings": setup.findings}, status=400 if errors else 200)


def _parse_relation(request: HttpRequest, numbers: list[str], years: tuple[int, ...]
                    ) -> tuple[Relation | None, dict[str, str], dict[str, str]]:
    data = request.POST
    kind = data.get("kind", "")
    raw = data.get("relation_proposals", "")
    note = data.get("note", "").strip()
    values = {"kind": kind, "relation_proposals": raw, "note": note,
              "department": data.get("department", ""), "area_code": data.get("area_code", "")}
    errors: dict[str, str] = {}
    chosen = [n.strip() for n in raw.replace(";", ",").split(",") if n.strip()]
    unknown = [n for n in chosen if n not in numbers]
    if kind in (RelationKind.EXCLUSIVE, RelationKind.REQUIRES, RelationKind.OVERLAP):
        if unknown:
            errors["relation_proposals"] = _("Ukendte forslag: %(n)s.") % {
                "n": ", ".join(unknown)}
        elif kind == RelationKind.EXCLUSIVE and len(set(chosen)) < 2:
            errors["relation_proposals"] = _("Angiv mindst to forslag, fx 2.1, 2.2.")
        elif kind != RelationKind.EXCLUSIVE and (len(chosen) != 2 or chosen[0] == chosen[1]):
            errors["relation_proposals"] = _("Angiv præcis to forskellige forslag, fx 2.1, 2.2.")
    if errors:
        return None, errors, values
    if kind == RelationKind.EXCLUSIVE:
        return MutuallyExclusive(tuple(dict.fromkeys(chosen)), note), errors, values
    if kind == RelationKind.REQUIRES:
        return Requires(chosen[0], chosen[1], note), errors, values
    if kind == RelationKind.OVERLAP:
        amounts: dict[int, int] = {}
        for year in years:
            value = data.get(f"overlap-{year}", "").strip()
            values[f"overlap-{year}"] = value
            if not value:
                continue
            amount = parse_amount(value)
            if amount is None or amount != amount.to_integral_value() or amount < 0:
                errors[f"overlap-{year}"] = _("Skriv et helt, positivt beløb i 1.000 kr.")
            else:
                amounts[year] = int(amount)
        if not amounts and not errors:
            errors[f"overlap-{years[0]}"] = _("Angiv den dobbelt talte besparelse.")
        if errors:
            return None, errors, values
        return Overlap.of(chosen[0], chosen[1], amounts, note), errors, values
    if kind == RelationKind.PROTECTED:
        department = data.get("department", "").strip()
        area = data.get("area_code", "").strip()
        if bool(department) == bool(area):
            errors["department"] = _("Angiv enten en afdeling eller en områdebevilling.")
            return None, errors, values
        return Protected(department=department or None, area_code=area or None,
                         note=note), errors, values
    errors["kind"] = _("Vælg en type relation.")
    return None, errors, values


# -- the public page of the adopted budget ------------------------------------------

def adopted(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    catalogue = public_queries.published_catalogue(year, slug)
    agreement = (Scenario.objects.filter(catalogue=catalogue, is_agreement=True)
                 .select_related("version", "owner").first())
    if agreement is None:
        raise Http404
    setup = setup_for(agreement.version, catalogue)
    domain = domain_scenario(agreement)
    evaluation = evaluate(setup, domain)
    rows = [row for row in proposal_rows(setup, domain) if row["decision"].is_adopted]
    return render(request, "scenarios/adopted.html", {
        "catalogue": catalogue, "agreement": agreement, "rows": rows,
        **evaluation_context(setup, evaluation)})


# -- parties (finance staff) --------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def parties(request: HttpRequest) -> HttpResponse:
    """Finance staff register each politician's party, which party sharing uses."""
    user = _user(request)
    if not permissions.can_set_up(user):
        raise PermissionDenied
    politicians = list(User.objects.filter(role=Role.POLITICIAN, is_active=True)
                       .order_by("username"))
    if request.method == "POST":
        changed = 0
        for politician in politicians:
            party = request.POST.get(f"party-{politician.pk}", politician.party).strip()
            if party != politician.party:
                do_set_party(user, politician.pk, party[:100])
                changed += 1
        messages.success(request, _("Partierne er gemt (%(n)s ændret).") % {"n": changed})
        return redirect("scenarios:parties")
    return render(request, "scenarios/parties.html", {"politicians": politicians})

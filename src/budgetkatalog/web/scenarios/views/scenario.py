"""A scenario's own pages: the list, a new scenario, its evaluation and decisions,
settings, copy, and the comparison of several."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budgetkatalog.scenarios.attributes import Divisibility
from budgetkatalog.scenarios.comparison import compare as compare_scenarios
from budgetkatalog.scenarios.decision import DecisionKind
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing import queries as hearing_queries
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions, permissions
from budgetkatalog.web.scenarios.domain import domain_scenario, setup_for
from budgetkatalog.web.scenarios.forms import (
    parse_decisions,
)
from budgetkatalog.web.scenarios.models import (
    Scenario,
    Visibility,
)
from budgetkatalog.web.scenarios.views.common import (
    MAX_COMPARED,
    _load,
    _user,
    _with_document,
    decision_text,
    evaluation_context,
    proposal_rows,
)


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
        "hearing": hearing_queries.proposal_responses(scenario.catalogue),
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


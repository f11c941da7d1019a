"""What the scenario views share: loading a scenario the user may see, and the
evaluation and decision rows every scenario page shows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from budgetkatalog.core.finding import fmt
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility
from budgetkatalog.scenarios.decision import Decision, DecisionKind
from budgetkatalog.scenarios.decision import Scenario as DomainScenario
from budgetkatalog.scenarios.evaluation import Breakdown, Evaluation, contribution
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.domain import slug_for
from budgetkatalog.web.scenarios import permissions
from budgetkatalog.web.scenarios.forms import (
    field_id,
)
from budgetkatalog.web.scenarios.models import (
    Scenario,
)
from budgetkatalog.web.scenarios.templatetags.scenario_tags import page_lang

MAX_COMPARED = 4
OPTIMISER_SECONDS = 20.0


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _scenarios() -> QuerySet[Scenario]:
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
             "rows": _breakdown_rows(evaluation.by_department, _("(afdeling ukendt)"))},
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

def _target_fields(years: tuple[int, ...], values: dict[str, str],
                   errors: dict[str, str]) -> list[dict[str, Any]]:
    return [{"year": y, "value": values.get(f"target-{y}", ""),
             "error": errors.get(f"target-{y}")} for y in years]

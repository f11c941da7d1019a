"""The budget agreement: finance staff record a scenario as it, and its public page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from budgetkatalog.exporters import open_data
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.web.catalogues import limits
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions
from budgetkatalog.web.scenarios.domain import domain_scenario, setup_for, version_catalogue
from budgetkatalog.web.scenarios.models import (
    Scenario,
)
from budgetkatalog.web.scenarios.views.common import (
    _load,
    _user,
    evaluation_context,
    proposal_rows,
)


@login_required
@require_POST
def record_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    scenario = _load(request, pk)
    name = request.POST.get("name", "").strip() or _("Budgetaftale %(year)s") % {
        "year": scenario.catalogue.round.budget_year}
    too_long = limits.too_long(name, limits.SCENARIO_NAME_CHARS)
    if too_long:
        messages.error(request, _("Budgetaftalen er ikke registreret: navn: %(why)s") % {
            "why": too_long})
        return redirect("scenarios:detail", pk=scenario.pk)
    try:
        agreement = actions.do_record_agreement(user, scenario.pk, name)
    except actions.AgreementExists:
        messages.error(request, _("Budgetaftalen for kataloget er allerede registreret."))
        return redirect("scenarios:detail", pk=scenario.pk)
    messages.success(request, _("Budgetaftalen er registreret og låst."))
    return redirect("scenarios:detail", pk=agreement.pk)


# -- compare ------------------------------------------------------------------------

def _agreement(year: int, slug: str) -> tuple[Catalogue, Scenario]:
    catalogue = public_queries.published_catalogue(year, slug)
    agreement = (Scenario.objects.filter(catalogue=catalogue, is_agreement=True)
                 .select_related("version", "owner").first())
    if agreement is None:
        raise Http404
    return catalogue, agreement


@require_safe
def adopted(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    catalogue, agreement = _agreement(year, slug)
    setup = setup_for(agreement.version, catalogue)
    domain = domain_scenario(agreement)
    evaluation = evaluate(setup, domain)
    rows = [row for row in proposal_rows(setup, domain) if row["decision"].is_adopted]
    return render(request, "scenarios/adopted.html", {
        "catalogue": catalogue, "agreement": agreement, "rows": rows,
        **evaluation_context(setup, evaluation)})


@require_safe
def adopted_package(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    """The Fiscal Data Package of what the agreement adopted (phase ``approved``). The
    agreement is locked and its version never changes, so the file is rendered once."""
    catalogue, agreement = _agreement(year, slug)
    key = f"export:agreement:{agreement.pk}:{agreement.version_id}"
    content = cache.get(key)
    if content is None:
        content = open_data.fiscal_data_package_zip(version_catalogue(agreement.version),
                                                    domain_scenario(agreement))
        cache.set(key, content, 7 * 24 * 3600)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="budgetaftale-{year}-{catalogue.slug}-datapakke.zip"')
    return response


# -- parties (finance staff) --------------------------------------------------------


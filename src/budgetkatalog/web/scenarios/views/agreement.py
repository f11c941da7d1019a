"""The budget agreement: finance staff record a scenario as it, and its public page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions
from budgetkatalog.web.scenarios.domain import domain_scenario, setup_for
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
    try:
        agreement = actions.do_record_agreement(user, scenario.pk, name)
    except actions.AgreementExists:
        messages.error(request, _("Budgetaftalen for kataloget er allerede registreret."))
        return redirect("scenarios:detail", pk=scenario.pk)
    messages.success(request, _("Budgetaftalen er registreret og låst."))
    return redirect("scenarios:detail", pk=agreement.pk)


# -- compare ------------------------------------------------------------------------

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


"""The round's setup for finance staff: targets, relations between proposals, which
proposals may be adopted in part, and each politician's party."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from budgetkatalog.core.finding import fmt
from budgetkatalog.scenarios.attributes import Divisibility
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Relation,
    Requires,
)
from budgetkatalog.web.accounts.actions import do_set_party
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.public import queries as public_queries
from budgetkatalog.web.scenarios import actions, permissions
from budgetkatalog.web.scenarios.domain import relation_of, setup_for
from budgetkatalog.web.scenarios.forms import (
    field_id,
    parse_amount,
    parse_targets,
)
from budgetkatalog.web.scenarios.models import Divisibility as DivisibilityChoice
from budgetkatalog.web.scenarios.models import Relation as RelationRow
from budgetkatalog.web.scenarios.models import (
    RelationKind,
)
from budgetkatalog.web.scenarios.templatetags.scenario_tags import page_lang
from budgetkatalog.web.scenarios.views.common import (
    _percent,
    _target_fields,
    _user,
)

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
            messages.success(request, ngettext(
                "%(n)s relation fra notatet er indlæst.",
                "%(n)s relationer fra notatet er indlæst.", added) % {"n": added})
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

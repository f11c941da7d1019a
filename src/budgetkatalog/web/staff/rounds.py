"""Administrators set up budget rounds: years, price level, unit, departments (with
the areas and accounts they own), the finance department, targets, the template's
section headings, and catalogues with their groups. Thin: parse, call an action,
render; every write is in ``catalogues.actions``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.web.accounts.models import Department, User
from budgetkatalog.web.catalogues import actions
from budgetkatalog.web.catalogues.models import SECTION_NUMBERS, BudgetRound, RoundDepartment

_RANGE = re.compile(r"^(\d{1,12})\s*-\s*(\d{1,12})$")


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_admin:
        raise PermissionDenied
    return user


def _message(error: actions.InvalidSetup) -> str:
    return error.en if (get_language() or "da").startswith("en") else error.da


def _int(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest) -> HttpResponse:
    user = _admin(request)
    values = {key: request.POST.get(key, "") for key in (
        "municipality", "name", "budget_year", "outlook_count", "price_level", "unit")}
    errors: dict[str, str] = {}
    if request.method == "POST":
        year = _int(values["budget_year"])
        if year is None:
            errors["budget_year"] = _("Skriv budgetåret med fire cifre, fx 2021.")
        if not values["municipality"].strip():
            errors["municipality"] = _("Skriv kommunens navn.")
        if not errors and year is not None:
            try:
                created = actions.do_create_round(
                    user, municipality=values["municipality"], budget_year=year,
                    outlook_count=_int(values["outlook_count"]) or 0, name=values["name"],
                    price_level=_int(values["price_level"]),
                    unit=_int(values["unit"]) or 1000)
            except actions.InvalidSetup as error:
                errors[error.field] = _message(error)
            else:
                messages.success(request, _("Runden %(name)s er oprettet.") % {
                    "name": created.display_name})
                return redirect("staff:round", pk=created.pk)
    else:
        last = BudgetRound.objects.order_by("-budget_year").first()
        values.update(municipality=last.municipality if last else "", outlook_count="3",
                      unit="1000",
                      budget_year=str(last.budget_year + 1) if last else "")
    return render(request, "staff/rounds.html", {
        "rounds": BudgetRound.objects.prefetch_related("catalogues").order_by(
            "-budget_year", "municipality"),
        "values": values, "errors": errors}, status=400 if errors else 200)


def _round_context(round_: BudgetRound, settings_values: dict[str, str] | None = None,
                   errors: dict[str, str] | None = None,
                   department_values: dict[str, str] | None = None,
                   catalogue_values: dict[str, str] | None = None) -> dict[str, Any]:
    years = round_.years
    if settings_values is None:
        settings_values = {f"target-{y}": str(round_.targets.get(str(y), "")).replace(".", ",")
                           for y in years}
        settings_values["fte_target"] = (str(round_.fte_target).replace(".", ",")
                                         if round_.fte_target is not None else "")
        settings_values["finance_department"] = str(round_.finance_department_id or "")
        settings_values.update({f"heading-{n}": round_.heading(n) for n in SECTION_NUMBERS})
        settings_values["costing_round"] = round_.costing_round
    return {
        "round": round_, "years": years, "values": settings_values, "errors": errors or {},
        "departments": RoundDepartment.objects.filter(round=round_).select_related(
            "department"),
        "choices": Department.objects.filter(rounds__round=round_),
        "headings": [{"number": n, "value": settings_values.get(f"heading-{n}", "")}
                     for n in SECTION_NUMBERS],
        "targets": [{"year": y, "value": settings_values.get(f"target-{y}", ""),
                     "error": (errors or {}).get(f"target-{y}", "")} for y in years],
        "department_values": department_values or {},
        "catalogue_values": catalogue_values or {},
        "catalogues": round_.catalogues.order_by("slug")}


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _admin(request)
    round_ = get_object_or_404(BudgetRound, pk=pk)
    if request.method == "GET":
        return render(request, "staff/round.html", _round_context(round_))
    form = request.POST.get("form", "")
    posted: dict[str, str] = {key: str(request.POST.get(key, "")) for key in request.POST
                              if key != "csrfmiddlewaretoken"}
    errors: dict[str, str] = {}
    try:
        if form == "settings":
            targets: dict[int, Decimal] = {}
            for year in round_.years:
                raw = posted.get(f"target-{year}", "").strip()
                if raw:
                    amount = parse_danish_number(raw)
                    if amount is None:
                        errors[f"target-{year}"] = _("Skriv et beløb i 1.000 kr., fx "
                                                     "-25.700.")
                    else:
                        targets[year] = amount
            raw_fte = posted.get("fte_target", "").strip()
            fte = parse_danish_number(raw_fte) if raw_fte else None
            if raw_fte and (fte is None or fte < 0):
                errors["fte_target"] = _("Skriv et antal årsværk, fx 49,7.")
            if errors:
                return render(request, "staff/round.html",
                              _round_context(round_, posted, errors), status=400)
            actions.do_update_round(
                user, round_.pk,
                finance_department_id=_int(posted.get("finance_department", "")),
                targets=targets, fte_target=fte,
                section_headings=[posted.get(f"heading-{n}", "") for n in SECTION_NUMBERS],
                costing_round=posted.get("costing_round"))
            messages.success(request, _("Rundens indstillinger er gemt."))
            return redirect("staff:round", pk=round_.pk)
        if form == "department":
            ranges: list[tuple[int, int]] = []
            for part in re.split(r"[,;\s]+(?=\d+\s*-)", posted.get("account_ranges", "")):
                if not part.strip():
                    continue
                match = _RANGE.match(part.strip())
                if match is None:
                    raise actions.InvalidSetup(
                        "account_ranges", "Skriv pengeposer som interval, fx 208500-208599.",
                        "Write accounts as ranges, e.g. 208500-208599.")
                ranges.append((int(match.group(1)), int(match.group(2))))
            actions.do_add_round_department(
                user, round_.pk, name=posted.get("name", ""),
                short_name=posted.get("short_name", ""),
                area_codes=tuple(re.findall(r"\S+", posted.get("area_codes", "")
                                            .replace(",", " "))),
                account_ranges=tuple(ranges))
            messages.success(request, _("Afdelingen er tilføjet runden."))
            return redirect("staff:round", pk=round_.pk)
        if form == "catalogue":
            catalogue = actions.do_create_catalogue(
                user, round_.pk, number=posted.get("number", ""),
                title=posted.get("title", ""), slug=posted.get("slug", ""),
                groups=tuple(line.strip() for line in posted.get("groups", "").splitlines()
                             if line.strip()))
            messages.success(request, _("Kataloget %(title)s er oprettet.") % {
                "title": catalogue.title})
            return redirect("staff:round", pk=round_.pk)
    except actions.InvalidSetup as error:
        key = "finance_department" if error.field == "finance_department" \
            else f"{form}-{error.field}"
        errors[key] = _message(error)
        return render(request, "staff/round.html", _round_context(
            round_, posted if form == "settings" else None, errors,
            department_values=posted if form == "department" else None,
            catalogue_values=posted if form == "catalogue" else None), status=400)
    return redirect("staff:round", pk=round_.pk)

"""The staff area: proposals the user may see, the editor, workflow and publication.

A proposal the user may not see answers 404, the same as one that does not exist,
so ids cannot be probed.
"""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from budgetkatalog.audit import audit
from budgetkatalog.core.finding import Finding
from budgetkatalog.core.text import SECTION_HEADINGS
from budgetkatalog.exporters.docx_book import render_template
from budgetkatalog.importers.proposal_docx import import_docx_bytes
from budgetkatalog.web.accounts.models import Department, User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.auditlog.visibility import action_label, field_label, visible_entries
from budgetkatalog.web.catalogues import actions, limits, permissions
from budgetkatalog.web.catalogues.checks import proposal_findings
from budgetkatalog.web.catalogues.costing import Costing, run_costing
from budgetkatalog.web.catalogues.domain import (
    department_hint,
    department_name,
    domain_catalogue,
    domain_proposal,
    domain_round,
    proposal_document,
)
from budgetkatalog.web.catalogues.models import (
    EXTRA_LETTERS,
    LINE_LETTERS,
    Catalogue,
    Proposal,
    ProposalState,
)
from budgetkatalog.web.hearing import queries as hearing_queries
from budgetkatalog.web.public.exports import DOCX
from budgetkatalog.web.staff.costing_form import costing_messages, form_context
from budgetkatalog.web.staff.facts import proposal_facts
from budgetkatalog.web.staff.forms import (
    form_field_label,
    input_amount,
    parse_form,
    sums,
    values_from_proposal,
    values_from_upload,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    proposals = list(permissions.visible_proposals(user)
                     .select_related("catalogue__round", "department")
                     .order_by("catalogue__round__budget_year", "catalogue__slug", "sort_key"))
    catalogues = list(Catalogue.objects.select_related("round").defer("frame")) \
        if permissions.can_publish(user) else []
    # What this person should do next: authors their drafts (sent back first), finance
    # staff the submitted proposals and the departments still to confirm.
    if user.is_finance:
        to_act = [{"proposal": p, "why": _("Indsendt: godkend eller send tilbage")}
                  for p in proposals if p.state == ProposalState.SUBMITTED]
        to_act += [{"proposal": p, "why": _("Afdelingen er ikke bekræftet")}
                   for p in proposals if not p.department_confirmed
                   and p.state != ProposalState.PUBLISHED][:20]
    elif user.is_author:
        to_act = [{"proposal": p, "why": _("Sendt tilbage: %(reason)s") % {
            "reason": p.return_reason} if p.return_reason else _("Kladde: skriv og indsend")}
            for p in sorted((p for p in proposals if p.state == ProposalState.DRAFT),
                            key=lambda p: not p.return_reason)]
    else:
        to_act = []
    return render(request, "staff/dashboard.html", {
        "to_act": to_act, "proposals": proposals, "catalogues": catalogues,
        "can_create": permissions.can_create(user),
        "can_publish": permissions.can_publish(user),
        "can_read_audit_log": permissions.can_read_audit_log(user)})


@login_required
@require_http_methods(["GET", "POST"])
def new_proposal(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not permissions.can_create(user):
        raise PermissionDenied
    catalogues = list(Catalogue.objects.select_related("round").defer("frame"))
    departments = list(Department.objects.all()) if user.is_finance else []
    errors: dict[str, str] = {}
    values = {key: request.POST.get(key, "") for key in ("catalogue", "number", "title",
                                                         "department")}
    if request.method == "POST":
        catalogue = next((c for c in catalogues if str(c.pk) == values["catalogue"]), None)
        if catalogue is None:
            errors["catalogue"] = _("Vælg et katalog.")
        for name, limit in (("number", limits.NUMBER_CHARS), ("title", limits.TITLE_CHARS)):
            message = limits.too_long(values[name], limit)
            if message:
                errors[name] = message
        if not values["number"].strip():
            errors["number"] = _("Forslaget skal have et nummer.")
        if not values["title"].strip():
            errors["title"] = _("Forslaget skal have en titel.")
        department = next((d for d in departments if str(d.pk) == values["department"]), None)
        if user.is_finance and values["department"] and department is None:
            errors["department"] = _("Vælg en af afdelingerne på listen.")
        if not errors and catalogue is not None:
            try:
                proposal = actions.do_create_proposal(
                    user, catalogue, number=values["number"], title=values["title"],
                    department=department)
            except actions.DuplicateNumber as clash:
                errors["number"] = _number_clash(clash)
            else:
                messages.success(request, _("Forslaget er oprettet som kladde."))
                return redirect("staff:proposal", pk=proposal.pk)
    elif len(catalogues) == 1:
        values["catalogue"] = str(catalogues[0].pk)
    return render(request, "staff/new.html", {
        "catalogues": catalogues, "departments": departments, "values": values,
        "errors": errors}, status=400 if errors else 200)


def _load(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("catalogue__round", "department")
        .prefetch_related("sections", "lines"), pk=pk)
    if not permissions.can_view(request.user, proposal):
        raise Http404
    return proposal


def _editor(request: HttpRequest, proposal: Proposal, *, values: dict[str, str] | None = None,
            errors: dict[str, str] | None = None, version: int | None = None,
            conflict: list[dict[str, Any]] | None = None, costing: Costing | None = None,
            proposed: list[dict[str, Any]] | None = None,
            upload_findings: list[Finding] | None = None, status: int = 200) -> HttpResponse:
    user = _user(request)
    years = proposal.catalogue.round.years
    values = values if values is not None else values_from_proposal(proposal, years)
    subtotal, total = sums(values, years)
    domain = domain_proposal(proposal, years)
    # who changed what is for the people who write and check proposals
    history = [{"at": e.at, "text": history_text(e)} for e in AuditEntry.objects.filter(
        object_type="catalogues.Proposal", object_id=str(proposal.pk))[:20]] \
        if user.is_finance or user.is_author else []
    errors = errors or {}
    return render(request, "staff/proposal.html", {
        "proposal": proposal, "years": years, "values": values, "errors": errors,
        "error_list": [{"name": name, "label": form_field_label(name), "message": message}
                       for name, message in errors.items()],
        "grid": _grid(values, years, errors),
        "section_fields": [{"name": f"section-{n}", "number": n, "heading": h,
                            "value": values.get(f"section-{n}", ""),
                            "error": errors.get(f"section-{n}")}
                           for n, h in SECTION_HEADINGS.items()],
        "sums": list(zip(years, subtotal, total, strict=True)),
        "version": version if version is not None else proposal.lock_version,
        "subtotal": subtotal, "total": total, "conflict": conflict,
        "editable": permissions.can_edit(user, proposal),
        "can_submit": permissions.can_submit(user, proposal),
        "can_approve": permissions.can_approve(user, proposal),
        "can_return": user.is_finance and proposal.state in (ProposalState.SUBMITTED,
                                                             ProposalState.APPROVED),
        "can_set_department": user.is_finance,
        "departments": list(Department.objects.filter(rounds__round=proposal.catalogue.round))
        if user.is_finance else [],
        "department_hint": department_hint(proposal) if user.is_finance else "",
        "facts": proposal_facts(proposal, domain, values),
        "findings": proposal_findings(domain, domain_round(proposal.catalogue),
                                      proposal.catalogue.title),
        "history": history, "upload_findings": upload_findings,
        "hearing": hearing_queries.proposal_responses(proposal.catalogue),
        "costing": costing, "costing_lines": _costing_lines(costing, years),
        "proposed": proposed or [],
        "cost_form": form_context(values, proposal.catalogue.round.costing_round),
        "costing_messages": costing_messages(costing, values),
        "has_costing_round": bool(proposal.catalogue.round.costing_round)}, status=status)


def history_text(entry: AuditEntry) -> str:
    """An audit entry as a sentence in the page's language: "sendt tilbage af Lene
    Hansen: mangler Tabel 1"."""
    who = entry.actor_name or _("systemet")
    phrases = {
        "create_proposal": _("oprettet af %(who)s"),
        "save_proposal": _("gemt af %(who)s"),
        "submit_proposal": _("indsendt af %(who)s"),
        "approve_proposal": _("godkendt af %(who)s"),
        "return_proposal": _("sendt tilbage af %(who)s"),
        "carry_forward_proposal": _("videreført af %(who)s"),
    }
    text = phrases.get(entry.action, _("%(action)s af %(who)s") % {
        "action": entry.action, "who": "%(who)s"}) % {"who": who}
    if entry.action == "return_proposal" and isinstance(entry.changes, dict) \
            and entry.changes.get("reason"):
        text += ": " + str(entry.changes["reason"])
    if entry.action == "carry_forward_proposal" and isinstance(entry.changes, dict):
        text += " " + _("fra %(source)s") % {"source": entry.changes.get("from", "")}
    return text


def _costing_lines(costing: Costing | None,
                   years: tuple[int, ...]) -> list[dict[str, Any]]:
    """The unrounded kroner behind each computed line, for the editor to show."""
    if costing is None or costing.result is None:
        return []
    result = costing.result
    return [{"letter": line.letter, "name": line.name or "",
             "kroner": [dict(zip(result.years, line.unrounded, strict=True)).get(y)
                        for y in years]} for line in result.lines]


def _line_label(letter: str) -> str:
    if letter == "f":
        return _("f. Anlægsinvestering")
    if letter == "g":
        return _("g. Afledte driftsudgifter")
    return f"{letter}."


def _grid(values: dict[str, str], years: tuple[int, ...],
          errors: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    def row(letter: str) -> dict[str, Any]:
        return {
            "letter": letter, "label": _line_label(letter),
            "code": values.get(f"line-{letter}-code", ""),
            "name": values.get(f"line-{letter}-name", ""),
            "cells": [{"name": f"line-{letter}-{y}", "year": y,
                       "value": values.get(f"line-{letter}-{y}", ""),
                       "error": errors.get(f"line-{letter}-{y}")} for y in years]}

    return {"lines": [row(letter) for letter in LINE_LETTERS],
            "extra": [row(letter) for letter in EXTRA_LETTERS]}


def _proposed_rows(costing: Costing, values: dict[str, str],
                   years: tuple[int, ...]) -> list[dict[str, Any]]:
    """The computed Table 1, row by row beside what the grid holds now; a row is
    offered ticked only where the grid's row is empty, so nothing typed by hand is
    replaced unless the author chooses it."""
    assert costing.result is not None
    table = costing.result.table
    rows = []
    for row in (*table.lines, table.investment, table.derived_operating):
        cells = dict(zip(table.years, row.amounts, strict=True))
        proposed = {f"line-{row.letter}-{y}": input_amount(cells.get(y)) for y in years}
        proposed[f"line-{row.letter}-code"] = row.code or ""
        proposed[f"line-{row.letter}-name"] = row.name or ""
        if not any(proposed.values()):
            continue
        current = {key: values.get(key, "").strip() for key in proposed}
        empty = not any(current.values())
        same = all(_same_cell(current[k], v) for k, v in proposed.items())
        rows.append({"letter": row.letter, "code": row.code or "", "name": row.name or "",
                     "cells": [cells.get(y) for y in years], "values": proposed,
                     "checked": empty, "same": same, "empty": empty})
    return rows


def _same_cell(current: str, proposed: str) -> bool:
    return current.replace(".", "") == proposed.replace(".", "")


def _cost(request: HttpRequest, proposal: Proposal, values: dict[str, str],
          version: int, *, accept: bool = False) -> HttpResponse:
    """Compute Table 1 from the costing form and offer it row by row; only rows the
    author ticks go into the grid ("Overfør"), and nothing is saved until "Gem"."""
    years = proposal.catalogue.round.years
    # A round without shared assumptions still has its years: amounts per year work.
    round_text = proposal.catalogue.round.costing_round or (
        f"[round]\nbudget_year = {years[0]}\nyears = [{', '.join(map(str, years))}]\n")
    costing = run_costing(values.get("costing_spec", ""), round_text)
    if costing.result is None:
        messages.error(request, _("Tabel 1 kunne ikke beregnes; se fundene under "
                                  "beregningen."))
        return _editor(request, proposal, values=values, version=version,
                       costing=costing, status=400)
    rows = _proposed_rows(costing, values, years)
    if not accept:
        messages.info(request, _("Beregningen er klar herunder. Vælg de rækker, der skal "
                                 "overføres til Tabel 1; intet er ændret endnu."))
        return _editor(request, proposal, values=values, version=version, costing=costing,
                       proposed=rows)
    chosen = [row for row in rows if request.POST.get(f"accept-{row['letter']}") == "1"]
    values = dict(values)
    for row in chosen:
        values.update(row["values"])
    table = costing.result.table
    if chosen and table.caption and not values.get("table_caption"):
        values["table_caption"] = table.caption
    if chosen:
        letters = ", ".join(f"{row['letter']}." for row in chosen)
        messages.success(request, ngettext(
            "Række %(letters)s er overført fra beregningen. Gem for at beholde den.",
            "Rækkerne %(letters)s er overført fra beregningen. Gem for at beholde dem.",
            len(chosen)) % {"letters": letters})
    else:
        messages.info(request, _("Ingen rækker var valgt; Tabel 1 er uændret."))
    return _editor(request, proposal, values=values, version=version, costing=costing)


def _conflict(mine: dict[str, str], theirs: dict[str, str]) -> list[dict[str, Any]]:
    keys = sorted(set(mine) | set(theirs))
    return [{"field": form_field_label(k), "mine": mine.get(k, ""), "theirs": theirs.get(k, "")}
            for k in keys if k not in ("version", "action")
            and (mine.get(k, "") or "").strip() != (theirs.get(k, "") or "").strip()]


# The state each step of the editor starts from: a user who may take the step from
# there, but finds the proposal moved on, lost a race (409), not a permission (403).
_STARTS_FROM = {"submit": ProposalState.DRAFT, "approve": ProposalState.SUBMITTED,
                "return": ProposalState.SUBMITTED}


def _allowed(user: User, proposal: Proposal, action: str) -> bool:
    if action == "return":
        return user.is_finance and proposal.state in (ProposalState.SUBMITTED,
                                                      ProposalState.APPROVED)
    if action == "approve":
        return permissions.can_approve(user, proposal)
    if action == "submit":
        return permissions.can_submit(user, proposal)
    return permissions.can_edit(user, proposal)


def _lost_race(user: User, proposal: Proposal, action: str) -> bool:
    probe = copy.copy(proposal)
    probe.state = _STARTS_FROM.get(action, ProposalState.DRAFT)
    return _allowed(user, probe, action)


def _moved_on(request: HttpRequest, pk: int, values: dict[str, str]) -> HttpResponse:
    """409: someone else moved the proposal on (submitted, approved, sent back) while
    this user worked; nothing is saved and the user's text stays in the form."""
    latest = _load(request, pk)
    messages.error(request, _(
        "Forslaget er i mellemtiden blevet %(state)s af en anden. Intet er gemt: din "
        "udgave står i formularen.") % {"state": latest.get_state_display().lower()})
    return _editor(request, latest, values=values or None, version=latest.lock_version,
                   status=409)


@login_required
@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    current = _load(request, pk)
    if request.method == "GET":
        return _editor(request, current)
    action = request.POST.get("action", "save")
    if action not in ("save", "submit", "approve", "return", "cost", "accept_costing",
                      "recalculate", "upload"):
        return _editor(request, current, status=400,
                       errors={"action": _("Ukendt handling.")})
    years = current.catalogue.round.years
    if action == "upload":
        return _upload(request, current)
    typed = {key: request.POST.get(key, "") for key in request.POST
             if key != "csrfmiddlewaretoken"}
    if not _allowed(user, current, action):
        if _lost_race(user, current, action):
            return _moved_on(request, current.pk, typed if action != "return" else {})
        raise PermissionDenied
    if action == "return":
        try:
            actions.do_return_proposal(user, current.pk, request.POST.get("return_reason", ""))
        except actions.InvalidTransition:
            return _moved_on(request, current.pk, {})
        except actions.ReasonRequired:
            values = {key: str(request.POST.get(key, "")) for key in request.POST}
            messages.error(request, _("Forslaget er ikke sendt tilbage: skriv en begrundelse, "
                                      "som afdelingen kan se."))
            return _editor(request, current, values=values, status=400, errors={
                "return_reason": _("Skriv en begrundelse.")})
        messages.success(request, _("Forslaget er sendt tilbage til afdelingen som kladde."))
        return redirect("staff:proposal", pk=current.pk)
    departments = frozenset(Department.objects.filter(rounds__round=current.catalogue.round)
                            .values_list("pk", flat=True)) if user.is_finance else None
    form = parse_form(request.POST, years, current.department_id, departments)
    if action in ("cost", "accept_costing"):
        if form.errors.get("costing_spec"):
            return _editor(request, current, values=form.values, errors=form.errors,
                           version=form.version, status=400)
        return _cost(request, current, form.values, form.version,
                     accept=action == "accept_costing")
    if action == "recalculate" or form.errors:
        if form.errors:
            messages.error(request, _("Forslaget er ikke gemt: ret de markerede felter."))
        return _editor(request, current, values=form.values, errors=form.errors,
                       version=form.version, status=400 if form.errors else 200)
    try:
        saved = actions.do_save_proposal(user, current.pk, form.version, form.data)
    except actions.StaleEdit as stale:
        latest = _load(request, stale.current.pk)
        theirs = values_from_proposal(latest, years)
        messages.error(request, _(
            "En anden har gemt forslaget, mens du redigerede. Intet er overskrevet: din "
            "udgave står i formularen, den gemte udgave står herunder. Gem igen for at "
            "bruge din udgave."))
        return _editor(request, latest, values=form.values, version=latest.lock_version,
                       conflict=_conflict(form.values, theirs), status=409)
    except actions.InvalidTransition:
        return _moved_on(request, current.pk, form.values)
    except actions.DuplicateNumber as clash:
        messages.error(request, _("Forslaget er ikke gemt: ret de markerede felter."))
        return _editor(request, current, values=form.values, version=form.version,
                       errors={"number": _number_clash(clash)}, status=400)
    except actions.UnknownDepartment:
        messages.error(request, _("Forslaget er ikke gemt: ret de markerede felter."))
        return _editor(request, current, values=form.values, version=form.version,
                       errors={"department": _("Vælg en af afdelingerne på listen.")},
                       status=400)
    try:
        if action == "submit":
            actions.do_submit_proposal(user, saved.pk)
            finance = saved.catalogue.round.finance_department
            messages.success(request, _("Forslaget er gemt og indsendt til %(department)s.") % {
                "department": finance.name if finance is not None else _("økonomiafdelingen")})
        elif action == "approve":
            actions.do_approve_proposal(user, saved.pk)
            messages.success(request, _("Forslaget er gemt og godkendt."))
        else:
            messages.success(request, _("Forslaget er gemt."))
    except actions.InvalidTransition:
        return _moved_on(request, saved.pk, form.values)
    return redirect("staff:proposal", pk=saved.pk)


def _number_clash(clash: actions.DuplicateNumber) -> str:
    if clash.other.strip() == clash.number.strip():
        return _("Kataloget har allerede et forslag med nummeret %(n)s.") % {
            "n": clash.number}
    return _("Nummeret %(n)s giver samme adresse som forslag %(other)s; vælg et andet "
             "nummer.") % {"n": clash.number, "other": clash.other}




MAX_UPLOAD = 5 * 1024 * 1024


def _upload(request: HttpRequest, current: Proposal) -> HttpResponse:
    """Read an uploaded Word template into the editor's form. Nothing is saved: the
    findings are shown and the author saves with the usual button (the save action)."""
    if not permissions.can_edit(_user(request), current):
        raise PermissionDenied
    upload = request.FILES.get("template")
    years = current.catalogue.round.years
    if upload is None or upload.size is None or upload.size > MAX_UPLOAD:
        messages.error(request, _("Vælg en Word-fil (.docx) på højst 5 MB."))
        return _editor(request, current, status=400)
    result = import_docx_bytes(upload.read())
    catalogue = result.catalogue
    if catalogue is None or len(catalogue.proposals) != 1:
        messages.error(request, _("Word-filen kan ikke indlæses. Intet er gemt."))
        return _editor(request, current, upload_findings=list(result.findings), status=400)
    (uploaded,) = catalogue.proposals
    values = values_from_upload(values_from_proposal(current, years), uploaded, years)
    messages.info(request, _("Word-filen er indlæst i formularen. Intet er gemt endnu: se "
                             "forslaget og kontrollen igennem, og tryk Gem."))
    return _editor(request, current, values=values, upload_findings=list(result.findings))


@require_safe
@login_required
def proposal_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal as it is now, in the Word template, to fill in and upload again."""
    current = _load(request, pk)
    years = current.catalogue.round.years
    content = render_template(domain_round(current.catalogue),
                              domain_proposal(current, years), current.catalogue.title)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="forslag-{current.slug}.docx"'
    return response


@require_safe
@login_required
def proposal_json(request: HttpRequest, pk: int) -> JsonResponse:
    current = _load(request, pk)
    doc = proposal_document(current.catalogue,
                            domain_proposal(current, current.catalogue.round.years))
    doc["state"] = current.state
    doc["department"] = department_name(current)
    return JsonResponse(doc, json_dumps_params={"ensure_ascii": False})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not permissions.can_publish(user):
        raise PermissionDenied
    catalogue = get_object_or_404(Catalogue.objects.select_related("round"), pk=pk)
    latest = catalogue.versions.order_by("-number").first()
    public_url = reverse("public:catalogue", kwargs={
        "year": catalogue.round.budget_year, "slug": catalogue.slug})
    if request.method == "POST":
        expected = request.POST.get("expected", "")
        if expected != str(latest.number if latest else 0):
            # a second click, or someone else published after this preview
            messages.info(request, _("Kataloget er allerede offentliggjort som version "
                                     "%(n)s; der er ikke lavet en ny.") % {
                                         "n": latest.number if latest else 0})
            return redirect(public_url)
        version = actions.do_publish_catalogue(user, catalogue.pk)
        if latest is not None and version.pk == latest.pk:
            messages.info(request, _("Intet er ændret siden version %(n)s; der er ikke "
                                     "lavet en ny version.") % {"n": version.number})
        else:
            messages.success(request, _("Version %(n)s af kataloget er offentliggjort.")
                             % {"n": version.number})
        return redirect(public_url)
    proposals = list(catalogue.proposals.select_related("department").order_by("sort_key"))
    document = actions.publication_document(catalogue)
    old = {p["number"]: p for p in (latest.document.get("proposals", []) if latest else [])}
    new = {p["number"]: p for p in document["proposals"]}
    changes = {
        "added": [f"{n} {new[n]['title']}" for n in new if n not in old],
        "removed": [f"{n} {old[n]['title']}" for n in old if n not in new],
        "changed": [f"{n} {new[n]['title']}" for n in new if n in old and old[n] != new[n]],
    }
    lang = "en" if (get_language() or "da").startswith("en") else "da"
    findings = [{"proposal": f.proposal or "", "text": f.message.in_language(lang),
                 "error": f.severity == "error"}
                for f in audit(domain_catalogue(document))]
    return render(request, "staff/publish.html", {
        "catalogue": catalogue, "proposals": proposals, "latest": latest,
        "expected": latest.number if latest else 0,
        "unchanged": latest is not None and latest.document == document,
        "changes": changes, "findings": findings,
        "included": [p for p in proposals if p.state in (ProposalState.APPROVED,
                                                          ProposalState.PUBLISHED)],
        "excluded": [p for p in proposals if p.state in (ProposalState.DRAFT,
                                                          ProposalState.SUBMITTED)]})


AUDIT_PAGE = 300
_SHOWN_CHARS = 300


def _shown(value: object) -> str:
    """A before/after value as the log shows it: text, cut at a readable length."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                            default=str)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + " …"


def _changed_fields(entry: AuditEntry) -> list[dict[str, str]]:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    rows = []
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": field_label(str(name)), "before": _shown(value[0]),
                         "after": _shown(value[1])})
        else:
            rows.append({"field": field_label(str(name)), "before": "", "after": _shown(value)})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def departments(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance staff confirm or change every proposal's department in one form."""
    user = _user(request)
    if not user.is_finance:
        raise PermissionDenied
    catalogue = get_object_or_404(Catalogue.objects.select_related("round"), pk=pk)
    proposals = list(catalogue.proposals.select_related("department").order_by("sort_key"))
    choices = list(Department.objects.filter(rounds__round=catalogue.round))
    if request.method == "POST":
        known = {str(d.pk): d.pk for d in choices}
        chosen: dict[int, int | None] = {}
        for proposal in proposals:
            raw = request.POST.get(f"department-{proposal.pk}")
            if raw is None:
                continue
            chosen[proposal.pk] = known.get(raw)
        actions.do_confirm_departments(user, catalogue.pk, chosen)
        messages.success(request, _("Afdelingerne er bekræftet."))
        return redirect("staff:departments", pk=catalogue.pk)
    return render(request, "staff/departments.html", {
        "catalogue": catalogue, "departments": choices,
        "rows": [{"proposal": p, "hint": department_hint(p)} for p in proposals]})


@require_safe
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The revision log: what was done, by whom, when, and which fields changed;
    filtered by proposal number, person and dates. Each reader sees only entries about
    what they may open (auditlog.visibility)."""
    user = _user(request)
    if not permissions.can_read_audit_log(user):
        raise PermissionDenied
    values = {name: request.GET.get(name, "").strip() for name in ("forslag", "person",
                                                                    "fra", "til")}
    errors: dict[str, str] = {}
    for name in ("forslag", "person"):
        message = limits.too_long(values[name], limits.NUMBER_CHARS if name == "forslag"
                                  else 150)
        if message:
            errors[name] = message
    dates: dict[str, datetime.date] = {}
    for name in ("fra", "til"):
        if values[name]:
            try:
                dates[name] = datetime.date.fromisoformat(values[name])
            except ValueError:
                errors[name] = _("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-08-20.")
    entries = visible_entries(user).order_by("-at", "-id")
    if not errors:
        if values["forslag"]:
            ids = permissions.visible_proposals(user).filter(
                number=values["forslag"]).values_list("pk", flat=True)
            entries = entries.filter(object_type="catalogues.Proposal",
                                     object_id__in=[str(pk) for pk in ids])
        if values["person"]:
            entries = entries.filter(actor_name=values["person"])
        if "fra" in dates:
            entries = entries.filter(at__date__gte=dates["fra"])
        if "til" in dates:
            entries = entries.filter(at__date__lte=dates["til"])
    shown = list(entries[:AUDIT_PAGE]) if not errors else []
    people = sorted(set(visible_entries(user).values_list("actor_name", flat=True)))
    return render(request, "staff/audit_log.html", {
        "entries": [{"entry": e, "action": action_label(e.action),
                     "fields": _changed_fields(e)} for e in shown],
        "values": values, "errors": errors, "people": people, "page": AUDIT_PAGE},
        status=400 if errors else 200)

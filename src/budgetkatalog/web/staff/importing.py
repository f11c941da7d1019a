"""Import in the web: upload a catalogue file into a catalogue of a round, see every
proposal with its Table 1 and the findings, then confirm; only the confirmation saves,
all proposals as drafts in one transaction. Thin: reading is in
``catalogues.importing``, the write in ``catalogues.actions``."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.department import label, propose_departments
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.formats.catalogue_json import FormatError, loads, to_document
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues import actions
from budgetkatalog.web.catalogues.domain import round_departments
from budgetkatalog.web.catalogues.importing import fit_findings, read_upload
from budgetkatalog.web.catalogues.models import Catalogue


def _finance(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_finance:
        raise PermissionDenied
    return user


def _lang() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def _shown(findings: list[Finding], source: str) -> list[dict[str, Any]]:
    lang = _lang()
    return [{"where": ":".join(str(x) for x in (source, f.line) if x is not None),
             "proposal": f.proposal or "", "error": f.severity is Severity.ERROR,
             "rule": f.rule, "text": f.message.in_language(lang)} for f in findings]


def _session_key(catalogue: Catalogue) -> str:
    return f"import-{catalogue.pk}"


def _preview(catalogue: Catalogue, domain: DomainCatalogue, findings: list[Finding],
             source: str) -> dict[str, Any]:
    document = to_document(domain)
    proposed = propose_departments(domain, round_departments(catalogue.round))
    checked = findings + audit(domain)
    rows = []
    for doc in document["proposals"]:
        number = doc["number"]
        table = doc["table"]
        rows.append({
            "doc": doc, "table": table,
            "years": [str(y) for y in table["years"]] if table else [],
            "department": label(doc.get("department") or proposed[number].name, _lang()),
            "findings": _shown([f for f in checked if f.proposal == number], source)})
    return {"rows": rows, "general": _shown([f for f in checked if not f.proposal], source),
            "source": source, "count": len(rows)}


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, pk: int) -> HttpResponse:
    user = _finance(request)
    catalogue = get_object_or_404(Catalogue.objects.select_related("round"), pk=pk)
    context: dict[str, Any] = {"catalogue": catalogue}
    if request.method == "GET":
        return render(request, "staff/import.html", context)
    if request.POST.get("action") == "confirm":
        stored = request.session.get(_session_key(catalogue))
        if not stored:
            messages.error(request, _("Der er ingen fil at gemme; indlæs filen igen."))
            return redirect("staff:import", pk=catalogue.pk)
        try:
            confirmed, _findings = loads(stored["document"])
            created = actions.do_import_into_catalogue(user, catalogue.pk, confirmed)
        except (FormatError, actions.ImportRefused) as error:
            context["unusable"] = _shown(error.findings, stored["name"])
            return render(request, "staff/import.html", context, status=400)
        del request.session[_session_key(catalogue)]
        messages.success(request, _("%(n)s forslag er gemt som kladder. Bekræft deres "
                                    "afdelinger.") % {"n": len(created)})
        return redirect("staff:departments", pk=catalogue.pk)
    upload = request.FILES.get("file")
    if upload is None:
        context["unusable"] = [{"where": "", "error": True, "rule": "import.no-file",
                                "text": _("Vælg en fil.")}]
        return render(request, "staff/import.html", context, status=400)
    name = upload.name or "fil"
    domain, findings = read_upload(upload.read())
    misfit = [] if domain is None else [
        f for f in fit_findings(domain, catalogue) if f.severity is Severity.ERROR]
    if domain is None or misfit:
        context["unusable"] = _shown(misfit + findings, name)
        return render(request, "staff/import.html", context, status=400)
    request.session[_session_key(catalogue)] = {
        "name": name, "document": json.dumps(to_document(domain), ensure_ascii=False)}
    context.update(preview=_preview(catalogue, domain, findings, name))
    return render(request, "staff/import.html", context)

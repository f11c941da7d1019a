"""Carry-forward: choose proposals of an earlier round's catalogue and copy them into
this catalogue as drafts, moved to the new years and re-priced. Thin: the write is
``catalogues.actions.do_carry_forward``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues import actions
from budgetkatalog.web.catalogues.models import Catalogue


def _finance(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_finance:
        raise PermissionDenied
    return user


@login_required
@require_http_methods(["GET", "POST"])
def carry_forward(request: HttpRequest, pk: int) -> HttpResponse:
    user = _finance(request)
    target = get_object_or_404(Catalogue.objects.select_related("round"), pk=pk)
    sources = list(Catalogue.objects.select_related("round")
                   .filter(round__budget_year__lt=target.round.budget_year)
                   .order_by("-round__budget_year", "slug"))
    chosen_source = next((c for c in sources if str(c.pk) == request.GET.get(
        "fra", request.POST.get("fra", ""))), sources[0] if sources else None)
    error = ""
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("proposal") if v.isdigit()]
        try:
            created = actions.do_carry_forward(user, target.pk, ids)
        except actions.CarryRefused as refused:
            error = refused.en if (get_language() or "da").startswith("en") else refused.da
        else:
            messages.success(request, _("%(n)s forslag er videreført som kladder: "
                                        "%(numbers)s.") % {
                "n": len(created), "numbers": ", ".join(p.number for p in created)})
            return redirect("staff:dashboard")
    proposals = list(chosen_source.proposals.select_related("department")
                     .order_by("sort_key")) if chosen_source else []
    chosen = set(request.POST.getlist("proposal"))
    return render(request, "staff/carry.html", {
        "target": target, "sources": sources, "source": chosen_source,
        "proposals": proposals, "chosen": chosen, "error": error},
        status=400 if error else 200)

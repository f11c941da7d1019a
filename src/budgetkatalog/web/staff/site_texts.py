"""Finance staff edit the accessibility statement (the public page is /tilgaengelighed/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budgetkatalog.web.public.actions import (
    FIELDS,
    StatementData,
    can_edit_site_texts,
    do_update_accessibility_statement,
)
from budgetkatalog.web.public.models import AccessibilityStatement

if TYPE_CHECKING:
    ModelForm = forms.ModelForm[AccessibilityStatement]
else:
    ModelForm = forms.ModelForm


class StatementForm(ModelForm):
    class Meta:
        model = AccessibilityStatement
        fields = FIELDS
        widgets = {"prepared_on": forms.DateInput(attrs={"type": "date"}),
                   "reviewed_on": forms.DateInput(attrs={"type": "date"}),
                   "scope": forms.Textarea(attrs={"rows": 3}),
                   "known_issues": forms.Textarea(attrs={"rows": 6})}

    def full_clean(self) -> None:
        super().full_clean()
        # Each error is read out with its field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({
                    "aria-invalid": "true",
                    "aria-describedby": f"{self[name].id_for_label}-error"})


@login_required
@require_http_methods(["GET", "POST"])
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    if not can_edit_site_texts(request.user):
        raise PermissionDenied
    statement = AccessibilityStatement.current()
    form = StatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        data = StatementData(**{field: form.cleaned_data[field] for field in FIELDS})
        do_update_accessibility_statement(request.user, data)  # type: ignore[arg-type]
        messages.success(request, _("Tilgængelighedserklæringen er opdateret."))
        return redirect("public:accessibility")
    if request.method == "POST":
        messages.error(request, _("Erklæringen er ikke gemt: ret de markerede felter."))
    return render(request, "staff/accessibility.html", {"form": form},
                  status=400 if form.errors else 200)

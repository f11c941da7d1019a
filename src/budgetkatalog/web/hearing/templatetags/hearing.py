"""Template helpers for the hearing pages: accessible form fields, Copenhagen times,
and the response count beside a proposal in the staff and scenario pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.models import Hearing
from budgetkatalog.web.hearing.queries import ProposalResponses

register = template.Library()


@register.filter
def accessible(field: BoundField, hint: str = "") -> SafeString:
    """The field's widget with its error and hint linked by aria-describedby and marked
    aria-invalid when the form rejected it."""
    described = []
    if hint:
        described.append(f"{field.auto_id}-hint")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def copenhagen(instant: datetime | None) -> str:
    if instant is None:
        return ""
    return timezone.localtime(instant).strftime("%d.%m.%Y kl. %H:%M:%S")


@register.filter
def copenhagen_minute(instant: datetime | None) -> str:
    if instant is None:
        return ""
    return timezone.localtime(instant).strftime("%d.%m.%Y kl. %H:%M")


@register.simple_tag
def responses_to(summary: ProposalResponses | None, number: str) -> int:
    """Published hearing responses to one proposal (0 without a hearing)."""
    return summary.count(number) if summary is not None else 0


@register.simple_tag
def hearing_page_url(catalogue: Catalogue) -> str:
    """The catalogue's hearing page, or "" when it has had no hearing (one query)."""
    if not Hearing.objects.filter(catalogue_id=catalogue.pk).exists():
        return ""
    return reverse("hearing:page", args=[catalogue.round.budget_year, catalogue.slug])

"""Reads for the public pages. Each returns in a fixed number of queries whatever the
catalogue's size; all read published versions only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from budgetkatalog.web.catalogues.models import Catalogue, PublishedProposal

LIST_FIELDS = ("id", "version_id", "number", "slug", "sort_key", "title", "department",
               "group", "area_codes", "affects_citizens", "affects_staff", "totals")


def published_catalogues() -> QuerySet[Catalogue]:
    return (Catalogue.objects.filter(latest_version__isnull=False)
            .select_related("round", "latest_version")
            .defer("frame", "latest_version__document")
            .order_by("-round__budget_year", "slug"))


def published_catalogue(year: int, slug: str) -> Catalogue:
    catalogue = published_catalogues().filter(round__budget_year=year, slug=slug).first()
    if catalogue is None:
        raise Http404
    return catalogue


def listed(version_ids: list[int]) -> QuerySet[PublishedProposal]:
    return (PublishedProposal.objects.filter(version_id__in=version_ids)
            .only(*LIST_FIELDS).order_by("version_id", "sort_key"))


@dataclass
class OverviewGroup:
    name: str
    rows: list[PublishedProposal] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)


@dataclass
class Overview:
    catalogue: Catalogue
    years: tuple[int, ...]
    groups: list[OverviewGroup]
    totals: list[int]


def overview(catalogue: Catalogue, rows: list[PublishedProposal]) -> Overview:
    """The overview table: proposals by group with group and catalogue totals
    (exact sums of the proposals' I alt in 1.000 kr.)."""
    years = catalogue.round.years
    groups: dict[str, OverviewGroup] = {}
    for row in rows:
        group = groups.setdefault(row.group, OverviewGroup(row.group, [], [0] * len(years)))
        group.rows.append(row)
        group.totals = [a + (b or 0) for a, b in zip(group.totals, row.totals, strict=False)]
    totals = [sum(g.totals[i] for g in groups.values()) for i in range(len(years))]
    return Overview(catalogue, years, list(groups.values()), totals)


def chart(years: tuple[int, ...], totals: list[int]) -> dict[str, Any]:
    """Bars of savings (the negated I alt) per year, scaled into a 600×240 SVG."""
    savings = [-t for t in totals]
    top = max([*savings, 1])
    width, height, left, bottom = 600, 240, 70, 30
    bar_w = (width - left - 20) // max(len(years), 1)
    bars = []
    for i, (year, value) in enumerate(zip(years, savings, strict=True)):
        h = max(0, round((height - bottom - 20) * value / top))
        x = left + i * bar_w + bar_w // 6
        bars.append({"year": year, "value": value, "total": -value, "x": x, "w": bar_w * 2 // 3,
                     "y": height - bottom - h, "h": h, "label_x": x + bar_w // 3,
                     "label_y": height - bottom - h - 6})
    return {"width": width, "height": height, "bars": bars, "axis_y": height - bottom,
            "left": left}

"""Reads for the hearing pages; the public ones read published responses only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, QuerySet
from django.http import Http404
from django.urls import reverse

from budgetkatalog.web.catalogues.models import Catalogue, PublishedProposal
from budgetkatalog.web.hearing.models import Hearing, Response, ResponseState, SenderType


def hearing_of(year: int, slug: str) -> Hearing:
    """The current hearing of a published catalogue, with the catalogue and its round,
    in one query (the response form is posted at the deadline's peak)."""
    hearing = (Hearing.objects.filter(catalogue__latest_version__isnull=False,
                                      catalogue__round__budget_year=year,
                                      catalogue__slug=slug)
               .select_related("catalogue__round").defer("catalogue__frame")
               .order_by("-opens_at", "-id").first())
    if hearing is None:
        raise Http404
    return hearing


def published_catalogue(year: int, slug: str) -> Catalogue:
    catalogue = (Catalogue.objects.filter(latest_version__isnull=False,
                                          round__budget_year=year, slug=slug)
                 .select_related("round").defer("frame").first())
    if catalogue is None:
        raise Http404
    return catalogue


def current_hearing(catalogue: Catalogue) -> Hearing:
    hearing = catalogue.hearings.order_by("-opens_at", "-id").first()
    if hearing is None:
        raise Http404
    return hearing


@lru_cache(maxsize=256)
def version_proposals(version_id: int) -> tuple[tuple[str, str], ...]:
    """(number, title) of every proposal in a published version. A published version
    never changes, so each process reads it once (the response form is posted at the
    deadline's peak)."""
    return tuple(PublishedProposal.objects.filter(version_id=version_id)
                 .order_by("sort_key").values_list("number", "title"))


def proposals_of(hearing: Hearing) -> list[tuple[str, str]]:
    """(number, "number title") of every proposal in the hearing's version."""
    return [(number, f"{number} {title}")
            for number, title in version_proposals(hearing.version_id)]


def proposal_title(hearing: Hearing, number: str) -> str | None:
    """The title of a proposal in the hearing's version, or None when it has none."""
    return dict(version_proposals(hearing.version_id)).get(number)


def published_responses(hearing: Hearing) -> QuerySet[Response]:
    return (Response.objects.filter(hearing=hearing, state=ResponseState.PUBLISHED)
            .only("id", "hearing_id", "proposal_number", "proposal_title", "sender_type",
                  "public_name", "public_organisation", "public_text", "received_at",
                  "state", "published_at")
            .order_by("id"))


@dataclass(frozen=True)
class SenderCount:
    value: str
    label: str
    count: int


def counts_by_sender(responses: QuerySet[Response]) -> list[SenderCount]:
    counted = dict(responses.order_by().values_list("sender_type")
                   .annotate(n=Count("id")).values_list("sender_type", "n"))
    return [SenderCount(value, str(label), counted.get(value, 0))
            for value, label in SenderType.choices]


def counts_by_proposal(hearing: Hearing, *, published_only: bool) -> dict[str, int]:
    qs = Response.objects.filter(hearing=hearing)
    if published_only:
        qs = qs.filter(state=ResponseState.PUBLISHED)
    return dict(qs.order_by().values_list("proposal_number")
                .annotate(n=Count("id")).values_list("proposal_number", "n"))


@dataclass(frozen=True)
class ProposalResponses:
    """The published responses per proposal number in a catalogue's current hearing,
    and the page that lists them (for the staff editor and the scenario pages)."""

    hearing: Hearing
    counts: dict[str, int]
    url: str

    def count(self, number: str) -> int:
        return self.counts.get(number, 0)


def proposal_responses(catalogue: Catalogue) -> ProposalResponses | None:
    """Two queries, whatever the catalogue's size; None when it has had no hearing."""
    hearing = (Hearing.objects.filter(catalogue_id=catalogue.pk)
               .order_by("-opens_at", "-id").first())
    if hearing is None:
        return None
    return ProposalResponses(
        hearing, counts_by_proposal(hearing, published_only=True),
        reverse("hearing:page", args=[catalogue.round.budget_year, catalogue.slug]))

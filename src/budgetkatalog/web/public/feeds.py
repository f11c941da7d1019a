"""Atom feed of the published catalogues' proposals (latest version of each)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from budgetkatalog.web.catalogues.models import PublishedProposal
from budgetkatalog.web.public import queries


class PublishedProposalsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("Budgetkatalog: offentliggjorte forslag")
    subtitle = _("Forslag i de senest offentliggjorte versioner af budgetkatalogerne.")

    def link(self) -> str:
        return reverse("public:front")

    def items(self) -> QuerySet[PublishedProposal]:
        latest = queries.published_catalogues().values("latest_version_id")
        return (PublishedProposal.objects.filter(version_id__in=latest)
                .select_related("version__catalogue__round")
                .only(*queries.LIST_FIELDS, "version__published_at", "version__number",
                      "version__catalogue__slug", "version__catalogue__title",
                      "version__catalogue__round__budget_year")
                .order_by("-version__published_at", "sort_key")[:500])

    def item_title(self, item: PublishedProposal) -> str:
        return f"{item.number} {item.title}"

    def item_description(self, item: PublishedProposal) -> str:
        return f"{item.version.catalogue.title} · {item.department}"

    def item_link(self, item: PublishedProposal) -> str:
        catalogue = item.version.catalogue
        return reverse("public:proposal", kwargs={
            "year": catalogue.round.budget_year, "slug": catalogue.slug,
            "proposal_slug": item.slug})

    def item_pubdate(self, item: PublishedProposal):  # type: ignore[no-untyped-def]
        return item.version.published_at

"""Budget rounds, catalogues, proposals (sections and Table 1 lines) and the
immutable published versions.

Proposals are the working copy that staff edit. Publishing copies every published
proposal into a ``CatalogueVersion`` (the domain's catalogue JSON for the whole
catalogue) and one ``PublishedProposal`` row per proposal (that proposal's JSON plus
the columns the public pages filter and search on). Public pages read only those
version rows, so an unpublished draft cannot reach them by any URL.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgetkatalog.web.accounts.models import Department


class BudgetRound(models.Model):
    municipality = models.CharField(_("kommune"), max_length=200)
    budget_year = models.PositiveIntegerField(_("budgetår"))
    outlook_years = models.JSONField(_("overslagsår"), default=list)
    unit = models.PositiveIntegerField(_("enhed"), default=1000)
    price_level = models.PositiveIntegerField(_("pris- og lønniveau"), null=True, blank=True)
    # The round's shared costing assumptions (salaries, overhead, price index) as the
    # costing spec's round file (TOML); proposal specs name it as ``round = "..."``.
    costing_round = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "budget_year"],
                                               name="one_round_per_year")]

    def __str__(self) -> str:
        return f"{self.municipality}, Budget {self.budget_year}"

    @property
    def years(self) -> tuple[int, ...]:
        return (self.budget_year, *self.outlook_years)


class Catalogue(models.Model):
    round = models.ForeignKey(BudgetRound, on_delete=models.PROTECT, related_name="catalogues")
    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("kort navn"), max_length=60)
    # The parts of the catalogue JSON that are not proposals (groups' intros, the stated
    # overview, the memo's FTE table, front matter), kept so that a version is complete.
    frame = models.JSONField(default=dict)
    latest_version = models.ForeignKey("CatalogueVersion", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "slug"],
                                               name="catalogue_slug_per_round")]
        ordering = ["round__budget_year", "slug"]

    def __str__(self) -> str:
        return self.title


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")
    APPROVED = "approved", _("Godkendt")
    PUBLISHED = "published", _("Offentliggjort")


SECTION_NUMBERS = range(1, 8)
LINE_LETTERS = ("a", "b", "c", "d")
EXTRA_LETTERS = ("f", "g")


class Proposal(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="proposals")
    department = models.ForeignKey(Department, verbose_name=_("afdeling"),
                                   on_delete=models.PROTECT, related_name="proposals")
    number = models.CharField(_("nummer"), max_length=20)
    slug = models.SlugField(max_length=30)
    sort_key = models.CharField(max_length=60, default="")
    title = models.CharField(_("titel"), max_length=300)
    state = models.CharField(_("status"), max_length=20, choices=ProposalState.choices,
                             default=ProposalState.DRAFT, db_index=True)
    group = models.CharField(_("gruppe"), max_length=200, blank=True)
    areas_text = models.CharField(_("områdebevilling"), max_length=300, blank=True)
    fte = models.DecimalField(_("årsværk"), max_digits=8, decimal_places=2, null=True,
                              blank=True)
    affects_citizens = models.BooleanField(_("berører borgere"), default=False)
    affects_staff = models.BooleanField(_("berører personale"), default=False)
    has_table = models.BooleanField(default=True)
    table_caption = models.CharField(_("tabeltekst"), max_length=300, blank=True)
    # Delsum and I alt as an imported source stated them (None when written here);
    # kept so that the checks can show where a source's sums disagree with its lines.
    stated_subtotal = models.JSONField(null=True, blank=True)
    stated_total = models.JSONField(null=True, blank=True)
    # The costing calculator's assumptions for Table 1 (a costing spec in TOML).
    costing_spec = models.TextField(_("beregningsforudsætninger"), blank=True)
    # Optimistic concurrency: a save must name the version it was edited from.
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["catalogue", "number"],
                                               name="proposal_number_per_catalogue")]
        ordering = ["catalogue", "sort_key"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Section(models.Model):
    """One of the template's sections 1–7. ``body`` is the editable text: paragraphs
    separated by a blank line, bullet items as lines starting with ``- ``."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "number"],
                                               name="section_number_per_proposal")]
        ordering = ["proposal", "number"]


class TableLine(models.Model):
    """A row of Table 1: budget lines a–d, f (Anlægsinvestering), g (Afledte
    driftsudgifter). ``amounts`` holds one whole number of table units or null (blank
    cell) per year of the round, in the round's order."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    letter = models.CharField(max_length=1)
    code = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=200, blank=True)
    amounts = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "letter"],
                                               name="line_letter_per_proposal")]
        ordering = ["proposal", "letter"]


class ImmutableError(Exception):
    """A published version, or a proposal in it, was about to be changed."""


class Immutable(models.Model):
    """Rows that are written once, at publication, and never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(f"{self._meta.label} {self.pk} is published and immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError(f"{self._meta.label} {self.pk} is published and immutable")


class CatalogueVersion(Immutable):
    """An immutable published version: the catalogue JSON of everything published."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    document = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["catalogue", "number"],
                                               name="version_number_per_catalogue")]
        ordering = ["catalogue", "number"]

    def __str__(self) -> str:
        return f"{self.catalogue} v{self.number}"


class PublishedProposal(Immutable):
    """A proposal as published in one version; never changed after publication."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE,
                                related_name="proposals")
    proposal = models.ForeignKey(Proposal, null=True, on_delete=models.SET_NULL,
                                 related_name="publications")
    number = models.CharField(max_length=20)
    slug = models.SlugField(max_length=30)
    sort_key = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    department = models.CharField(max_length=200)
    group = models.CharField(max_length=200, blank=True)
    # "|8290|4410|": one containment lookup filters by area on every database.
    area_codes = models.CharField(max_length=300, blank=True)
    affects_citizens = models.BooleanField(default=False)
    affects_staff = models.BooleanField(default=False)
    totals = models.JSONField(default=list)
    search_text = models.TextField(blank=True)
    # The portable search's haystack: casefolded, stemmed words (see catalogues.search).
    search_words = models.TextField(blank=True)
    document = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "slug"],
                                               name="published_slug_per_version")]
        ordering = ["version", "sort_key"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def doc(self) -> dict[str, Any]:
        return self.document  # type: ignore[no-any-return]

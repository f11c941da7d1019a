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

from budgetkatalog.core.text import SECTION_HEADINGS
from budgetkatalog.web.accounts.models import Department


class BudgetRound(models.Model):
    municipality = models.CharField(_("kommune"), max_length=200)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    budget_year = models.PositiveIntegerField(_("budgetår"))
    outlook_years = models.JSONField(_("overslagsår"), default=list)
    unit = models.PositiveIntegerField(_("enhed"), default=1000)
    price_level = models.PositiveIntegerField(_("pris- og lønniveau"), null=True, blank=True)
    # The round's shared costing assumptions (salaries, overhead, price index) as the
    # costing spec's round file (TOML); proposal specs name it as ``round = "..."``.
    costing_round = models.TextField(blank=True)
    # Which of the round's departments is the finance department (Økonomi & Stab in
    # the example): a setting, never inferred from a name.
    finance_department = models.ForeignKey(Department, verbose_name=_("økonomiafdeling"),
                                           null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "budget_year"],
                                               name="one_round_per_year")]

    def __str__(self) -> str:
        return f"{self.municipality}, Budget {self.budget_year}"

    # The round's targets ({year: amount} in 1.000 kr., the catalogue's sign, exact
    # decimal strings) and FTE target; scenarios use them where a catalogue sets none.
    targets = models.JSONField(_("mål"), default=dict, blank=True)
    fte_target = models.DecimalField(_("mål for årsværk"), max_digits=8, decimal_places=2,
                                     null=True, blank=True)
    # The proposal template's section headings 1–7; empty is the example's seven.
    section_headings = models.JSONField(_("afsnitsoverskrifter"), default=list, blank=True)

    @property
    def years(self) -> tuple[int, ...]:
        return (self.budget_year, *self.outlook_years)

    @property
    def display_name(self) -> str:
        return self.name or f"Budget {self.budget_year}"

    def heading(self, number: int) -> str:
        """Section ``number``'s heading in this round's template."""
        if len(self.section_headings) >= number and self.section_headings[number - 1]:
            return str(self.section_headings[number - 1])
        return SECTION_HEADINGS[number]


class RoundDepartment(models.Model):
    """A department taking part in a budget round, with the appropriation areas
    (four-digit codes) and account ranges it owns there; from these a proposal's
    department is proposed (``budgetkatalog.core.department``)."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE,
                              related_name="departments")
    department = models.ForeignKey(Department, verbose_name=_("afdeling"),
                                   on_delete=models.PROTECT, related_name="rounds")
    area_codes = models.JSONField(_("områdebevillinger"), default=list, blank=True)
    # [[low, high], ...] inclusive, account numbers as integers.
    account_ranges = models.JSONField(_("pengeposer"), default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "department"],
                                               name="one_department_per_round")]
        ordering = ["round", "department__name"]

    def __str__(self) -> str:
        return f"{self.department} ({self.round})"


class Catalogue(models.Model):
    round = models.ForeignKey(BudgetRound, on_delete=models.PROTECT, related_name="catalogues")
    number = models.CharField(_("nummer"), max_length=20, blank=True)
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
    # None: nobody has stated the department ("ikke angivet"); never a default.
    department = models.ForeignKey(Department, verbose_name=_("afdeling"), null=True,
                                   blank=True, on_delete=models.PROTECT,
                                   related_name="proposals")
    # Where the department came from (``core.department.Source``, or "set" by a
    # person) and whether finance staff have confirmed it.
    department_source = models.CharField(max_length=20, blank=True)
    department_confirmed = models.BooleanField(_("afdeling bekræftet"), default=False)
    number = models.CharField(_("nummer"), max_length=20)
    slug = models.SlugField(max_length=30)
    sort_key = models.CharField(max_length=60, default="")
    title = models.CharField(_("titel"), max_length=300)
    state = models.CharField(_("status"), max_length=20, choices=ProposalState.choices,
                             default=ProposalState.DRAFT, db_index=True)
    group = models.CharField(_("gruppe"), max_length=200, blank=True)
    areas_text = models.CharField(_("områdebevilling"), max_length=300, blank=True)
    # Facts the author states; None is "ikke angivet" (never 0, never False). What the
    # text suggests is shown beside the field, not stored in it.
    fte = models.DecimalField(_("årsværk"), max_digits=8, decimal_places=2, null=True,
                              blank=True)
    # Where an imported FTE figure was stated (the memo's table, the proposal's own
    # total), or "set" by a person.
    fte_source = models.CharField(max_length=100, blank=True)
    affects_citizens = models.BooleanField(_("berører borgere"), null=True, blank=True)
    affects_staff = models.BooleanField(_("berører personale"), null=True, blank=True)
    has_table = models.BooleanField(default=True)
    table_caption = models.CharField(_("tabeltekst"), max_length=300, blank=True)
    # Delsum and I alt as an imported source stated them (None when written here);
    # kept so that the checks can show where a source's sums disagree with its lines.
    stated_subtotal = models.JSONField(null=True, blank=True)
    stated_total = models.JSONField(null=True, blank=True)
    # The costing calculator's assumptions for Table 1 (a costing spec in TOML).
    costing_spec = models.TextField(_("beregningsforudsætninger"), blank=True)
    # A proposal carried forward from an earlier round: the original, and the mark the
    # pages show ("videreført fra Budget 2020, 2.8"), kept even if the original goes.
    carried_from = models.ForeignKey("self", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="carried_to")
    carried_from_label = models.CharField(max_length=200, blank=True)
    # Why finance staff sent the proposal back, for its authors; cleared when it is
    # submitted again.
    return_reason = models.TextField(_("begrundelse"), blank=True)
    returned_by_name = models.CharField(max_length=150, blank=True)
    # Optimistic concurrency: a save must name the version it was edited from.
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The number names the proposal, the slug is its address: "2-5" and "2.5" are
        # different numbers with the same address, so both are unique.
        constraints = [models.UniqueConstraint(fields=["catalogue", "number"],
                                               name="proposal_number_per_catalogue"),
                       models.UniqueConstraint(fields=["catalogue", "slug"],
                                               name="proposal_slug_per_catalogue")]
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
    affects_citizens = models.BooleanField(null=True)
    affects_staff = models.BooleanField(null=True)
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

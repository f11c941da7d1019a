"""Scenarios, the budget agreement and the round's setup (targets, relations,
proposal settings) that finance staff enter.

A scenario is built on one published ``CatalogueVersion`` and keeps it: its decisions
name proposals of that version, and the domain evaluates them against that version's
catalogue JSON, so a draft can never enter a scenario. Only adopted and partly
adopted proposals have a decision row; a proposal without one is rejected, as in the
domain (``budgetkatalog.scenarios.decision``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Privat")
    PARTY = "party", _("Delt med partiet")
    PUBLIC = "public", _("Offentligt")


class Scenario(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT,
                                  related_name="scenarios")
    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT,
                                related_name="scenarios")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="scenarios")
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    visibility = models.CharField(_("synlighed"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PRIVATE)
    # The owner's party when the scenario was shared with it.
    party = models.CharField(_("parti"), max_length=100, blank=True, default="")
    locked = models.BooleanField(_("låst"), default=False)
    is_agreement = models.BooleanField(_("budgetaftale"), default=False)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["catalogue", "name", "id"]
        constraints = [models.UniqueConstraint(
            fields=["catalogue"], condition=Q(is_agreement=True),
            name="one_agreement_per_catalogue")]

    def __str__(self) -> str:
        return self.name


class DecisionKind(models.TextChoices):
    ADOPTED = "adopted", _("Vedtaget")
    PARTIAL = "partial", _("Delvist vedtaget")
    LINES = "lines", _("Udvalgte linjer")


class ScenarioDecision(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="decisions")
    number = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    # Percent adopted (exact; 37.5 = 37,5 %), for partly adopted proposals only.
    share_percent = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    lines = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["scenario", "id"]
        constraints = [models.UniqueConstraint(fields=["scenario", "number"],
                                               name="one_decision_per_proposal")]


class RoundSettings(models.Model):
    """Targets for a catalogue's scenarios: {year: amount} in 1.000 kr. with the
    catalogue's sign, amounts kept as exact decimal strings."""

    catalogue = models.OneToOneField(Catalogue, on_delete=models.CASCADE,
                                     related_name="scenario_settings")
    targets = models.JSONField(default=dict)
    targets_label = models.CharField(_("målets navn"), max_length=200, blank=True)


class RelationKind(models.TextChoices):
    EXCLUSIVE = "exclusive", _("Udelukker hinanden")
    REQUIRES = "requires", _("Forudsætter")
    OVERLAP = "overlap", _("Overlapper")
    PROTECTED = "protected", _("Fredet område")


class Relation(models.Model):
    """A relation between proposals. ``proposals``: the numbers, for ``requires``
    [proposal, required], for ``overlap`` [first, second]; ``amounts``: the saving
    counted twice per year (positive, 1.000 kr.) for ``overlap``; ``department`` or
    ``area_code`` for ``protected``."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE,
                                  related_name="scenario_relations")
    kind = models.CharField(_("type"), max_length=10, choices=RelationKind.choices)
    proposals = models.JSONField(default=list, blank=True)
    amounts = models.JSONField(default=dict, blank=True)
    department = models.CharField(_("afdeling"), max_length=200, blank=True)
    area_code = models.CharField(_("områdebevilling"), max_length=20, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    from_memo = models.BooleanField(default=False)

    class Meta:
        ordering = ["catalogue", "id"]


class Divisibility(models.TextChoices):
    WHOLE = "whole", _("Kun helt")
    SHARE = "share", _("Kan vedtages delvist")


class ProposalSetting(models.Model):
    """Finance staff's settings for one proposal of a catalogue (the domain's
    ``AttributeOverride``); blank values keep what the domain derives."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE,
                                  related_name="scenario_proposal_settings")
    number = models.CharField(max_length=20)
    divisibility = models.CharField(max_length=10, choices=Divisibility.choices,
                                    default=Divisibility.WHOLE)
    min_share_percent = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["catalogue", "number"],
                                               name="one_setting_per_proposal")]

"""Between the scenario rows and the domain (``budgetkatalog.scenarios``).

The catalogue comes from the scenario's published version (its catalogue JSON), never
from the working copy; the setup adds the targets, relations and proposal settings
finance staff entered. The domain's own memo relations are not added implicitly:
finance staff load them into the relation rows (``do_load_memo_relations``) so that
every relation in force is on the setup page and can be removed.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.scenarios import attributes as domain_attributes
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.decision import DecisionKind as DomainKind
from budgetkatalog.scenarios.decision import Scenario as DomainScenario
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Relation,
    Requires,
)
from budgetkatalog.scenarios.round_setup import RoundSetup, build_setup
from budgetkatalog.scenarios.targets import Targets
from budgetkatalog.web.catalogues.domain import domain_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion
from budgetkatalog.web.scenarios import models

HUNDRED = Decimal(100)


# Parsed catalogues of published versions, newest use last. Reading a version's JSON
# validates it against the schema, which costs far more than a page; a published
# version never changes and the domain catalogue is frozen, so one parse per process
# serves every request. The key is the document's digest, not the row id: ids repeat
# between databases (tests), contents do not.
_PARSED: OrderedDict[str, DomainCatalogue] = OrderedDict()
_PARSED_MAX = 16
_PARSED_LOCK = threading.Lock()


def version_catalogue(version: CatalogueVersion) -> DomainCatalogue:
    digest = hashlib.sha256(json.dumps(version.document, sort_keys=True).encode()).hexdigest()
    with _PARSED_LOCK:
        if digest in _PARSED:
            _PARSED.move_to_end(digest)
            return _PARSED[digest]
    catalogue = domain_catalogue(version.document)
    with _PARSED_LOCK:
        _PARSED[digest] = catalogue
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    return catalogue


def targets_of(catalogue: Catalogue) -> Targets:
    settings = models.RoundSettings.objects.filter(catalogue=catalogue).first()
    if settings is None:
        return Targets()
    return Targets.of({int(year): Decimal(amount) for year, amount in settings.targets.items()},
                      settings.targets_label)


def relation_of(row: models.Relation) -> Relation:
    kind = row.kind
    if kind == models.RelationKind.EXCLUSIVE:
        return MutuallyExclusive(tuple(row.proposals), row.note)
    if kind == models.RelationKind.REQUIRES:
        return Requires(row.proposals[0], row.proposals[1], row.note)
    if kind == models.RelationKind.OVERLAP:
        return Overlap.of(row.proposals[0], row.proposals[1],
                          {int(y): int(a) for y, a in row.amounts.items()}, row.note)
    return Protected(department=row.department or None, area_code=row.area_code or None,
                     note=row.note)


def relation_fields(relation: Relation) -> dict[str, object]:
    """The columns of a ``Relation`` row for a domain relation."""
    if isinstance(relation, MutuallyExclusive):
        return {"kind": models.RelationKind.EXCLUSIVE, "proposals": list(relation.proposals),
                "note": relation.note}
    if isinstance(relation, Requires):
        return {"kind": models.RelationKind.REQUIRES,
                "proposals": [relation.proposal, relation.required], "note": relation.note}
    if isinstance(relation, Overlap):
        return {"kind": models.RelationKind.OVERLAP,
                "proposals": [relation.first, relation.second],
                "amounts": {str(y): a for y, a in relation.double_counted},
                "note": relation.note}
    return {"kind": models.RelationKind.PROTECTED, "department": relation.department or "",
            "area_code": relation.area_code or "", "note": relation.note}


def overrides_of(catalogue: Catalogue) -> tuple[domain_attributes.AttributeOverride, ...]:
    return tuple(
        domain_attributes.AttributeOverride(
            row.number, divisibility=domain_attributes.Divisibility(row.divisibility),
            min_share_percent=row.min_share_percent)
        for row in models.ProposalSetting.objects.filter(catalogue=catalogue))


def setup_for(version: CatalogueVersion, catalogue: Catalogue | None = None) -> RoundSetup:
    """The domain's setup for scenarios on this published version."""
    owner = catalogue or version.catalogue
    domain = version_catalogue(version)
    known = {p.number for p in domain.proposals}
    relations = tuple(relation_of(row) for row in
                      models.Relation.objects.filter(catalogue=owner).order_by("id"))
    overrides = tuple(o for o in overrides_of(owner) if o.number in known)
    return build_setup(domain, targets_of(owner), relations, overrides,
                       memo_relations=False)


def decision_of(row: models.ScenarioDecision) -> Decision:
    if row.kind == models.DecisionKind.PARTIAL and row.share_percent is not None:
        return Decision.partial(row.share_percent / HUNDRED)
    if row.kind == models.DecisionKind.LINES:
        return Decision.chosen_lines(*row.lines)
    return Decision.adopted()


def decision_fields(decision: Decision) -> dict[str, object] | None:
    """The columns of a decision row, or ``None`` for a rejection (no row)."""
    if decision.kind is DomainKind.REJECTED:
        return None
    if decision.kind is DomainKind.PARTIAL:
        share = decision.share if decision.share is not None else Decimal(0)
        return {"kind": models.DecisionKind.PARTIAL, "share_percent": share * HUNDRED,
                "lines": []}
    if decision.kind is DomainKind.LINES:
        return {"kind": models.DecisionKind.LINES, "share_percent": None,
                "lines": list(decision.lines)}
    return {"kind": models.DecisionKind.ADOPTED, "share_percent": None, "lines": []}


def decisions_of(rows: Iterable[models.ScenarioDecision]) -> dict[str, Decision]:
    return {row.number: decision_of(row) for row in rows}


def domain_scenario(scenario: models.Scenario) -> DomainScenario:
    return DomainScenario.of(scenario.name, decisions_of(scenario.decisions.all()),
                             locked=scenario.locked, description=scenario.description)


def describe(decision: Decision) -> str:
    """A decision for the audit log, language-neutral: ``adopted``, ``partial 37.5``."""
    if decision.kind is DomainKind.PARTIAL and decision.share is not None:
        return f"partial {(decision.share * HUNDRED).normalize():f}"
    if decision.kind is DomainKind.LINES:
        return "lines " + ",".join(decision.lines)
    return str(decision.kind)

"""Every write to scenarios, the budget agreement and the round's setup:
``do_<verb>_<noun>``, one transaction each, permission-checked and audit-logged.

A locked scenario (the budget agreement) refuses every change, whoever asks:
``ScenarioLocked`` is raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.relations import Relation, relations_from_memo
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.record import record
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.scenarios import permissions
from budgetkatalog.web.scenarios.domain import (
    decision_fields,
    decisions_of,
    describe,
    relation_fields,
    version_catalogue,
)
from budgetkatalog.web.scenarios.models import (
    Divisibility,
    ProposalSetting,
    RoundSettings,
    Scenario,
    ScenarioDecision,
    Visibility,
)
from budgetkatalog.web.scenarios.models import Relation as RelationRow


class ScenarioLocked(PermissionDenied):
    """The scenario is locked (the budget agreement); nothing was changed."""


class NotPublished(Exception):
    """The catalogue has no published version to build a scenario on."""


class NoParty(Exception):
    """The owner has no party to share the scenario with."""


class AgreementExists(Exception):
    """The catalogue's budget agreement is already recorded."""


class UnknownProposal(ValueError):
    """A decision names a proposal that is not in the scenario's version."""


def _for_update(scenario_id: int) -> Scenario:
    return Scenario.objects.select_for_update().select_related("version").get(pk=scenario_id)


def _editable(actor: User, scenario_id: int) -> Scenario:
    scenario = _for_update(scenario_id)
    if scenario.locked:
        raise ScenarioLocked(f"scenario {scenario.pk} is locked")
    if not permissions.can_edit(actor, scenario):
        raise PermissionDenied
    return scenario


def _check_numbers(scenario: Scenario, decisions: Mapping[str, Decision]) -> None:
    known = {p.number for p in version_catalogue(scenario.version).proposals}
    unknown = sorted(set(decisions) - known)
    if unknown:
        raise UnknownProposal(", ".join(unknown))


def _write_decisions(scenario: Scenario, decisions: Mapping[str, Decision]) -> None:
    rows = []
    for number, decision in decisions.items():
        fields = decision_fields(decision)
        if fields is not None:
            rows.append(ScenarioDecision(scenario=scenario, number=number, **fields))
    ScenarioDecision.objects.filter(scenario=scenario).delete()
    ScenarioDecision.objects.bulk_create(rows)


@transaction.atomic
def do_create_scenario(actor: User, catalogue_id: int, name: str, description: str = "", *,
                       decisions: Mapping[str, Decision] | None = None) -> Scenario:
    """A private scenario on the catalogue's latest published version."""
    if not permissions.can_create(actor):
        raise PermissionDenied
    catalogue = Catalogue.objects.select_related("latest_version").get(pk=catalogue_id)
    if catalogue.latest_version is None:
        raise NotPublished(catalogue.title)
    scenario = Scenario(catalogue=catalogue, version=catalogue.latest_version, owner=actor,
                        name=name.strip(), description=description.strip())
    _check_numbers(scenario, decisions or {})
    scenario.save()
    _write_decisions(scenario, decisions or {})
    record(actor, "create_scenario", scenario, {
        "name": scenario.name, "version": catalogue.latest_version.number,
        "decisions": {n: describe(d) for n, d in sorted((decisions or {}).items())}})
    return scenario


@transaction.atomic
def do_update_scenario(actor: User, scenario_id: int, name: str, description: str) -> Scenario:
    scenario = _editable(actor, scenario_id)
    changes = {}
    for field, value in (("name", name.strip()), ("description", description.strip())):
        if getattr(scenario, field) != value:
            changes[field] = [getattr(scenario, field), value]
            setattr(scenario, field, value)
    if changes:
        scenario.save(update_fields=[*changes, "updated_at"])
        record(actor, "update_scenario", scenario, changes)
    return scenario


@transaction.atomic
def do_share_scenario(actor: User, scenario_id: int, visibility: Visibility) -> Scenario:
    """Private, shared with the owner's party, or public."""
    scenario = _editable(actor, scenario_id)
    party = ""
    if visibility == Visibility.PARTY:
        party = scenario.owner.party
        if not party:
            raise NoParty(scenario.owner.get_username())
    before = [scenario.visibility, scenario.party]
    scenario.visibility, scenario.party = visibility, party
    scenario.save(update_fields=["visibility", "party", "updated_at"])
    record(actor, "share_scenario", scenario,
           {"visibility": [before[0], str(visibility)], "party": [before[1], party]})
    return scenario


@transaction.atomic
def do_set_decisions(actor: User, scenario_id: int,
                     decisions: Mapping[str, Decision]) -> Scenario:
    """Replace the scenario's decisions; a proposal not named is rejected."""
    scenario = _editable(actor, scenario_id)
    _check_numbers(scenario, decisions)
    before = {n: describe(d) for n, d in decisions_of(scenario.decisions.all()).items()}
    after = {n: describe(d) for n, d in decisions.items() if d.is_adopted}
    _write_decisions(scenario, decisions)
    changes = {n: [before.get(n, "rejected"), after.get(n, "rejected")]
               for n in sorted(set(before) | set(after)) if before.get(n) != after.get(n)}
    scenario.save(update_fields=["updated_at"])
    if changes:
        record(actor, "set_decisions", scenario, changes)
    return scenario


@transaction.atomic
def do_copy_scenario(actor: User, scenario_id: int, name: str) -> Scenario:
    """A private, unlocked copy for the actor, on the same published version."""
    source = Scenario.objects.select_related("version").get(pk=scenario_id)
    if not permissions.can_copy(actor, source):
        raise PermissionDenied
    copy = Scenario.objects.create(
        catalogue_id=source.catalogue_id, version=source.version, owner=actor,
        name=name.strip(), description=source.description, copied_from=source)
    _write_decisions(copy, decisions_of(source.decisions.all()))
    record(actor, "copy_scenario", copy, {"from": source.pk, "name": copy.name})
    return copy


@transaction.atomic
def do_record_agreement(actor: User, scenario_id: int, name: str) -> Scenario:
    """Finance staff record the budget agreement: a locked, public copy of a scenario
    they can see. One per catalogue; nobody edits it afterwards."""
    source = Scenario.objects.select_related("version").get(pk=scenario_id)
    if not permissions.can_record_agreement(actor, source):
        raise PermissionDenied
    if Scenario.objects.filter(catalogue_id=source.catalogue_id, is_agreement=True).exists():
        raise AgreementExists(str(source.catalogue_id))
    agreement = Scenario.objects.create(
        catalogue_id=source.catalogue_id, version=source.version, owner=actor,
        name=name.strip(), description=source.description, copied_from=source,
        visibility=Visibility.PUBLIC, locked=True, is_agreement=True)
    decisions = decisions_of(source.decisions.all())
    _write_decisions(agreement, decisions)
    record(actor, "record_agreement", agreement, {
        "from": source.pk, "name": agreement.name, "version": source.version.number,
        "decisions": {n: describe(d) for n, d in sorted(decisions.items())}})
    return agreement


# -- the round's setup (finance staff) --------------------------------------------

def _finance(actor: User) -> None:
    if not permissions.can_set_up(actor):
        raise PermissionDenied


@transaction.atomic
def do_set_targets(actor: User, catalogue_id: int, targets: Mapping[int, Decimal],
                   label: str = "") -> RoundSettings:
    """Targets per year in 1.000 kr. with the catalogue's sign; a year left out has none."""
    _finance(actor)
    catalogue = Catalogue.objects.select_related("round").get(pk=catalogue_id)
    years = set(catalogue.round.years)
    wrong = sorted(set(targets) - years)
    if wrong:
        raise ValueError(f"years {wrong} are not in the round")
    settings, _ = RoundSettings.objects.select_for_update().get_or_create(catalogue=catalogue)
    before = dict(settings.targets)
    settings.targets = {str(y): str(a) for y, a in sorted(targets.items())}
    settings.targets_label = label.strip()
    settings.save()
    record(actor, "set_targets", catalogue, {"targets": [before, settings.targets],
                                             "label": settings.targets_label})
    return settings


@transaction.atomic
def do_add_relation(actor: User, catalogue_id: int, relation: Relation, *,
                    from_memo: bool = False) -> RelationRow:
    _finance(actor)
    catalogue = Catalogue.objects.get(pk=catalogue_id)
    row = RelationRow.objects.create(catalogue=catalogue, from_memo=from_memo,
                                     **relation_fields(relation))
    record(actor, "add_relation", catalogue, {
        "relation": row.pk, "kind": row.kind, "proposals": row.proposals,
        "amounts": row.amounts, "department": row.department, "area_code": row.area_code})
    return row


@transaction.atomic
def do_delete_relation(actor: User, relation_id: int) -> None:
    _finance(actor)
    row = RelationRow.objects.select_related("catalogue").get(pk=relation_id)
    record(actor, "delete_relation", row.catalogue, {
        "relation": row.pk, "kind": row.kind, "proposals": row.proposals,
        "department": row.department, "area_code": row.area_code})
    row.delete()


@transaction.atomic
def do_load_memo_relations(actor: User, catalogue_id: int) -> int:
    """Store the relations the memo states (``relations_from_memo``) that are not
    stored yet; answers how many were added."""
    _finance(actor)
    catalogue = Catalogue.objects.select_related("latest_version").get(pk=catalogue_id)
    if catalogue.latest_version is None:
        raise NotPublished(catalogue.title)
    existing = {(str(r.kind), tuple(str(n) for n in r.proposals), r.department, r.area_code)
                for r in RelationRow.objects.filter(catalogue=catalogue)}
    added = 0
    for relation in relations_from_memo(version_catalogue(catalogue.latest_version)):
        fields = relation_fields(relation)
        proposals = fields.get("proposals", [])
        assert isinstance(proposals, list)
        key = (str(fields["kind"]), tuple(str(number) for number in proposals),
               str(fields.get("department", "")), str(fields.get("area_code", "")))
        if key in existing:
            continue
        RelationRow.objects.create(catalogue=catalogue, from_memo=True,
                                   **fields)
        existing.add(key)
        added += 1
    record(actor, "load_memo_relations", catalogue, {"added": added})
    return added


@transaction.atomic
def do_set_proposal_settings(actor: User, catalogue_id: int,
                             settings: Mapping[str, tuple[Divisibility, int | None]]) -> None:
    """Per proposal: may it be adopted in part, and the least share in whole percent."""
    _finance(actor)
    catalogue = Catalogue.objects.get(pk=catalogue_id)
    current = {row.number: row for row in
               ProposalSetting.objects.select_for_update().filter(catalogue=catalogue)}
    changes: dict[str, list[object]] = {}
    for number, (divisibility, minimum) in sorted(settings.items()):
        row = current.get(number)
        before = (row.divisibility, row.min_share_percent) if row else (Divisibility.WHOLE,
                                                                          None)
        if before == (divisibility, minimum):
            continue
        if row is None:
            ProposalSetting.objects.create(catalogue=catalogue, number=number,
                                           divisibility=divisibility,
                                           min_share_percent=minimum)
        else:
            row.divisibility, row.min_share_percent = divisibility, minimum
            row.save()
        changes[number] = [list(before), [str(divisibility), minimum]]
    if changes:
        record(actor, "set_proposal_settings", catalogue, changes)

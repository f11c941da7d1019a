"""Every write to catalogues and proposals: ``do_<verb>_<noun>``, one transaction
each, permission-checked and recorded in the audit log."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils.text import slugify

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.department import propose_departments
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.proposal import proposal_sort_key
from budgetkatalog.core.text import SECTION_HEADINGS
from budgetkatalog.costing.carry import carry_forward
from budgetkatalog.costing.spec import load_round
from budgetkatalog.scenarios.attributes import derive_attributes
from budgetkatalog.web.accounts.models import Department, User
from budgetkatalog.web.auditlog.record import record
from budgetkatalog.web.catalogues import permissions
from budgetkatalog.web.catalogues.domain import (
    blocks_to_body,
    catalogue_frame,
    department_name,
    domain_proposal,
    domain_round_of,
    proposal_document,
    round_departments,
    slug_for,
    sort_key,
    version_document,
)
from budgetkatalog.web.catalogues.importing import fit_findings
from budgetkatalog.web.catalogues.models import (
    EXTRA_LETTERS,
    LINE_LETTERS,
    SECTION_NUMBERS,
    BudgetRound,
    Catalogue,
    CatalogueVersion,
    Proposal,
    ProposalState,
    PublishedProposal,
    RoundDepartment,
    Section,
    TableLine,
)
from budgetkatalog.web.catalogues.search import search_text, search_words

Amounts = tuple[int | None, ...]


class StaleEdit(Exception):
    """The proposal changed since the editor loaded it; nothing was saved."""

    def __init__(self, current: Proposal) -> None:
        super().__init__(f"proposal {current.pk} is at version {current.lock_version}")
        self.current = current


class InvalidTransition(Exception):
    """The proposal is no longer in a state the step starts from (someone else moved it
    first); nothing was changed. The web answers 409."""

    def __init__(self, current: Proposal) -> None:
        super().__init__(f"proposal {current.pk} is {current.state}")
        self.current = current


class DuplicateNumber(ValueError):
    """Another proposal of the catalogue has this number, or a number that gives the
    same address (``2-5`` and ``2.5`` both give ``/2-5/``); nothing was saved."""

    def __init__(self, number: str, other: str) -> None:
        super().__init__(f"{number!r} clashes with proposal {other!r}")
        self.number = number
        self.other = other


class UnknownDepartment(ValueError):
    """The chosen department does not exist; nothing was saved."""


def check_number(catalogue_id: int, number: str, *, exclude: int | None = None) -> None:
    """Raise :class:`DuplicateNumber` if ``number`` or its address is taken in the
    catalogue by another proposal than ``exclude``."""
    number = number.strip()
    others = Proposal.objects.filter(catalogue_id=catalogue_id)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    clash = (others.filter(Q(number=number) | Q(slug=slug_for(number)))
             .values_list("number", flat=True).first())
    if clash is not None:
        raise DuplicateNumber(number, clash)


@dataclass(frozen=True)
class LineData:
    code: str = ""
    name: str = ""
    amounts: Amounts = ()


@dataclass(frozen=True)
class ProposalData:
    """What the editor sends: every editable field of a proposal."""

    number: str
    title: str
    department_id: int | None
    group: str = ""
    areas_text: str = ""
    fte: Decimal | None = None
    affects_citizens: bool | None = None
    affects_staff: bool | None = None
    table_caption: str = ""
    costing_spec: str = ""
    sections: dict[int, str] = field(default_factory=dict)
    lines: dict[str, LineData] = field(default_factory=dict)


# -- import ------------------------------------------------------------------------

def _store_proposals(stored: Catalogue, round_: BudgetRound, catalogue: DomainCatalogue,
                     state: ProposalState, costing_specs: dict[str, str]) -> list[Proposal]:
    """Every proposal of a domain catalogue as rows of ``stored``, amounts placed by
    year in the round's years (the caller has checked that they fit)."""
    created: list[Proposal] = []
    if not round_.departments.exists() and catalogue.fte_table is not None:
        for row in catalogue.fte_table.rows:
            department, _ = Department.objects.get_or_create(name=row.department)
            RoundDepartment.objects.get_or_create(round=round_, department=department)
    proposed = propose_departments(catalogue, round_departments(round_))
    attributes, _ = derive_attributes(catalogue)
    by_name = {d.name: d for d in Department.objects.filter(rounds__round=round_)}
    years = round_.years
    for p in catalogue.proposals:
        group = catalogue.group_of(p.number)
        facts = attributes[p.number]
        name = p.department or proposed[p.number].name
        if name is not None and name not in by_name:
            by_name[name], _ = Department.objects.get_or_create(name=name)
            RoundDepartment.objects.get_or_create(round=round_, department=by_name[name])
        source = proposed[p.number].source.value if name == proposed[p.number].name \
            else "document"
        proposal = Proposal.objects.create(
            catalogue=stored, department=by_name[name] if name is not None else None,
            department_source=source if name is not None else "",
            number=p.number, slug=slug_for(p.number), sort_key=sort_key(p.number),
            title=p.title, state=state, group=group.name if group else "",
            areas_text=p.areas_text or "",
            # the figure the document states (memo's table, the proposal's own total);
            # whom it affects is the author's to say (the editor shows the text's hint)
            fte=facts.fte if facts.fte_known else None,
            fte_source=facts.fte_source if facts.fte_known else "",
            affects_citizens=None, affects_staff=None,
            has_table=p.table is not None, costing_spec=costing_specs.get(p.number, ""),
            table_caption=p.table.caption if p.table else "",
            stated_subtotal=list(p.table.stated_subtotal) if p.table else None,
            stated_total=list(p.table.stated_total) if p.table else None)
        Section.objects.bulk_create([
            Section(proposal=proposal, number=s.number, heading=s.heading,
                    body=blocks_to_body(s.blocks)) for s in p.sections])
        if p.table is not None:
            index = {y: i for i, y in enumerate(p.table.years)}
            rows = [*p.table.lines, p.table.investment, p.table.derived_operating]
            TableLine.objects.bulk_create([
                TableLine(proposal=proposal, letter=row.letter, code=row.code or "",
                          name=row.name or "",
                          amounts=[row.amounts[index[y]] if y in index else None
                                   for y in years]) for row in rows])
        created.append(proposal)
    return created


@transaction.atomic
def do_import_catalogue(actor: User | None, catalogue: DomainCatalogue, *,
                        slug: str | None = None,
                        state: ProposalState = ProposalState.APPROVED,
                        costing_round: str = "",
                        costing_specs: dict[str, str] | None = None) -> Catalogue:
    """Store a domain catalogue (from the text importer or the JSON format), with the
    round's costing assumptions and proposals' costing specs where there are any.

    Each proposal's department is the one the document states, else the one the round's
    departments (areas, accounts) point to (``core.department``), else none; it waits
    for finance staff's confirmation. A round without departments takes the memo's."""
    costing_specs = costing_specs or {}
    round_, _ = BudgetRound.objects.get_or_create(
        municipality=catalogue.municipality or "", budget_year=catalogue.round.budget_year,
        defaults={"outlook_years": list(catalogue.round.outlook_years),
                  "unit": catalogue.round.unit, "price_level": catalogue.round.price_level})
    if costing_round and not round_.costing_round:
        round_.costing_round = costing_round
        round_.save(update_fields=["costing_round"])
    slug = slug or slugify(catalogue.title.split(":")[0]) or "katalog"
    stored = Catalogue.objects.create(round=round_, title=catalogue.title, slug=slug,
                                      frame=catalogue_frame(catalogue))
    _store_proposals(stored, round_, catalogue, state, costing_specs)
    record(actor, "import_catalogue", stored,
           {"proposals": len(catalogue.proposals), "title": catalogue.title})
    return stored


class ImportRefused(Exception):
    """The file's proposals do not fit the catalogue; nothing was saved."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message.en for f in findings))
        self.findings = findings


@transaction.atomic
def do_import_into_catalogue(actor: User, catalogue_id: int,
                             domain: DomainCatalogue) -> list[Proposal]:
    """Every proposal of an uploaded catalogue, as drafts of an existing catalogue, in
    one transaction: all or nothing. Departments are proposed as on any import."""
    if not actor.is_finance:
        raise PermissionDenied
    catalogue = Catalogue.objects.select_for_update().select_related("round").get(
        pk=catalogue_id)
    refused = [f for f in fit_findings(domain, catalogue) if f.severity is Severity.ERROR]
    if refused:
        raise ImportRefused(refused)
    created = _store_proposals(catalogue, catalogue.round, domain, ProposalState.DRAFT, {})
    frame = dict(catalogue.frame) if catalogue.frame else catalogue_frame(
        DomainCatalogue(catalogue.title, domain_round_of(catalogue.round), ()))
    known = {g["name"] for g in frame.get("groups", [])}
    frame["groups"] = [*frame.get("groups", []), *(
        {"name": g.name, "proposals": [], "heading": g.heading, "intro": g.intro,
         "listed_titles": list(g.listed_titles), "stated_count": g.stated_count,
         "source_line": None} for g in domain.groups if g.name not in known)]
    catalogue.frame = frame
    catalogue.save(update_fields=["frame"])
    record(actor, "import_proposals", catalogue, {
        "proposals": [p.number for p in created], "source": domain.title})
    return created


@transaction.atomic
def do_set_finance_department(actor: User | None, round_id: int,
                              department: Department | None) -> BudgetRound:
    """Which department is the round's finance department (a setting); it must be
    one of the round's departments."""
    if actor is not None and not actor.is_finance:
        raise PermissionDenied
    round_ = BudgetRound.objects.select_for_update().get(pk=round_id)
    if department is not None:
        RoundDepartment.objects.get_or_create(round=round_, department=department)
    before = round_.finance_department_id
    if before != (department.pk if department else None):
        round_.finance_department = department
        round_.save(update_fields=["finance_department"])
        record(actor, "set_finance_department", round_,
               {"finance_department": [before, department.pk if department else None]})
    return round_


# -- round set-up (administrators) --------------------------------------------------

class InvalidSetup(ValueError):
    """A round or catalogue setting that cannot be stored; ``field`` names the form
    field and the message says why, in Danish first (``en`` in English)."""

    def __init__(self, field: str, da: str, en: str) -> None:
        super().__init__(da)
        self.field, self.da, self.en = field, da, en


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.is_admin:
        raise PermissionDenied


@transaction.atomic
def do_create_round(actor: User | None, *, municipality: str, budget_year: int,
                    outlook_count: int, name: str = "", price_level: int | None = None,
                    unit: int = 1000) -> BudgetRound:
    """A new budget round: the budget year and three to five outlook years."""
    _require_admin(actor)
    if not 2000 <= budget_year <= 2100:
        raise InvalidSetup("budget_year", "Budgetåret skal ligge mellem 2000 og 2100.",
                           "The budget year must be between 2000 and 2100.")
    if not 3 <= outlook_count <= 5:
        raise InvalidSetup("outlook_count", "Der skal være tre til fem overslagsår.",
                           "There must be three to five outlook years.")
    if unit not in (1, 1000, 1_000_000):
        raise InvalidSetup("unit", "Enheden er kr., 1.000 kr. eller mio. kr.",
                           "The unit is DKK, DKK 1,000 or DKK million.")
    if BudgetRound.objects.filter(municipality=municipality.strip(),
                                  budget_year=budget_year).exists():
        raise InvalidSetup("budget_year", "Kommunen har allerede en runde for det budgetår.",
                           "The municipality already has a round for that budget year.")
    round_ = BudgetRound.objects.create(
        municipality=municipality.strip(), name=name.strip() or f"Budget {budget_year}",
        budget_year=budget_year,
        outlook_years=[budget_year + i for i in range(1, outlook_count + 1)],
        price_level=price_level or budget_year, unit=unit)
    record(actor, "create_round", round_, {"name": round_.name, "years": list(round_.years)})
    return round_


@transaction.atomic
def do_update_round(actor: User | None, round_id: int, *,
                    finance_department_id: int | None, targets: dict[int, Decimal],
                    fte_target: Decimal | None, section_headings: list[str],
                    costing_round: str | None = None) -> BudgetRound:
    """The round's finance department, targets per year, FTE target and the template's
    section headings (seven; blank keeps the example's heading)."""
    _require_admin(actor)
    round_ = BudgetRound.objects.select_for_update().get(pk=round_id)
    if any(year not in round_.years for year in targets):
        raise InvalidSetup("targets", "Et mål gælder et år uden for runden.",
                           "A target is for a year outside the round.")
    if finance_department_id is not None and not RoundDepartment.objects.filter(
            round=round_, department_id=finance_department_id).exists():
        raise InvalidSetup("finance_department", "Økonomiafdelingen skal være en af "
                           "rundens afdelinger.", "The finance department must be one of "
                           "the round's departments.")
    if len(section_headings) != len(SECTION_HEADINGS):
        raise InvalidSetup("section_headings", "Skabelonen har syv afsnit.",
                           "The template has seven sections.")
    if costing_round is not None and costing_round.strip():
        _loaded, problems = load_round(costing_round.replace("\r\n", "\n"), "runde.toml")
        errors = [f for f in problems if f.severity is Severity.ERROR]
        if errors:
            where = f" (linje {errors[0].line})" if errors[0].line else ""
            raise InvalidSetup("costing_round", errors[0].message.da + where,
                               errors[0].message.en + where)
    before = {"finance_department": round_.finance_department_id,
              "targets": round_.targets, "fte_target": str(round_.fte_target),
              "section_headings": round_.section_headings}
    round_.finance_department_id = finance_department_id
    round_.targets = {str(year): str(amount) for year, amount in sorted(targets.items())}
    round_.fte_target = fte_target
    headings = [h.strip() for h in section_headings]
    round_.section_headings = [] if all(
        h == SECTION_HEADINGS[i + 1] or not h for i, h in enumerate(headings)) else [
        h or SECTION_HEADINGS[i + 1] for i, h in enumerate(headings)]
    if costing_round is not None:
        round_.costing_round = costing_round.replace("\r\n", "\n").strip()
    round_.save()
    after = {"finance_department": round_.finance_department_id,
             "targets": round_.targets, "fte_target": str(round_.fte_target),
             "section_headings": round_.section_headings}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        record(actor, "update_round", round_, changes)
    return round_


@transaction.atomic
def do_add_round_department(actor: User | None, round_id: int, *, name: str,
                            short_name: str = "", area_codes: tuple[str, ...] = (),
                            account_ranges: tuple[tuple[int, int], ...] = ()
                            ) -> RoundDepartment:
    """Add a department to the round (or change its areas and accounts there)."""
    _require_admin(actor)
    round_ = BudgetRound.objects.get(pk=round_id)
    if not name.strip():
        raise InvalidSetup("name", "Afdelingen skal have et navn.",
                           "The department needs a name.")
    if any(not (code.isdigit() and len(code) == 4) for code in area_codes):
        raise InvalidSetup("area_codes", "En områdebevilling er fire cifre, fx 2085.",
                           "An appropriation area is four digits, e.g. 2085.")
    if any(low > high for low, high in account_ranges):
        raise InvalidSetup("account_ranges", "Et interval af pengeposer går fra det "
                           "mindste til det største nummer, fx 208500-208599.",
                           "An account range runs from the lowest to the highest number, "
                           "e.g. 208500-208599.")
    department, _ = Department.objects.get_or_create(name=name.strip())
    if short_name.strip() and department.short_name != short_name.strip():
        department.short_name = short_name.strip()
        department.save(update_fields=["short_name"])
    row, _ = RoundDepartment.objects.update_or_create(
        round=round_, department=department,
        defaults={"area_codes": list(area_codes),
                  "account_ranges": [[low, high] for low, high in account_ranges]})
    record(actor, "add_round_department", round_, {
        "department": department.name, "area_codes": list(area_codes),
        "account_ranges": [[low, high] for low, high in account_ranges]})
    return row


@transaction.atomic
def do_create_catalogue(actor: User | None, round_id: int, *, number: str, title: str,
                        slug: str = "", groups: tuple[str, ...] = ()) -> Catalogue:
    """A new, empty catalogue of the round, with its groups in order."""
    _require_admin(actor)
    round_ = BudgetRound.objects.get(pk=round_id)
    if not title.strip():
        raise InvalidSetup("title", "Kataloget skal have en titel.",
                           "The catalogue needs a title.")
    default = f"katalog-{number.strip()}" if number.strip() else title
    slug = slugify(slug.strip() or default)[:60] or "katalog"
    if Catalogue.objects.filter(round=round_, slug=slug).exists():
        raise InvalidSetup("slug", "Runden har allerede et katalog med den korte adresse.",
                           "The round already has a catalogue with that short address.")
    empty = DomainCatalogue(title.strip(), domain_round_of(round_), ())
    frame = catalogue_frame(empty)
    frame["groups"] = [{"name": g, "proposals": [], "heading": None, "intro": None,
                        "listed_titles": [], "stated_count": None, "source_line": None}
                       for g in groups if g.strip()]
    catalogue = Catalogue.objects.create(round=round_, number=number.strip(),
                                         title=title.strip(), slug=slug, frame=frame)
    record(actor, "create_catalogue", catalogue, {"title": catalogue.title, "slug": slug,
                                                  "groups": list(groups)})
    return catalogue


# -- carry-forward ---------------------------------------------------------------

class CarryRefused(Exception):
    """The proposals cannot be carried into the catalogue; nothing was saved. ``da`` and
    ``en`` say why."""

    def __init__(self, da: str, en: str) -> None:
        super().__init__(en)
        self.da, self.en = da, en


# A number in a lettered series: its lead (``UV ``, ``ØK-``, ``B&U ``, ``A.``) and digits.
_LETTERED = re.compile(r"^(?P<lead>[^\d]*[A-Za-zÆØÅæøå][^\d]*)(?P<digits>\d+)$")


def _next_numbers(target: Catalogue, carried: list[str]) -> list[str]:
    """New numbers for the carried proposals (``carried``: their old numbers), after the
    catalogue's highest. A number in a lettered series continues its own series, written
    as it was: ``UV 3`` into a catalogue with ``UV 1``–``UV 5`` becomes ``UV 6``,
    ``ØK-02`` into one without ``ØK`` numbers ``ØK-01``. Any other number follows the
    catalogue's numbering: ``2.18``, ``2.19`` … in a catalogue numbered ``2``; plain
    ``1``, ``2`` … when it has neither."""
    existing = list(target.proposals.values_list("number", flat=True))
    highest: dict[str, int] = {}  # per lettered series
    plain: list[str] = []
    for number in existing:
        lettered = _LETTERED.match(" ".join(number.split()))
        if lettered is not None:
            series = proposal_sort_key(number)[0]
            highest[series] = max(highest.get(series, 0), int(lettered.group("digits")))
        else:
            plain.append(number)
    prefix = target.number.strip()
    if not prefix and plain:
        parts = max(plain, key=sort_key).split(".")
        prefix = ".".join(parts[:-1])
    last = 0
    for number in plain:
        head, _sep, tail = number.rpartition(".")
        if head == prefix and tail.isdigit():
            last = max(last, int(tail))
        elif not prefix and number.isdigit():
            last = max(last, int(number))
    numbers = []
    for old in carried:
        lettered = _LETTERED.match(" ".join(old.split()))
        if lettered is not None:
            series = proposal_sort_key(old)[0]
            highest[series] = highest.get(series, 0) + 1
            width = len(lettered.group("digits")) if lettered.group("digits")[0] == "0" else 1
            numbers.append(f"{lettered.group('lead')}{highest[series]:0{width}d}")
        else:
            last += 1
            numbers.append(f"{prefix}.{last}" if prefix else str(last))
    return numbers


@transaction.atomic
def do_carry_forward(actor: User, target_catalogue_id: int,
                     proposal_ids: list[int]) -> list[Proposal]:
    """Copy proposals of an earlier round into a catalogue of a later one, each a draft
    for its department: renumbered after the catalogue's proposals, Table 1 moved to the
    new years (the last year's amount continues) and re-priced from the old round's
    price level to the new one's with the new round's P/L index (its costing
    assumptions), marked "videreført fra Budget 2020, 2.8". All or nothing."""
    if not actor.is_finance:
        raise PermissionDenied
    target = Catalogue.objects.select_for_update().select_related("round").get(
        pk=target_catalogue_id)
    new_round = target.round
    sources = list(Proposal.objects.filter(pk__in=proposal_ids)
                   .select_related("catalogue__round", "department")
                   .prefetch_related("sections", "lines").order_by("sort_key"))
    if not sources or len(sources) != len(set(proposal_ids)):
        raise CarryRefused("Vælg et eller flere forslag.", "Choose one or more proposals.")
    if any(p.catalogue.round.budget_year >= new_round.budget_year for p in sources):
        raise CarryRefused("Kun forslag fra en tidligere runde kan videreføres.",
                           "Only proposals of an earlier round can be carried forward.")
    index = None
    if new_round.costing_round.strip():
        costing_round, _findings = load_round(new_round.costing_round, "runde.toml")
        index = costing_round.index("pl") if costing_round is not None else None
    numbers = _next_numbers(target, [source.number for source in sources])
    created: list[Proposal] = []
    for source, number in zip(sources, numbers, strict=True):
        old_round = source.catalogue.round
        from_level = old_round.price_level or old_round.budget_year
        to_level = new_round.price_level or new_round.budget_year
        lines = {}
        for line in source.lines.all():
            moved = carry_forward(tuple(line.amounts), old_round.years, new_round.years,
                                  index, from_level, to_level)
            if moved is None:
                raise CarryRefused(
                    f"Runden {new_round.display_name} har intet P/L-indeks med "
                    f"{from_level} og {to_level}; skriv KL's pris- og lønskøn i rundens "
                    "beregningsforudsætninger ([round.index.pl]). Intet er videreført.",
                    f"The round {new_round.display_name} has no P/L index with "
                    f"{from_level} and {to_level}; enter KL's price forecast in the round's "
                    "costing assumptions ([round.index.pl]). Nothing was carried forward.")
            lines[line.letter] = (line.code, line.name, list(moved))
        label = f"videreført fra {old_round.display_name}, {source.number}"
        department = source.department
        if department is not None:
            RoundDepartment.objects.get_or_create(round=new_round, department=department)
        proposal = Proposal.objects.create(
            catalogue=target, department=department,
            department_source="carried" if department is not None else "",
            department_confirmed=source.department_confirmed,
            number=number, slug=slug_for(number), sort_key=sort_key(number),
            title=source.title, state=ProposalState.DRAFT, group=source.group,
            areas_text=source.areas_text, fte=source.fte, fte_source=source.fte_source,
            affects_citizens=source.affects_citizens, affects_staff=source.affects_staff,
            has_table=source.has_table, table_caption=source.table_caption,
            costing_spec=source.costing_spec, carried_from=source,
            carried_from_label=label)
        Section.objects.bulk_create([
            Section(proposal=proposal, number=s.number, heading=s.heading, body=s.body)
            for s in source.sections.all()])
        TableLine.objects.bulk_create([
            TableLine(proposal=proposal, letter=letter, code=code, name=name, amounts=amounts)
            for letter, (code, name, amounts) in lines.items()])
        record(actor, "carry_forward_proposal", proposal, {
            "from": f"{old_round.display_name}, {source.number}", "number": number,
            "price_level": [from_level, to_level]})
        created.append(proposal)
    return created


# -- authoring ---------------------------------------------------------------------

@transaction.atomic
def do_create_proposal(actor: User, catalogue: Catalogue, *, number: str, title: str,
                       department: Department | None = None) -> Proposal:
    if not permissions.can_create(actor):
        raise PermissionDenied
    # Authors write for their own department; finance staff choose one, or leave it
    # "ikke angivet" until it is known.
    if not actor.is_finance:
        department = actor.department
        if department is None:
            raise PermissionDenied
    # The catalogue row is the lock that serialises numbering (a no-op on SQLite,
    # where BEGIN IMMEDIATE already serialises writers).
    Catalogue.objects.select_for_update().filter(pk=catalogue.pk).first()
    check_number(catalogue.pk, number)
    proposal = Proposal.objects.create(
        catalogue=catalogue, department=department, number=number.strip(),
        department_source="set" if department is not None else "",
        department_confirmed=department is not None,
        slug=slug_for(number), sort_key=sort_key(number), title=title.strip(),
        state=ProposalState.DRAFT, table_caption="")
    Section.objects.bulk_create([Section(proposal=proposal, number=n,
                                         heading=catalogue.round.heading(n), body="")
                                 for n in SECTION_NUMBERS])
    years = catalogue.round.years
    TableLine.objects.bulk_create([
        TableLine(proposal=proposal, letter=letter, amounts=[None] * len(years))
        for letter in (*LINE_LETTERS, *EXTRA_LETTERS)])
    record(actor, "create_proposal", proposal, {
        "number": number, "title": title,
        "department": department.name if department is not None else None})
    return proposal


def _snapshot(proposal: Proposal) -> dict[str, Any]:
    """The editable state as plain values, for the audit log's before/after."""
    out: dict[str, Any] = {
        "number": proposal.number, "title": proposal.title,
        "department": proposal.department_id,
        "department_confirmed": proposal.department_confirmed, "group": proposal.group,
        "areas_text": proposal.areas_text,
        "fte": str(proposal.fte) if proposal.fte is not None else None,
        "affects_citizens": proposal.affects_citizens,
        "affects_staff": proposal.affects_staff, "table_caption": proposal.table_caption,
        "costing_spec": proposal.costing_spec,
    }
    for s in proposal.sections.all():
        out[f"section-{s.number}"] = s.body
    for line in proposal.lines.all():
        out[f"line-{line.letter}"] = [line.code, line.name, list(line.amounts)]
    return out


@transaction.atomic
def do_save_proposal(actor: User, proposal_id: int, expected_version: int,
                     data: ProposalData) -> Proposal:
    """Save the editor's form. Raises :class:`StaleEdit` (saving nothing) when someone
    else saved since ``expected_version`` was loaded."""
    proposal = (Proposal.objects.select_for_update().select_related("catalogue__round")
                .get(pk=proposal_id))
    if not permissions.can_edit(actor, proposal):
        # An author whose draft was submitted meanwhile lost a race (409), not a right.
        probe = copy.copy(proposal)
        probe.state = ProposalState.DRAFT
        if permissions.can_edit(actor, probe):
            raise InvalidTransition(proposal)
        raise PermissionDenied
    # Claim the next version with one conditional UPDATE: of two saves from the same
    # version exactly one matches, on every database (SQLite ignores FOR UPDATE).
    claimed = Proposal.objects.filter(pk=proposal_id, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1)
    if not claimed:
        proposal.refresh_from_db()
        raise StaleEdit(proposal)
    if data.number.strip() and data.number.strip() != proposal.number:
        Catalogue.objects.select_for_update().filter(pk=proposal.catalogue_id).first()
        check_number(proposal.catalogue_id, data.number, exclude=proposal.pk)
    if actor.is_finance and data.department_id is not None \
            and data.department_id != proposal.department_id \
            and not Department.objects.filter(pk=data.department_id).exists():
        raise UnknownDepartment(str(data.department_id))
    before = _snapshot(proposal)
    proposal.number = data.number.strip() or proposal.number
    proposal.slug = slug_for(proposal.number)
    proposal.sort_key = sort_key(proposal.number)
    proposal.title = data.title.strip() or proposal.title
    if actor.is_finance:
        # Finance staff saving the form confirm the department it shows.
        if proposal.department_id != data.department_id:
            proposal.department_source = "set" if data.department_id is not None else ""
        proposal.department_id = data.department_id
        proposal.department_confirmed = True
    proposal.group = data.group.strip()
    proposal.areas_text = data.areas_text.strip()
    if proposal.fte != data.fte:
        proposal.fte_source = "set" if data.fte is not None else ""
    proposal.fte = data.fte
    proposal.affects_citizens = data.affects_citizens
    proposal.affects_staff = data.affects_staff
    proposal.table_caption = data.table_caption.strip()
    proposal.costing_spec = data.costing_spec.replace("\r\n", "\n").strip()
    proposal.has_table = True
    # Once edited here the sums are the computed ones; the source's stated sums belonged
    # to the source's lines.
    proposal.stated_subtotal = None
    proposal.stated_total = None
    if proposal.state == ProposalState.PUBLISHED:
        proposal.state = ProposalState.APPROVED
    proposal.lock_version = expected_version + 1
    proposal.save()
    years = proposal.catalogue.round.years
    for number in SECTION_NUMBERS:
        body = data.sections.get(number, "").replace("\r\n", "\n").strip()
        Section.objects.update_or_create(
            proposal=proposal, number=number,
            defaults={"body": body, "heading": proposal.catalogue.round.heading(number)})
    for letter in (*LINE_LETTERS, *EXTRA_LETTERS):
        line = data.lines.get(letter, LineData())
        amounts = list(line.amounts) + [None] * (len(years) - len(line.amounts))
        TableLine.objects.update_or_create(
            proposal=proposal, letter=letter,
            defaults={"code": line.code.strip(), "name": line.name.strip(),
                      "amounts": amounts[: len(years)]})
    proposal = Proposal.objects.prefetch_related("sections", "lines").select_related(
        "catalogue__round").get(pk=proposal.pk)
    after = _snapshot(proposal)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    record(actor, "save_proposal", proposal, changes)
    return proposal


def _transition(actor: User, proposal_id: int, may: Callable[[User, Proposal], bool],
                sources: tuple[ProposalState, ...], target: ProposalState,
                action: str, details: dict[str, Any] | None = None) -> Proposal:
    """Move the proposal from one of ``sources`` to ``target``. The state is read again
    under the row lock (and, on SQLite, inside BEGIN IMMEDIATE): of two people
    submitting or approving at once, the second finds it moved and gets
    :class:`InvalidTransition` (409), not a second transition."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if proposal.state not in sources:
        # Would the actor have been allowed from the state the step starts from? Then
        # they lost a race (409); otherwise they were never allowed (403).
        probe = copy.copy(proposal)
        probe.state = sources[0]
        if may(actor, probe):
            raise InvalidTransition(proposal)
        raise PermissionDenied
    if not may(actor, proposal):
        raise PermissionDenied
    before = proposal.state
    proposal.state = target
    proposal.lock_version += 1
    proposal.save(update_fields=["state", "lock_version", "updated_at"])
    record(actor, action, proposal, {"state": [before, target.value], **(details or {})})
    return proposal


@transaction.atomic
def do_submit_proposal(actor: User, proposal_id: int) -> Proposal:
    submitted = _transition(actor, proposal_id, permissions.can_submit,
                            (ProposalState.DRAFT,), ProposalState.SUBMITTED, "submit_proposal")
    if submitted.return_reason:
        submitted.return_reason = ""
        submitted.save(update_fields=["return_reason"])
    return submitted


@transaction.atomic
def do_approve_proposal(actor: User, proposal_id: int) -> Proposal:
    return _transition(actor, proposal_id, permissions.can_approve,
                       (ProposalState.SUBMITTED,), ProposalState.APPROVED,
                       "approve_proposal")


def _may_return(actor: User, proposal: Proposal) -> bool:
    return actor.is_finance and actor.is_active


class ReasonRequired(ValueError):
    """A proposal is sent back only with a reason its authors can read."""


@transaction.atomic
def do_return_proposal(actor: User, proposal_id: int, reason: str) -> Proposal:
    """Finance staff send a submitted or approved proposal back to its authors as a
    draft, saying why; the authors see the reason until they submit it again."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired("a reason is required")
    proposal = _transition(actor, proposal_id, _may_return,
                           (ProposalState.SUBMITTED, ProposalState.APPROVED),
                           ProposalState.DRAFT, "return_proposal", {"reason": reason})
    proposal.return_reason = reason
    proposal.returned_by_name = actor.get_full_name() or actor.get_username()
    proposal.save(update_fields=["return_reason", "returned_by_name"])
    return proposal


@transaction.atomic
def do_confirm_departments(actor: User, catalogue_id: int,
                           choices: dict[int, int | None]) -> list[Proposal]:
    """Finance staff confirm (or change) the departments of a catalogue's proposals:
    ``{proposal id: department id or None for "ikke angivet"}``. Only the round's
    departments may be chosen."""
    if not actor.is_finance:
        raise PermissionDenied
    catalogue = Catalogue.objects.select_related("round").get(pk=catalogue_id)
    allowed = set(RoundDepartment.objects.filter(round=catalogue.round)
                  .values_list("department_id", flat=True))
    if any(d is not None and d not in allowed for d in choices.values()):
        raise ValueError("a department that is not the round's")
    proposals = list(Proposal.objects.select_for_update()
                     .filter(catalogue=catalogue, pk__in=list(choices)))
    changes: dict[str, Any] = {}
    for proposal in proposals:
        chosen = choices[proposal.pk]
        if proposal.department_id == chosen and proposal.department_confirmed:
            continue
        changes[proposal.number] = [proposal.department_id, chosen]
        if proposal.department_id != chosen:
            proposal.department_source = "set" if chosen is not None else ""
        proposal.department_id = chosen
        proposal.department_confirmed = True
        proposal.lock_version += 1
        proposal.save(update_fields=["department", "department_source",
                                     "department_confirmed", "lock_version", "updated_at"])
    if changes:
        record(actor, "confirm_departments", catalogue, changes)
    return proposals


# -- publication -------------------------------------------------------------------

# The columns of a published proposal that its content decides (not the version or the
# working copy it came from): what "the same content" compares.
_CONTENT_FIELDS = ("number", "slug", "sort_key", "title", "department", "group",
                   "area_codes", "affects_citizens", "affects_staff", "totals",
                   "search_text", "search_words", "document")


def _canonical(value: Any) -> str:
    """One canonical JSON text for a value as a JSON column gives it back, whatever
    the database (tuples become lists, keys sorted)."""
    return json.dumps(json.loads(json.dumps(value, default=str)), sort_keys=True,
                      ensure_ascii=False)


def _same_as_latest(catalogue: Catalogue, document: dict[str, Any],
                    rows: list[PublishedProposal]) -> CatalogueVersion | None:
    """The latest version, if publishing now would make one with the same content."""
    latest = catalogue.latest_version
    if latest is None:
        return None
    stored = sorted(PublishedProposal.objects.filter(version=latest)
                    .values(*_CONTENT_FIELDS), key=lambda r: str(r["slug"]))
    new = sorted(({f: getattr(row, f) for f in _CONTENT_FIELDS} for row in rows),
                 key=lambda r: str(r["slug"]))
    if _canonical([latest.document, stored]) != _canonical([document, new]):
        return None
    return latest


def publication_document(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue JSON a publication would make now (for the preview)."""
    proposals = list(
        Proposal.objects.filter(catalogue=catalogue, state__in=[ProposalState.APPROVED,
                                                                ProposalState.PUBLISHED])
        .select_related("department", "catalogue__round")
        .prefetch_related("sections", "lines").order_by("sort_key"))
    years = catalogue.round.years
    return version_document(catalogue, [
        (p, proposal_document(catalogue, domain_proposal(p, years))) for p in proposals])


@dataclass
class _Publication:
    """What a publication would store, read from the working copies, and the state it
    was read from (each proposal's id and lock version, the catalogue's own fields)."""

    basis: tuple[Any, ...]
    proposals: list[Proposal]
    document: dict[str, Any]
    rows: list[PublishedProposal]


def _publishable(catalogue: Catalogue) -> Any:
    return Proposal.objects.filter(catalogue=catalogue, state__in=[
        ProposalState.APPROVED, ProposalState.PUBLISHED]).order_by("sort_key")


def _basis(catalogue: Catalogue) -> tuple[Any, ...]:
    return (catalogue.title, _canonical(catalogue.frame),
            tuple(_publishable(catalogue).values_list("pk", "lock_version")))


def _prepare_publication(catalogue: Catalogue) -> _Publication:
    basis = _basis(catalogue)
    proposals = list(_publishable(catalogue).select_related("department", "catalogue__round")
                     .prefetch_related("sections", "lines"))
    years = catalogue.round.years
    docs = []
    for proposal in proposals:
        domain = domain_proposal(proposal, years)
        docs.append((proposal, domain, proposal_document(catalogue, domain)))
    document = version_document(catalogue, [(p, d) for p, _, d in docs])
    rows = []
    for proposal, domain, pdoc in docs:
        text = search_text(domain.title, department_name(proposal) or "", proposal.group,
                           proposal.areas_text, (s.plain_text for s in domain.sections))
        rows.append(PublishedProposal(
            proposal=proposal, number=proposal.number, slug=proposal.slug,
            sort_key=proposal.sort_key, title=proposal.title,
            department=department_name(proposal) or "", group=proposal.group,
            area_codes="|" + "|".join(a.code for a in domain.areas) + "|" if domain.areas
            else "",
            affects_citizens=proposal.affects_citizens, affects_staff=proposal.affects_staff,
            totals=list(domain.total(years)), search_text=text,
            search_words=search_words(text), document=pdoc))
    return _Publication(basis, proposals, document, rows)


def do_publish_catalogue(actor: User | None, catalogue_id: int) -> CatalogueVersion:
    """Publish every approved (and previously published) proposal as a new immutable
    version. Drafts and submitted proposals stay out.

    Idempotent per content: when nothing would differ from the latest version, that
    version is returned and nothing is written. The catalogue row is locked first
    (FOR UPDATE; on SQLite the transaction's BEGIN IMMEDIATE), so any number of
    identical requests at once make exactly one version. The version is built before
    the lock is taken (building is the slow part) and built again under the lock only
    if a proposal or the catalogue changed meanwhile, so writers queue briefly."""
    if actor is not None and not permissions.can_publish(actor):
        raise PermissionDenied
    catalogue = Catalogue.objects.select_related("round").get(pk=catalogue_id)
    return _publish(actor, catalogue_id, _prepare_publication(catalogue))


@transaction.atomic
def _publish(actor: User | None, catalogue_id: int,
             prepared: _Publication) -> CatalogueVersion:
    catalogue = (Catalogue.objects.select_for_update().select_related("round")
                 .get(pk=catalogue_id))
    if _basis(catalogue) != prepared.basis:
        prepared = _prepare_publication(catalogue)
    proposals, document, rows = prepared.proposals, prepared.document, prepared.rows
    unchanged = _same_as_latest(catalogue, document, rows)
    if unchanged is not None:
        # An edit that was undone leaves the content as published.
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).exclude(
            state=ProposalState.PUBLISHED).update(state=ProposalState.PUBLISHED)
        return unchanged
    last = catalogue.versions.order_by("-number").values_list("number", flat=True).first()
    version = CatalogueVersion.objects.create(
        catalogue=catalogue, number=(last or 0) + 1, published_by=actor, document=document)
    for row in rows:
        row.version = version
    PublishedProposal.objects.bulk_create(rows)
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).exclude(
        state=ProposalState.PUBLISHED).update(state=ProposalState.PUBLISHED)
    catalogue.latest_version = version
    catalogue.save(update_fields=["latest_version"])
    record(actor, "publish_catalogue", catalogue,
           {"version": version.number, "proposals": [p.number for p in proposals]})
    return version

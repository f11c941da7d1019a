"""Every write to catalogues and proposals: ``do_<verb>_<noun>``, one transaction
each, permission-checked and recorded in the audit log."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils.text import slugify

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.departments import departments as derived_departments
from budgetkatalog.core.text import SECTION_HEADINGS
from budgetkatalog.scenarios.attributes import affects_citizens
from budgetkatalog.web.accounts.models import Department, User
from budgetkatalog.web.auditlog.record import record
from budgetkatalog.web.catalogues import permissions
from budgetkatalog.web.catalogues.domain import (
    blocks_to_body,
    catalogue_frame,
    domain_proposal,
    proposal_document,
    slug_for,
    sort_key,
    version_document,
)
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
    Section,
    TableLine,
)
from budgetkatalog.web.catalogues.search import search_words

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
    department_id: int
    group: str = ""
    areas_text: str = ""
    affects_citizens: bool = False
    affects_staff: bool = False
    table_caption: str = ""
    costing_spec: str = ""
    sections: dict[int, str] = field(default_factory=dict)
    lines: dict[str, LineData] = field(default_factory=dict)


# -- import ------------------------------------------------------------------------

def _affects_staff(text: str) -> bool:
    """Section 4 counts as "no effect on staff" when it says so up front."""
    folded = text.strip().casefold()
    return bool(folded) and not folded.startswith(("ingen", "forslaget har ingen",
                                                   "ikke relevant", "-"))


@transaction.atomic
def do_import_catalogue(actor: User | None, catalogue: DomainCatalogue, *,
                        slug: str | None = None,
                        state: ProposalState = ProposalState.APPROVED,
                        default_department: str = "Økonomi & Stab",
                        costing_round: str = "",
                        costing_specs: dict[str, str] | None = None) -> Catalogue:
    """Store a domain catalogue (from the text importer or the JSON format), with the
    round's costing assumptions and proposals' costing specs where there are any."""
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
    names = [row.department for row in catalogue.fte_table.rows] if catalogue.fte_table else []
    names = [*names, default_department]
    departments = {name: Department.objects.get_or_create(name=name)[0] for name in names}
    matched = derived_departments(catalogue)
    years = catalogue.round.years
    for p in catalogue.proposals:
        group = catalogue.group_of(p.number)
        staff = p.section(4)
        match = matched.get(p.number)
        proposal = Proposal.objects.create(
            catalogue=stored,
            department=departments[match.department if match else default_department],
            number=p.number, slug=slug_for(p.number), sort_key=sort_key(p.number),
            title=p.title, state=state, group=group.name if group else "",
            areas_text=p.areas_text or "", fte=p.fte,
            affects_citizens=affects_citizens(p),
            affects_staff=_affects_staff(staff.plain_text) if staff else False,
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
    record(actor, "import_catalogue", stored,
           {"proposals": len(catalogue.proposals), "title": catalogue.title})
    return stored


# -- authoring ---------------------------------------------------------------------

@transaction.atomic
def do_create_proposal(actor: User, catalogue: Catalogue, *, number: str, title: str,
                       department: Department | None = None) -> Proposal:
    if not permissions.can_create(actor):
        raise PermissionDenied
    if not actor.is_finance or department is None:
        department = actor.department
    if department is None:
        raise PermissionDenied
    # The catalogue row is the lock that serialises numbering (a no-op on SQLite,
    # where BEGIN IMMEDIATE already serialises writers).
    Catalogue.objects.select_for_update().filter(pk=catalogue.pk).first()
    check_number(catalogue.pk, number)
    proposal = Proposal.objects.create(
        catalogue=catalogue, department=department, number=number.strip(),
        slug=slug_for(number), sort_key=sort_key(number), title=title.strip(),
        state=ProposalState.DRAFT, table_caption="")
    Section.objects.bulk_create([Section(proposal=proposal, number=n,
                                         heading=SECTION_HEADINGS[n], body="")
                                 for n in SECTION_NUMBERS])
    years = catalogue.round.years
    TableLine.objects.bulk_create([
        TableLine(proposal=proposal, letter=letter, amounts=[None] * len(years))
        for letter in (*LINE_LETTERS, *EXTRA_LETTERS)])
    record(actor, "create_proposal", proposal, {"number": number, "title": title,
                                                "department": department.name})
    return proposal


def _snapshot(proposal: Proposal) -> dict[str, Any]:
    """The editable state as plain values, for the audit log's before/after."""
    out: dict[str, Any] = {
        "number": proposal.number, "title": proposal.title,
        "department": proposal.department_id, "group": proposal.group,
        "areas_text": proposal.areas_text, "affects_citizens": proposal.affects_citizens,
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
    if actor.is_finance and data.department_id != proposal.department_id \
            and not Department.objects.filter(pk=data.department_id).exists():
        raise UnknownDepartment(str(data.department_id))
    before = _snapshot(proposal)
    proposal.number = data.number.strip() or proposal.number
    proposal.slug = slug_for(proposal.number)
    proposal.sort_key = sort_key(proposal.number)
    proposal.title = data.title.strip() or proposal.title
    if actor.is_finance:
        proposal.department_id = data.department_id
    proposal.group = data.group.strip()
    proposal.areas_text = data.areas_text.strip()
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
            defaults={"body": body, "heading": SECTION_HEADINGS[number]})
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
                action: str) -> Proposal:
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
    record(actor, action, proposal, {"state": [before, target.value]})
    return proposal


@transaction.atomic
def do_submit_proposal(actor: User, proposal_id: int) -> Proposal:
    return _transition(actor, proposal_id, permissions.can_submit,
                       (ProposalState.DRAFT,), ProposalState.SUBMITTED, "submit_proposal")


@transaction.atomic
def do_approve_proposal(actor: User, proposal_id: int) -> Proposal:
    return _transition(actor, proposal_id, permissions.can_approve,
                       (ProposalState.SUBMITTED,), ProposalState.APPROVED,
                       "approve_proposal")


def _may_return(actor: User, proposal: Proposal) -> bool:
    return actor.is_finance and actor.is_active


@transaction.atomic
def do_return_proposal(actor: User, proposal_id: int) -> Proposal:
    """Finance staff send a submitted or approved proposal back to its authors."""
    return _transition(actor, proposal_id, _may_return,
                       (ProposalState.SUBMITTED, ProposalState.APPROVED),
                       ProposalState.DRAFT, "return_proposal")


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


@transaction.atomic
def do_publish_catalogue(actor: User | None, catalogue_id: int) -> CatalogueVersion:
    """Publish every approved (and previously published) proposal as a new immutable
    version. Drafts and submitted proposals stay out.

    Idempotent per content: when nothing would differ from the latest version, that
    version is returned and nothing is written. The catalogue row is locked first
    (FOR UPDATE; on SQLite the transaction's BEGIN IMMEDIATE), so any number of
    identical requests at once make exactly one version."""
    if actor is not None and not permissions.can_publish(actor):
        raise PermissionDenied
    catalogue = (Catalogue.objects.select_for_update().select_related("round")
                 .get(pk=catalogue_id))
    proposals = list(
        Proposal.objects.filter(catalogue=catalogue, state__in=[ProposalState.APPROVED,
                                                                ProposalState.PUBLISHED])
        .select_related("department", "catalogue__round")
        .prefetch_related("sections", "lines").order_by("sort_key"))
    years = catalogue.round.years
    docs = []
    for proposal in proposals:
        domain = domain_proposal(proposal, years)
        docs.append((proposal, domain, proposal_document(catalogue, domain)))
    document = version_document(catalogue, [(p, d) for p, _, d in docs])
    rows = []
    for proposal, domain, pdoc in docs:
        text = "\n".join([domain.title, proposal.department.name, proposal.group,
                          proposal.areas_text, *(s.plain_text for s in domain.sections)])
        rows.append(PublishedProposal(
            proposal=proposal, number=proposal.number, slug=proposal.slug,
            sort_key=proposal.sort_key, title=proposal.title,
            department=proposal.department.name, group=proposal.group,
            area_codes="|" + "|".join(a.code for a in domain.areas) + "|" if domain.areas
            else "",
            affects_citizens=proposal.affects_citizens, affects_staff=proposal.affects_staff,
            totals=list(domain.total(years)), search_text=text,
            search_words=search_words(text), document=pdoc))
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

"""Every write to catalogues and proposals: ``do_<verb>_<noun>``, one transaction
each, permission-checked and recorded in the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.text import SECTION_HEADINGS
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
    pass


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

def _department_for(title: str, names: list[str], default: str) -> str:
    """The department a seed proposal belongs to, read from its title: the seed has no
    department field, but the administration analysis names one per proposal."""
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.casefold().replace("&", "og")).strip()

    folded = norm(title)
    for name in names:
        if norm(name) in folded:
            return name
    return default


def _affects(text: str) -> bool:
    """A consequence section counts as "no effect" when it says so up front."""
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
    years = catalogue.round.years
    for p in catalogue.proposals:
        group = catalogue.group_of(p.number)
        citizens, staff = p.section(3), p.section(4)
        proposal = Proposal.objects.create(
            catalogue=stored,
            department=departments[_department_for(p.title, names, default_department)],
            number=p.number, slug=slug_for(p.number), sort_key=sort_key(p.number),
            title=p.title, state=state, group=group.name if group else "",
            areas_text=p.areas_text or "", fte=p.fte,
            affects_citizens=_affects(citizens.plain_text) if citizens else False,
            affects_staff=_affects(staff.plain_text) if staff else False,
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
        raise PermissionDenied
    # Claim the next version with one conditional UPDATE: of two saves from the same
    # version exactly one matches, on every database (SQLite ignores FOR UPDATE).
    claimed = Proposal.objects.filter(pk=proposal_id, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1)
    if not claimed:
        proposal.refresh_from_db()
        raise StaleEdit(proposal)
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


def _transition(actor: User, proposal_id: int, allowed: bool, target: ProposalState,
                action: str) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not allowed:
        raise PermissionDenied
    before = proposal.state
    proposal.state = target
    proposal.lock_version += 1
    proposal.save(update_fields=["state", "lock_version", "updated_at"])
    record(actor, action, proposal, {"state": [before, target.value]})
    return proposal


@transaction.atomic
def do_submit_proposal(actor: User, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.get(pk=proposal_id)
    return _transition(actor, proposal_id, permissions.can_submit(actor, proposal),
                       ProposalState.SUBMITTED, "submit_proposal")


@transaction.atomic
def do_approve_proposal(actor: User, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.get(pk=proposal_id)
    return _transition(actor, proposal_id, permissions.can_approve(actor, proposal),
                       ProposalState.APPROVED, "approve_proposal")


@transaction.atomic
def do_return_proposal(actor: User, proposal_id: int) -> Proposal:
    """Finance staff send a submitted or approved proposal back to its authors."""
    proposal = Proposal.objects.get(pk=proposal_id)
    allowed = actor.is_finance and proposal.state in (ProposalState.SUBMITTED,
                                                      ProposalState.APPROVED)
    return _transition(actor, proposal_id, allowed, ProposalState.DRAFT, "return_proposal")


# -- publication -------------------------------------------------------------------

@transaction.atomic
def do_publish_catalogue(actor: User | None, catalogue_id: int) -> CatalogueVersion:
    """Publish every approved (and previously published) proposal as a new immutable
    version. Drafts and submitted proposals stay out."""
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
    last = catalogue.versions.order_by("-number").values_list("number", flat=True).first()
    version = CatalogueVersion.objects.create(
        catalogue=catalogue, number=(last or 0) + 1, published_by=actor, document=document)
    rows = []
    for proposal, domain, pdoc in docs:
        text = "\n".join([domain.title, proposal.department.name, proposal.group,
                          proposal.areas_text, *(s.plain_text for s in domain.sections)])
        rows.append(PublishedProposal(
            version=version, proposal=proposal, number=proposal.number, slug=proposal.slug,
            sort_key=proposal.sort_key, title=proposal.title,
            department=proposal.department.name, group=proposal.group,
            area_codes="|" + "|".join(a.code for a in domain.areas) + "|" if domain.areas
            else "",
            affects_citizens=proposal.affects_citizens, affects_staff=proposal.affects_staff,
            totals=list(domain.total(years)), search_text=text,
            search_words=search_words(text), document=pdoc))
    PublishedProposal.objects.bulk_create(rows)
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).exclude(
        state=ProposalState.PUBLISHED).update(state=ProposalState.PUBLISHED)
    catalogue.latest_version = version
    catalogue.save(update_fields=["latest_version"])
    record(actor, "publish_catalogue", catalogue,
           {"version": version.number, "proposals": [p.number for p in proposals]})
    return version


"""The editor's proposal facts: FTE and whom the proposal affects are fields the author
sets; what the text suggests stands beside each field as a hint, never in it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from budgetkatalog.core.proposal import Proposal as DomainProposal
from budgetkatalog.importers.catalogue_text import stated_fte
from budgetkatalog.scenarios.attributes import (
    CitizenImpact,
    classify_citizen_impact,
    suggest_affects_staff,
)
from budgetkatalog.web.catalogues.models import Proposal
from budgetkatalog.web.staff.forms import input_fte


def _section_text(domain: DomainProposal, number: int) -> str | None:
    section = domain.section(number)
    return section.plain_text if section is not None else None


def fte_hint(proposal: Proposal, domain: DomainProposal) -> str:
    if proposal.fte is not None:
        source = proposal.fte_source
        if not source or source == "set":
            return ""
        if source.startswith("FTE table"):
            where = _("notatets årsværkstabel")
        elif source.startswith("section"):
            where = _("afsnit 4 eller 7: ingen personalemæssige konsekvenser")
        else:
            where = _("forslagets egen angivelse")
        return _("Indlæst fra dokumentet (%(source)s).") % {"source": where}
    stated = stated_fte(domain.sections)
    if stated is not None:
        return _("Teksten nævner %(fte)s årsværk; skriv tallet her, hvis det er "
                 "forslagets.") % {"fte": input_fte(stated)}
    if suggest_affects_staff(_section_text(domain, 4)) is False:
        return _("Afsnit 4 siger, at forslaget ikke har personalemæssige konsekvenser "
                 "(0 årsværk).")
    return _("Teksten angiver ikke årsværk. Tomt felt betyder »ikke angivet«, ikke 0.")


def _citizens_hint(domain: DomainProposal) -> str:
    impact = classify_citizen_impact(_section_text(domain, 3))
    if impact is None:
        return _("Afsnit 3 er tomt; teksten foreslår intet.")
    if impact is CitizenImpact.NONE:
        return _("Forslag fra afsnit 3: berører ikke borgere.")
    if impact is CitizenImpact.LIMITED:
        return _("Forslag fra afsnit 3: berører borgere i begrænset omfang.")
    return _("Forslag fra afsnit 3: berører borgere.")


def _staff_hint(domain: DomainProposal) -> str:
    affects = suggest_affects_staff(_section_text(domain, 4))
    if affects is None:
        return _("Afsnit 4 er tomt; teksten foreslår intet.")
    if affects:
        return _("Forslag fra afsnit 4: berører personale.")
    return _("Forslag fra afsnit 4: berører ikke personale.")


def proposal_facts(proposal: Proposal, domain: DomainProposal,
                   values: dict[str, str]) -> dict[str, Any]:
    options = [("1", _("Ja")), ("0", _("Nej")), ("", _("ikke angivet"))]
    return {
        "fte": fte_hint(proposal, domain),
        "choices": [
            {"name": "affects_citizens", "label": _("Berører borgere"),
             "value": values.get("affects_citizens", ""), "options": options,
             "hint": _citizens_hint(domain)},
            {"name": "affects_staff", "label": _("Berører personale"),
             "value": values.get("affects_staff", ""), "options": options,
             "hint": _staff_hint(domain)},
        ],
    }

"""Helpers shared by the scenario tests (HTTP and browser): the test round finance
staff set up, the same round built in the domain, and reading numbers back from a page."""

from __future__ import annotations

import re
from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.scenarios.attributes import AttributeOverride
from budgetkatalog.scenarios.attributes import Divisibility as DomainDivisibility
from budgetkatalog.scenarios.round_setup import RoundSetup, build_setup
from budgetkatalog.scenarios.targets import Targets

YEARS = (2020, 2021, 2022, 2023)
TARGET = Decimal(-20000)


def configure_round(finance: object, catalogue_pk: int) -> None:
    """Finance staff's targets from 2021; 2.8 (at least 10 %) and 2.16 may be adopted
    in part. Imported late: Django must be set up before the web apps load."""
    from budgetkatalog.web.scenarios.actions import do_set_proposal_settings, do_set_targets
    from budgetkatalog.web.scenarios.models import Divisibility

    do_set_targets(finance, catalogue_pk, {y: TARGET for y in YEARS[1:]})
    do_set_proposal_settings(finance, catalogue_pk, {
        "2.8": (Divisibility.SHARE, 10), "2.16": (Divisibility.SHARE, None)})


def domain_setup(seed: DomainCatalogue) -> RoundSetup:
    """The same round built directly in the domain, for the expected numbers."""
    overrides = (AttributeOverride("2.8", divisibility=DomainDivisibility.SHARE,
                                   min_share_percent=10),
                 AttributeOverride("2.16", divisibility=DomainDivisibility.SHARE))
    return build_setup(seed, Targets.of({y: TARGET for y in YEARS[1:]}), (), overrides,
                       memo_relations=False)


def cell(html: str, element_id: str) -> str:
    """The text of the element with this id (tags inside it removed)."""
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</(?:td|dd|span|p)>', html,
                      re.S)
    assert match is not None, f"no element #{element_id} on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def number(html: str, element_id: str) -> Decimal:
    """A Danish-written number shown in the element with this id."""
    text = cell(html, element_id).split("(")[0].strip().lstrip("+")
    value = parse_danish_number(text)
    assert value is not None, f"#{element_id} shows {text!r}, not a number"
    return value

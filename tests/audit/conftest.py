from __future__ import annotations

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding
from budgetkatalog.importers.catalogue_text import import_catalogue_text

TEMPLATE = """\
 {number} {title}
{areas}

1. Type
Forslaget stilles på baggrund af administrationsanalysen.

2. Beskrivelse af forslaget
{description}

3. Konsekvenser for service til borgerne
Ingen.

4. Konsekvenser for personale
{staff}

5. Konsekvenser for andre fagområder og områdebevillinger
Ingen.

6. Vigtige risici i forhold til udmøntning af forslaget
Ingen.

7. Konsekvenser for økonomien
{economy}

Tabel 1. {caption} i 1.000 kr.
Fortegn: ”+” angiver merudgift/mindre indtægt og ”-” angiver mindre udgift/merindtægt.

Pengepose-nr. Pengeposenavn 2020 2021 2022 2023

a. {line_a}

b. {line_b}

c.

d.

e. Delsum (a+b+c+d) {subtotal}

f. Anlægsinvestering{investment}

g. Afledte driftsudgifter{derived}

I alt (e+f+g) {total}
"""


def proposal_text(**fields: str) -> str:
    values = {"number": "2.1", "title": "Reduktion i administrationen",
              "areas": "8290 Stabsenheder og direktører", "description": "Forslaget.",
              "staff": "Ingen.", "economy": "Forslaget giver en besparelse.",
              "caption": "8290 Stabsenheder og direktører",
              "line_a": "829002 Løn -500 -1000 -1000 -1000", "line_b": "",
              "subtotal": "-500 -1000 -1000 -1000", "total": "-500 -1000 -1000 -1000",
              "investment": "", "derived": ""}
    values.update(fields)
    return TEMPLATE.format(**values)


def catalogue_of(**fields: str) -> Catalogue:
    result = import_catalogue_text(proposal_text(**fields))
    assert result.catalogue is not None, result.findings
    return result.catalogue


def findings_of(**fields: str) -> list[Finding]:
    return audit(catalogue_of(**fields))


@pytest.fixture(scope="session")
def seed_findings(seed: Catalogue) -> list[Finding]:
    return audit(seed)

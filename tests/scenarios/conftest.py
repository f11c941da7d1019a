from __future__ import annotations

import pytest

from budgetkatalog.core.catalogue import Catalogue


@pytest.fixture(scope="session")
def administration(seed: Catalogue) -> tuple[str, ...]:
    """The 15 proposals of the administration analysis (2.1–2.15)."""
    group = next(g for g in seed.groups if g.name == "Administrationsanalysen")
    return group.proposal_numbers

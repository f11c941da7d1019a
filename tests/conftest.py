from __future__ import annotations

from pathlib import Path

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.importers.catalogue_text import ImportResult, import_catalogue_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "albertslund-2020-katalog-2.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_result() -> ImportResult:
    return import_catalogue_file(SEED)


@pytest.fixture(scope="session")
def seed(seed_result: ImportResult) -> Catalogue:
    assert seed_result.catalogue is not None
    return seed_result.catalogue

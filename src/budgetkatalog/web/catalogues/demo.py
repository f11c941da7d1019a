"""The demo: the example catalogue, published, and one user per role.

Loading is idempotent: a second run finds the catalogue and the users and changes
nothing. Passwords are random; the first run writes them to ``var/demo-users.txt``
(readable by the owner only) so a later run can show them again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from budgetkatalog.examples import EXAMPLES_DIR
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from budgetkatalog.web.accounts.actions import do_create_department, do_create_user
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.catalogues.actions import (
    do_import_catalogue,
    do_publish_catalogue,
    do_set_finance_department,
)
from budgetkatalog.web.catalogues.models import Catalogue

SEED = EXAMPLES_DIR / "albertslund-2020-katalog-2.txt"
COSTING = EXAMPLES_DIR / "costing"

DEMO_USERS = (
    ("administrator", Role.ADMIN, "Økonomi & Stab", "Demo Administrator"),
    ("okonomi", Role.FINANCE, "Økonomi & Stab", "Demo Økonomimedarbejder"),
    ("forfatter", Role.AUTHOR, "Økonomi & Stab", "Demo Forfatter"),
    ("politiker", Role.POLITICIAN, None, "Demo Politiker"),
)


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    users: tuple[tuple[str, str, str | None], ...]  # username, role, password if known


def _passwords_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-users.txt"


def _known_passwords() -> dict[str, str]:
    path = _passwords_file()
    if not path.exists():
        return {}
    pairs = (line.split(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: password for name, password in pairs}


def costing_examples() -> dict[str, Any]:
    """The example costing specs, by proposal number (``2.8-....toml`` is 2.8's)."""
    round_file = COSTING / "round-2020.toml"
    if not round_file.exists():
        return {}
    specs = {path.name.split("-", 1)[0]: path.read_text(encoding="utf-8")
             for path in sorted(COSTING.glob("*.toml")) if path != round_file}
    return {"costing_round": round_file.read_text(encoding="utf-8"), "costing_specs": specs}


def load_demo(seed: Path = SEED) -> DemoResult:
    with transaction.atomic():
        loaded = False
        if not Catalogue.objects.filter(slug="katalog-2",
                                        round__budget_year=2020).exists():
            result = import_catalogue_file(seed)
            if result.catalogue is None:
                raise RuntimeError(f"the example catalogue {seed} could not be read")
            catalogue = do_import_catalogue(None, result.catalogue, slug="katalog-2",
                                            **costing_examples())
            do_set_finance_department(None, catalogue.round_id,
                                      do_create_department(None, "Økonomi & Stab"))
            do_publish_catalogue(None, catalogue.pk)
            loaded = True
        created: dict[str, str] = {}
        for username, role, department_name, full_name in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            department = do_create_department(None, department_name) if department_name \
                else None
            password = secrets.token_urlsafe(12)
            do_create_user(None, username, password, role, department=department,
                           full_name=full_name)
            created[username] = password
    if created:
        path = _passwords_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        known = {**_known_passwords(), **created}
        path.write_text("".join(f"{k} {v}\n" for k, v in known.items()), encoding="utf-8")
        path.chmod(0o600)
    known = _known_passwords()
    return DemoResult(loaded or bool(created), tuple(
        (username, str(role.label), known.get(username)) for username, role, _, _ in DEMO_USERS))

"""Everything stored about one sender, by e-mail address, as JSON (access requests)."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from budgetkatalog.web.hearing.actions import do_export_person_data


class Command(BaseCommand):
    help = "Print every hearing response and meeting sign-up of one e-mail address as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        records = do_export_person_data(None, options["email"])
        self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))

"""Send the e-mail outbox (hearing receipts), once or as a worker that keeps polling."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from budgetkatalog.web.hearing.outbox import deliver_due


class Command(BaseCommand):
    help = "Send due e-mails from the outbox, retrying failures later."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--loop", action="store_true",
                            help="keep running, polling every --interval seconds")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            result = deliver_due(timezone.now())
            if result.sent or result.failed:
                self.stdout.write(f"sent {result.sent}, failed {result.failed}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])

"""Delete the personal data of hearing responses older than the retention period."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from budgetkatalog.web.hearing.actions import NotArchived, do_purge_personal_data


class Command(BaseCommand):
    help = ("Hard-delete hearing responses (rows and attachment files) and meeting "
            "sign-ups older than the retention period; refuses while a hearing concerned "
            "has no archive export. Exit 1 when refused.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=None,
                            help="retention period in days (default HEARING_RETENTION_DAYS)")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else \
            int(settings.HEARING_RETENTION_DAYS)
        if days < 0:
            raise CommandError("--days must be 0 or more", returncode=2)
        try:
            purged = do_purge_personal_data(None, older_than=timedelta(days=days),
                                            at=timezone.now())
        except NotArchived as refused:
            names = "; ".join(f"{h.pk} {h.title}" for h in refused.hearings)
            raise CommandError(
                f"nothing deleted: no archive export after the last response for hearing(s) "
                f"{names}; make the archive export first", returncode=1) from refused
        self.stdout.write(f"deleted {purged.responses} responses, {purged.files} files, "
                          f"{purged.signups} meeting sign-ups")

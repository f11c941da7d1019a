"""Create a user with a role (and department), through the action layer."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from budgetkatalog.web.accounts.actions import do_create_department, do_create_user
from budgetkatalog.web.accounts.models import Role, User


class Command(BaseCommand):
    help = "Opret en bruger med en rolle: finance, author eller politician."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--department", default="",
                            help="afdeling (kræves for author), oprettes hvis den mangler")
        parser.add_argument("--name", default="", help="fulde navn")

    def handle(self, *args: Any, **options: Any) -> None:
        username, role = options["username"], Role(options["role"])
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Brugeren {username} findes allerede.")
        if role == Role.AUTHOR and not options["department"]:
            raise CommandError("En afdelingsforfatter skal have en afdeling (--department).")
        department = (do_create_department(None, options["department"])
                      if options["department"] else None)
        password = getpass.getpass("Adgangskode: ")
        if len(password) < 8:
            raise CommandError("Adgangskoden skal have mindst 8 tegn.")
        do_create_user(None, username, password, role, department=department,
                       full_name=options["name"])
        self.stdout.write(f"Brugeren {username} ({role.label}) er oprettet.")

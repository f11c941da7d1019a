from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from budgetkatalog.web.catalogues.demo import load_demo


class Command(BaseCommand):
    help = "Indlæs eksempelkataloget og én demobruger pr. rolle (kun første gang)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        self.stdout.write("Demodata indlæst." if result.loaded else
                          "Demodata fandtes allerede; intet ændret.")
        for username, role, password in result.users:
            self.stdout.write(f"  {username:10} {role:22} adgangskode: {password or '?'}")

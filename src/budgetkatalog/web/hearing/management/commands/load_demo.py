from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from budgetkatalog.web.hearing.demo import load_demo_with_hearing
from budgetkatalog.web.hearing.periods import wall_clock


# In the hearing app, the uppermost app the demo touches: the example catalogue and its
# users (catalogues.demo), then the hearing on it (hearing.demo).
class Command(BaseCommand):
    help = ("Indlæs eksempelkataloget, én demobruger pr. rolle og en åben høring "
            "(kun første gang).")

    def handle(self, *args: Any, **options: Any) -> None:
        result, hearing = load_demo_with_hearing()
        self.stdout.write("Demodata indlæst." if result.loaded or hearing else
                          "Demodata fandtes allerede; intet ændret.")
        for username, role, password in result.users:
            self.stdout.write(f"  {username:10} {role:22} adgangskode: {password or '?'}")
        if hearing is not None:
            self.stdout.write(f"Høring åben til {wall_clock(hearing.deadline):%d.%m.%Y %H:%M}: "
                              "/2020/katalog-2/hoering/")

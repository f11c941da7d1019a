from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "budgetkatalog.web.scenarios"
    label = "scenarios"

    def ready(self) -> None:
        from budgetkatalog.web.auditlog.visibility import register
        from budgetkatalog.web.scenarios import permissions

        def scenarios(user: Any) -> Any:
            # Exactly the scenarios the user may open: finance staff do not read a
            # politician's private scenario here either.
            return list(permissions.visible_scenarios(user).values_list("pk", flat=True))

        register("scenarios.Scenario", scenarios, actions={
            "create_scenario": _("oprettede scenariet"),
            "update_scenario": _("ændrede scenariets navn eller beskrivelse"),
            "share_scenario": _("ændrede scenariets deling"),
            "set_decisions": _("ændrede scenariets beslutninger"),
            "copy_scenario": _("kopierede et scenarie"),
            "record_agreement": _("registrerede budgetaftalen"),
        }, fields={"description": _("beskrivelse"), "visibility": _("synlighed"),
                   "decisions": _("beslutninger"), "from": _("kopieret fra")})

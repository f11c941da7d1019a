from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _finance(user: Any) -> bool:
    return bool(getattr(user, "is_finance", False))


class AccountsConfig(AppConfig):
    name = "budgetkatalog.web.accounts"
    label = "accounts"
    verbose_name = "Brugere og afdelinger"

    def ready(self) -> None:
        # The database holds the accounts' password hashes and live session keys: an
        # SQLite file is made private to the server's user before anything opens it.
        from budgetkatalog.web.auditlog.visibility import register, register_fallback
        from budgetkatalog.web.local_state import prepare_databases

        prepare_databases(settings.DATABASES)

        # Users, departments and anything no app claims: finance staff only.
        def finance_only(user: Any) -> list[object] | None:
            return None if _finance(user) else []

        actions = {"create_department": _("oprettede afdelingen"),
                   "create_user": _("oprettede brugeren"),
                   "set_party": _("satte parti"),
                   # the actor is the person signing in
                   "sso_create_user": _("loggede ind første gang med kommunens login "
                                        "(bruger oprettet)"),
                   "sso_link_user": _("loggede ind første gang med kommunens login "
                                      "(eksisterende bruger knyttet)"),
                   "sso_update_user": _("loggede ind med kommunens login (rolle, afdeling, "
                                        "navn eller e-mail opdateret)")}
        fields = {"name": _("navn"), "username": _("brugernavn"), "role": _("rolle"),
                  "party": _("parti"), "department": _("afdeling"),
                  "email": _("e-mail"), "subject": _("id i kommunens login")}
        register("accounts.User", finance_only, actions=actions, fields=fields)
        register("accounts.Department", finance_only)
        register_fallback(_finance)

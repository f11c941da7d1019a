from django.apps import AppConfig
from django.conf import settings


class AccountsConfig(AppConfig):
    name = "budgetkatalog.web.accounts"
    label = "accounts"
    verbose_name = "Brugere og afdelinger"

    def ready(self) -> None:
        # The database holds the accounts' password hashes and live session keys: an
        # SQLite file is made private to the server's user before anything opens it.
        from budgetkatalog.web.local_state import prepare_databases

        prepare_databases(settings.DATABASES)

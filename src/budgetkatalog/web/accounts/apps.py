from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "budgetkatalog.web.accounts"
    label = "accounts"
    verbose_name = "Brugere og afdelinger"

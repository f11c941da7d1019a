from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "budgetkatalog.web.scenarios"
    label = "scenarios"

from django.apps import AppConfig


class CataloguesConfig(AppConfig):
    name = "catalogues"

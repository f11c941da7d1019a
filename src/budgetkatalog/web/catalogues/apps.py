from django.apps import AppConfig


class CataloguesConfig(AppConfig):
    name = "budgetkatalog.web.catalogues"
    label = "catalogues"

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "budgetkatalog.web.public"
    label = "public"

from django.apps import AppConfig


class HearingConfig(AppConfig):
    name = "budgetkatalog.web.hearing"
    label = "hearing"

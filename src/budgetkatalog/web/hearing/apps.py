from django.apps import AppConfig


class HearingConfig(AppConfig):
    name = "budgetkatalog.web.hearing"
    label = "hearing"

    def ready(self) -> None:
        from budgetkatalog.web.hearing import checks  # noqa: F401  (registers the check)

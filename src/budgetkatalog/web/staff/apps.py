from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "budgetkatalog.web.staff"
    label = "staff"

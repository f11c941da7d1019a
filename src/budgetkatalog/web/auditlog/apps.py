from django.apps import AppConfig


class AuditlogConfig(AppConfig):
    name = "budgetkatalog.web.auditlog"
    label = "auditlog"
    verbose_name = "Revisionsspor"

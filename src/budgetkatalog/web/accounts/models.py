"""Users, their role and their department."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """An administrative department (afdeling), e.g. ``Økonomi & Stab``."""

    name = models.CharField(_("navn"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    FINANCE = "finance", _("Økonomimedarbejder")
    AUTHOR = "author", _("Afdelingsforfatter")
    POLITICIAN = "politician", _("Politiker")


class User(AbstractUser):
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices,
                            default=Role.POLITICIAN)
    department = models.ForeignKey(Department, verbose_name=_("afdeling"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="users")
    # A politician's party: scenarios shared "with the party" are visible to its members.
    party = models.CharField(_("parti"), max_length=100, blank=True, default="")

    @property
    def is_finance(self) -> bool:
        return self.is_active and self.role == Role.FINANCE

    @property
    def is_author(self) -> bool:
        return self.is_active and self.role == Role.AUTHOR

    @property
    def is_politician(self) -> bool:
        return self.is_active and self.role == Role.POLITICIAN

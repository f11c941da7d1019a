"""Users, their role and their department."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """An administrative department (afdeling), e.g. ``Økonomi & Stab``."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kort navn"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    # Finance staff who also set up budget rounds, departments and catalogues.
    ADMIN = "admin", _("Administrator")
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
        """Finance staff; administrators are finance staff too."""
        return self.is_active and self.role in (Role.FINANCE, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_author(self) -> bool:
        return self.is_active and self.role == Role.AUTHOR

    @property
    def is_politician(self) -> bool:
        return self.is_active and self.role == Role.POLITICIAN


class SsoIdentity(models.Model):
    """The person at the municipality's OpenID Connect provider a user signs in as: the
    ID token's issuer and subject, which never change (a username or e-mail may)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sso_identities")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"],
                                               name="one_user_per_sso_subject")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"

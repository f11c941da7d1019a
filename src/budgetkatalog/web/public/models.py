"""Texts of the public site that the municipality maintains itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Where the Danish rules send a visitor whose complaint the municipality did not answer.
DIGST_COMPLAINTS = ("https://digst.dk/digital-inklusion/webtilgaengelighed/"
                    "oplever-du-ikke-tilgaengeligt-indhold/")


class Compliance(models.TextChoices):
    FULL = "full", _("Webstedet overholder fuldt ud webtilgængelighedsloven.")
    PARTIAL = "partial", _("Webstedet overholder delvist webtilgængelighedsloven.")
    NONE = "none", _("Webstedet overholder ikke webtilgængelighedsloven.")


class AccessibilityStatement(models.Model):
    """The site's accessibility statement (tilgængelighedserklæring), in the parts the
    Danish rules ask for. One row; edited by finance staff through
    ``public.actions.do_update_accessibility_statement``."""

    organisation = models.CharField(_("myndighed"), max_length=200, default="Kommunen")
    compliance = models.CharField(_("overholdelsesstatus"), max_length=10,
                                  choices=Compliance.choices, default=Compliance.PARTIAL)
    scope = models.TextField(_("omfang"), max_length=2000, default=(
        "Erklæringen gælder budgetkatalogets offentlige sider, høringen og "
        "medarbejdernes redigeringssider."))
    known_issues = models.TextField(_("ikke-tilgængeligt indhold"), max_length=5000, default=(
        "Tekster fra ældre kataloger er indlæst fra PDF og kan indeholde orddeling og "
        "tegnsætning som i kilden. Brede tabeller skal rulles vandret på små skærme."))
    prepared_on = models.DateField(_("erklæringen er udarbejdet"), null=True, blank=True)
    reviewed_on = models.DateField(_("senest gennemgået"), null=True, blank=True)
    contact_email = models.EmailField(_("e-mail til feedback"), blank=True, default="")
    contact_phone = models.CharField(_("telefon til feedback"), max_length=40, blank=True,
                                     default="")
    complaint_url = models.URLField(_("klage til Digitaliseringsstyrelsen"),
                                    default=DIGST_COMPLAINTS)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Tilgængelighedserklæring"

    @classmethod
    def current(cls) -> AccessibilityStatement:
        """The statement; its defaults until someone has edited it."""
        return cls.objects.order_by("pk").first() or cls()

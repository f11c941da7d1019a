from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CataloguesConfig(AppConfig):
    name = "budgetkatalog.web.catalogues"
    label = "catalogues"

    def ready(self) -> None:
        from budgetkatalog.web.auditlog.visibility import register
        from budgetkatalog.web.catalogues import permissions

        def proposals(user: Any) -> Any:
            # The history of a proposal is for those who write and check proposals
            # (as in the editor): finance staff all, authors their department's.
            if getattr(user, "is_finance", False):
                return None
            if getattr(user, "is_author", False):
                return list(permissions.visible_proposals(user).values_list("pk", flat=True))
            return []

        def catalogues(user: Any) -> Any:
            return None if permissions.can_publish(user) else []

        register("catalogues.Proposal", proposals, actions={
            "create_proposal": _("oprettede forslaget"),
            "save_proposal": _("gemte forslaget"),
            "submit_proposal": _("indsendte forslaget"),
            "approve_proposal": _("godkendte forslaget"),
            "return_proposal": _("sendte forslaget tilbage"),
        }, fields={
            "number": _("nummer"), "title": _("titel"), "group": _("gruppe"),
            "areas_text": _("områdebevilling"), "affects_citizens": _("berører borgere"),
            "affects_staff": _("berører personale"), "table_caption": _("tabeltekst"),
            "costing_spec": _("beregningsforudsætninger"), "state": _("status"),
            "section-*": _("afsnit"), "line-*": _("Tabel 1, linje"),
        })
        register("catalogues.Catalogue", catalogues, actions={
            "import_catalogue": _("indlæste kataloget"),
            "publish_catalogue": _("offentliggjorde kataloget"),
            "set_targets": _("satte målene"),
            "add_relation": _("tilføjede en relation"),
            "delete_relation": _("fjernede en relation"),
            "load_memo_relations": _("indlæste notatets relationer"),
            "set_proposal_settings": _("ændrede forslagenes indstillinger"),
        }, fields={"version": _("version"), "proposals": _("forslag"),
                   "targets": _("mål"), "label": _("målets navn")})

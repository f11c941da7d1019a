"""Catalogue audit: rules over a catalogue, each returning findings.

``audit(catalogue)`` runs every registered rule; ``RULES`` lists them. The statement
reader (:mod:`budgetkatalog.audit.statements`) is public so other parts (the web
application) can show which amounts a text states.
"""

from budgetkatalog.audit import (  # noqa: F401 - importing registers the rules
    arithmetic,
    derived,
    fte,
    memo,
    references,
    text_table,
)
from budgetkatalog.audit.registry import RULES, Rule, audit, by_proposal

__all__ = ["RULES", "Rule", "audit", "by_proposal"]

"""Catalogue audit: rules over a catalogue, each returning findings.

``audit(catalogue)`` runs every rule of the explicit list ``RULES``
(:mod:`budgetkatalog.audit.rules`). The statement reader
(:mod:`budgetkatalog.audit.statements`) is public so other parts (the web application)
can show which amounts a text states.
"""

from budgetkatalog.audit.registry import Rule, by_proposal
from budgetkatalog.audit.rules import RULES, audit, rule_of

__all__ = ["RULES", "Rule", "audit", "by_proposal", "rule_of"]

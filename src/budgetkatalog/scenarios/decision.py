"""Decisions and scenarios: what a scenario does with each proposal.

A proposal a scenario does not mention is rejected: a scenario is the set of
things someone chose to adopt, so an empty scenario adopts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from budgetkatalog.core.proposal import ProposalSortKey, proposal_sort_key


class DecisionKind(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    PARTIAL = "partial"
    LINES = "lines"


@dataclass(frozen=True)
class Decision:
    """Adopted, rejected, adopted in part (a ``share`` in (0, 1]) or adopted for the
    chosen budget ``lines`` of Table 1 (letters a–d)."""

    kind: DecisionKind
    share: Decimal | None = None
    lines: tuple[str, ...] = ()

    @classmethod
    def adopted(cls) -> Decision:
        return cls(DecisionKind.ADOPTED)

    @classmethod
    def rejected(cls) -> Decision:
        return cls(DecisionKind.REJECTED)

    @classmethod
    def partial(cls, share: Decimal | str) -> Decision:
        return cls(DecisionKind.PARTIAL, share=Decimal(share))

    @classmethod
    def chosen_lines(cls, *letters: str) -> Decision:
        return cls(DecisionKind.LINES, lines=tuple(sorted(set(letters))))

    @property
    def is_adopted(self) -> bool:
        """Adopted wholly or in part."""
        return self.kind is not DecisionKind.REJECTED

    def label(self, lang: str = "da") -> str:
        if self.kind is DecisionKind.PARTIAL and self.share is not None:
            percent = (self.share * 100).normalize()
            return f"{percent:f} %" if lang == "da" else f"{percent:f}%"
        if self.kind is DecisionKind.LINES:
            return ("linje " if lang == "da" else "lines ") + ", ".join(self.lines)
        names = {"da": {DecisionKind.ADOPTED: "vedtaget", DecisionKind.REJECTED: "forkastet"},
                 "en": {DecisionKind.ADOPTED: "adopted", DecisionKind.REJECTED: "rejected"}}
        return names["en" if lang == "en" else "da"].get(self.kind, str(self.kind))


REJECTED = Decision.rejected()


@dataclass(frozen=True)
class Scenario:
    """A named choice of proposals. ``locked`` marks the budget agreement, which
    finance staff record and nobody edits afterwards."""

    name: str
    decisions: tuple[tuple[str, Decision], ...] = ()
    locked: bool = False
    description: str = ""

    @classmethod
    def of(cls, name: str, decisions: dict[str, Decision] | None = None, *,
           locked: bool = False, description: str = "") -> Scenario:
        items = tuple(sorted((decisions or {}).items(), key=_by_number))
        return cls(name, items, locked, description)

    @classmethod
    def adopting(cls, name: str, numbers: list[str] | tuple[str, ...]) -> Scenario:
        return cls.of(name, {number: Decision.adopted() for number in numbers})

    def decision(self, number: str) -> Decision:
        for key, decision in self.decisions:
            if key == number:
                return decision
        return REJECTED

    def as_dict(self) -> dict[str, Decision]:
        return dict(self.decisions)

    @property
    def adopted_numbers(self) -> tuple[str, ...]:
        return tuple(number for number, decision in self.decisions if decision.is_adopted)

    def with_decision(self, number: str, decision: Decision) -> Scenario:
        """A new scenario with one decision changed; a locked scenario refuses."""
        if self.locked:
            raise ValueError(f"scenario {self.name!r} is locked")
        decisions = self.as_dict()
        decisions[number] = decision
        return replace(self, decisions=tuple(sorted(decisions.items(), key=_by_number)))

    def copy(self, name: str) -> Scenario:
        """An unlocked copy under a new name (a copy of the agreement may be edited)."""
        return replace(self, name=name, locked=False)

    def lock(self) -> Scenario:
        return replace(self, locked=True)


def _by_number(item: tuple[str, Decision]) -> tuple[ProposalSortKey, str]:
    """Decisions in the catalogue's order: 2.2 before 2.10."""
    return proposal_sort_key(item[0]), item[0]

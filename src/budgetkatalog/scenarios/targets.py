"""Targets per year, in the catalogue's unit (1.000 kr.) and sign convention.

A target of ``-25700`` for 2021 means the adopted proposals' I alt in 2021 must be at
most -25.700, i.e. save at least 25,7 mio. kr. Years without a target are free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Targets:
    """The savings targets per year, in 1.000 kr. with the catalogue's sign."""

    amounts: tuple[tuple[int, Decimal], ...] = ()
    label: str = ""

    @classmethod
    def of(cls, amounts: Mapping[int, Decimal | int], label: str = "") -> Targets:
        return cls(tuple(sorted((year, Decimal(value)) for year, value in amounts.items())),
                   label)

    @classmethod
    def from_year(cls, first: int, years: tuple[int, ...], amount: Decimal | int,
                  label: str = "") -> Targets:
        """The same target for ``first`` and every later year of the round."""
        return cls.of({year: Decimal(amount) for year in years if year >= first}, label)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(year for year, _ in self.amounts)

    def for_year(self, year: int) -> Decimal | None:
        for key, value in self.amounts:
            if key == year:
                return value
        return None

    @staticmethod
    def met(total: Decimal, target: Decimal) -> bool:
        return total <= target

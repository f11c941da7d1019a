"""The budget round: budget year, outlook years, unit and price level."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BudgetRound:
    """One budget round, e.g. Budget 2020 with outlook years 2021–2023 in 1.000 kr."""

    budget_year: int
    outlook_years: tuple[int, ...]
    unit: int = 1000
    price_level: int | None = None

    @property
    def years(self) -> tuple[int, ...]:
        return (self.budget_year, *self.outlook_years)

    @property
    def price_level_label(self) -> str:
        return f"{self.price_level or self.budget_year}-P/L"

    @classmethod
    def from_years(cls, years: tuple[int, ...], unit: int = 1000,
                   price_level: int | None = None) -> BudgetRound:
        return cls(years[0], tuple(years[1:]), unit, price_level)

"""Costing a proposal: from a :class:`CostSpec` to Table 1, unrounded and rounded.

Every figure is computed in kroner as ``Decimal`` in a local context wide enough
that no step rounds (shares are exact fractions, multiplied before divided); the
only rounding is the named one in :mod:`budgetkatalog.costing.rounding`.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.table import LINE_LETTERS, AmountsTable, TableLine, parse_areas
from budgetkatalog.costing.model import (
    Benefit,
    Component,
    CostSpec,
    Derived,
    Fixed,
    LineSpec,
    RoundingMode,
    Staff,
)
from budgetkatalog.costing.price import price_factor, series_for
from budgetkatalog.costing.rounding import round_cell, round_column, to_units
from budgetkatalog.costing.timing import year_shares

PRECISION = 60

Cells = tuple[Decimal | None, ...]


@dataclass(frozen=True)
class ComponentCost:
    """One component's figures per year in kroner: before offsets, offsets, net."""

    label: str
    path: str
    gross: Cells
    offsets: Cells
    net: Cells
    shares: tuple[Fraction, ...]


@dataclass(frozen=True)
class LineCost:
    letter: str
    code: str | None
    name: str | None
    unrounded: Cells  # kroner
    rounded: tuple[int | None, ...]  # table units
    components: tuple[ComponentCost, ...]


@dataclass(frozen=True)
class CostResult:
    """Table 1 as costed: rounded (``table``) and unrounded (``lines``, kroner)."""

    number: str
    title: str
    years: tuple[int, ...]
    unit: int
    price_level: int
    rounding: RoundingMode
    lines: tuple[LineCost, ...]
    table: AmountsTable
    findings: tuple[Finding, ...]

    def line(self, letter: str) -> LineCost | None:
        return next((line for line in self.lines if line.letter == letter), None)

    @property
    def unrounded_subtotal(self) -> tuple[Decimal, ...]:
        return _column_sum([line.unrounded for line in self.lines
                            if line.letter in LINE_LETTERS], len(self.years))

    @property
    def unrounded_total(self) -> tuple[Decimal, ...]:
        return _column_sum([line.unrounded for line in self.lines], len(self.years))


def _column_sum(rows: list[Cells], width: int) -> tuple[Decimal, ...]:
    return tuple(sum((row[i] or Decimal(0) for row in rows), Decimal(0)) for i in range(width))


def _schedule_value(schedule: tuple[tuple[int | None, Decimal], ...], year: int) -> Decimal | None:
    """A constant, or the entry for the year in a by-year table (no entry: no effect)."""
    return next((value for key, value in schedule if key is None or key == year), None)


class _Costing:
    def __init__(self, spec: CostSpec, price_level: int) -> None:
        self.spec = spec
        self.round = spec.round
        self.years = spec.round.years
        self.price_level = price_level
        self.findings: list[Finding] = []

    def error(self, rule: str, message_da: str, message_en: str, path: str,
              cell: str | None = None, **params: Decimal | int | str | None) -> None:
        self.findings.append(Finding(
            rule, Severity.ERROR, text(message_da + " ({path})", message_en + " ({path})",
                                       path=path, **params),
            proposal=self.spec.number, cell=cell))

    def full_year(self, component: Component, year: int) -> Decimal | None:
        """The component's full-year amount in kroner at the spec's own price level."""
        basis = component.basis
        if isinstance(basis, Staff):
            fte = _schedule_value(basis.fte, year)
            category = self.round.category(basis.category)
            if fte is None or category is None:
                return None
            overhead = Decimal(0) if category.includes_overhead else self.round.overhead_share
            return fte * category.salary * (1 + overhead)
        if isinstance(basis, Fixed):
            return _schedule_value(basis.amount, year)
        if isinstance(basis, Benefit):
            rate = basis.cofinancing_rate
            return basis.persons * basis.annual_benefit * rate.numerator / rate.denominator
        return None

    def source_price_level(self, component: Component) -> int:
        if component.price_level is not None:
            return component.price_level
        if isinstance(component.basis, Staff):
            category = self.round.category(component.basis.category)
            if category is not None and category.price_level is not None:
                return category.price_level
            return self.round.base_price_level
        return self.spec.stated_price_level

    def factor(self, component: Component) -> tuple[Decimal, Decimal]:
        source = self.source_price_level(component)
        if source == self.price_level:
            return Decimal(1), Decimal(1)
        series = series_for(self.round, component.index, isinstance(component.basis, Staff))
        factor = None if series is None else price_factor(series, source, self.price_level)
        if factor is None:
            self.error("costing.price-index-missing",
                       "Intet prisindeks fra {source}-P/L til {target}-P/L",
                       "No price index from {source} P/L to {target} P/L",
                       component.path, source=str(source), target=str(self.price_level))
            return Decimal(1), Decimal(1)
        return factor

    def component(self, component: Component) -> ComponentCost:
        shares = year_shares(component.timing, self.years, self.round.budget_year)
        numerator, denominator = self.factor(component)
        sign = component.direction.sign
        gross: list[Decimal | None] = []
        offsets: list[Decimal | None] = []
        net: list[Decimal | None] = []
        for year in self.years:
            share = shares[year]
            base = self.full_year(component, year)
            if share == 0 or base is None:
                gross.append(None)
                offsets.append(None)
                net.append(None)
                continue
            value = sign * base * share.numerator * numerator / (share.denominator * denominator)
            offset = Decimal(0)
            for item in component.offsets:
                if item.share is not None:
                    offset -= value * item.share.numerator / item.share.denominator
                if item.amount is not None:
                    offset -= (sign * item.amount * share.numerator * numerator
                               / (share.denominator * denominator))
            total = value + offset
            if value != 0 and total != 0 and (total < 0) != (value < 0) \
                    and not component.allow_sign_change:
                self.error("costing.offset-flips-sign",
                           "Modregningerne ({offset} kr.) vender fortegnet på {value} kr. i "
                           "{year}; angiv allow_sign_change = true, hvis det er meningen",
                           "The offsets ({offset} kr.) flip the sign of {value} kr. in {year}; "
                           "set allow_sign_change = true if that is intended",
                           component.path, cell=str(year), offset=offset, value=value,
                           year=str(year))
            gross.append(value)
            offsets.append(offset)
            net.append(total)
        return ComponentCost(component.label, component.path, tuple(gross), tuple(offsets),
                             tuple(net), tuple(shares[y] for y in self.years))

    def derived(self, component: Component, basis: Derived,
                source: Cells | None) -> ComponentCost:
        if source is None:
            self.error("costing.derived-unknown-line",
                       "Linje {of} findes ikke eller er selv afledt",
                       "Line {of} does not exist or is itself derived",
                       component.path, of=basis.of)
        values: list[Decimal | None] = []
        for index in range(len(self.years)):
            base = None if source is None else source[index]
            values.append(None if base is None
                          else -base * basis.share.numerator / basis.share.denominator)
        cells = tuple(values)
        zero = tuple(None if v is None else Decimal(0) for v in cells)
        return ComponentCost(component.label, component.path, cells, zero, cells,
                             tuple(Fraction(1) for _ in self.years))


def _sum_cells(components: list[ComponentCost], width: int) -> Cells:
    out: list[Decimal | None] = []
    for index in range(width):
        present = [c.net[index] for c in components if c.net[index] is not None]
        out.append(sum((v for v in present if v is not None), Decimal(0)) if present else None)
    return tuple(out)


def cost(spec: CostSpec, price_level: int | None = None) -> CostResult:
    """Cost ``spec`` at ``price_level`` (default: the price level its amounts are stated in)."""
    target = price_level if price_level is not None else spec.stated_price_level
    with decimal.localcontext() as context:
        context.prec = PRECISION
        return _cost(spec, target)


def _cost(spec: CostSpec, target: int) -> CostResult:
    costing = _Costing(spec, target)
    width = len(costing.years)
    unrounded: dict[str, tuple[LineSpec, list[ComponentCost], Cells]] = {}
    # Lines with derived components come after the lines they derive from.
    ordered = sorted(spec.lines, key=lambda line: any(isinstance(c.basis, Derived)
                                                      for c in line.components))
    for line in ordered:
        components: list[ComponentCost] = []
        for component in line.components:
            if isinstance(component.basis, Derived):
                source = unrounded.get(component.basis.of)
                components.append(costing.derived(component, component.basis,
                                                  None if source is None else source[2]))
            else:
                components.append(costing.component(component))
        unrounded[line.letter] = (line, components, _sum_cells(components, width))

    budget_letters = [letter for letter in LINE_LETTERS if letter in unrounded]
    columns = [round_column([to_units(v, spec.round.unit) if v is not None else None
                             for v in (unrounded[letter][2][i] for letter in budget_letters)],
                            spec.rounding)
               for i in range(width)]
    rounded: dict[str, tuple[int | None, ...]] = {
        letter: tuple(columns[i][n] for i in range(width))
        for n, letter in enumerate(budget_letters)}
    for letter in ("f", "g"):
        if letter in unrounded:
            rounded[letter] = tuple(
                None if v is None else round_cell(to_units(v, spec.round.unit), spec.rounding)
                for v in unrounded[letter][2])

    line_costs = tuple(
        LineCost(letter, unrounded[letter][0].code, unrounded[letter][0].name,
                 unrounded[letter][2], rounded[letter], tuple(unrounded[letter][1]))
        for letter in (*LINE_LETTERS, "f", "g") if letter in unrounded)
    table = _table(spec, line_costs)
    return CostResult(spec.number, spec.title, costing.years, spec.round.unit, target,
                      spec.rounding, line_costs, table, tuple(costing.findings))


def _table(spec: CostSpec, lines: tuple[LineCost, ...]) -> AmountsTable:
    years = spec.round.years
    blank = tuple(None for _ in years)
    by_letter = {line.letter: line for line in lines}

    def table_line(letter: str) -> TableLine:
        line = by_letter.get(letter)
        if line is None:
            return TableLine(letter, None, None, blank)
        return TableLine(letter, line.code, line.name, line.rounded)

    budget = tuple(table_line(letter) for letter in LINE_LETTERS)
    table = AmountsTable(spec.caption, years, budget, table_line("f"), table_line("g"),
                         blank, blank, spec.round.unit, parse_areas(spec.caption))
    # The costing states its own sums: they are the computed ones.
    return AmountsTable(table.caption, years, budget, table.investment,
                        table.derived_operating, table.subtotal, table.total, table.unit,
                        table.caption_areas)

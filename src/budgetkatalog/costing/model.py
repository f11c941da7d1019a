"""The costing model: the assumptions behind a proposal's Table 1.

Amounts here are kroner (``Decimal``) for a full year at a stated price level
(P/L year); shares are exact ``Fraction`` values (7/12 stays 7/12). Signs follow
Table 1: a saving is negative, a cost positive; components state their direction
and the sign is applied when costing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

DEFAULT_OVERHEAD = Decimal("0.04")


class Direction(StrEnum):
    SAVING = "saving"  # less expense / more income: negative in Table 1
    COST = "cost"      # more expense / less income: positive in Table 1

    @property
    def sign(self) -> int:
        return -1 if self is Direction.SAVING else 1


class RoundingMode(StrEnum):
    """How unrounded kroner become whole table units (1.000 kr.); see docs/costing.md."""

    HALF_UP = "half-up"    # each cell to the nearest unit, halves away from zero
    DOWN = "down"          # each cell towards zero (truncated)
    ALLOCATE = "allocate"  # lines a–d sum to the rounded unrounded Delsum (largest remainder)


class OffsetKind(StrEnum):
    USER_PAYMENT = "user-payment"  # a share returned as user payment (forældrebetaling)
    TARIFF = "tariff"              # financing from a tariff-financed utility (takstområdet)
    EXTERNAL = "external"          # other external financing lost with the saving


@dataclass(frozen=True)
class StaffCategory:
    """A staff category with its average annual salary in one round.

    ``includes_overhead`` says the salary already holds the overhead (the seed's
    memo: average salaries "hvori der er inkluderet et overhead på 4 pct.").
    """

    key: str
    name: str
    salary: Decimal
    includes_overhead: bool = False
    price_level: int | None = None


@dataclass(frozen=True)
class PriceIndex:
    """One index series per year (KL's price and wage forecast), e.g. ``pl`` or ``wage``."""

    name: str
    values: tuple[tuple[int, Decimal], ...]

    def value(self, year: int) -> Decimal | None:
        return dict(self.values).get(year)


@dataclass(frozen=True)
class CostingRound:
    """The round's shared assumptions: years, unit, price level, overhead, salaries, indices."""

    budget_year: int
    years: tuple[int, ...]
    unit: int = 1000
    price_level: int | None = None
    overhead_share: Decimal = DEFAULT_OVERHEAD
    staff: tuple[StaffCategory, ...] = ()
    indices: tuple[PriceIndex, ...] = ()

    @property
    def base_price_level(self) -> int:
        return self.price_level if self.price_level is not None else self.budget_year

    def category(self, key: str) -> StaffCategory | None:
        return next((c for c in self.staff if c.key == key), None)

    def index(self, name: str) -> PriceIndex | None:
        return next((i for i in self.indices if i.name == name), None)


@dataclass(frozen=True)
class Timing:
    """When a component has effect.

    ``start`` is the first day of effect before notice and delay (``None``: the
    budget year's 1 January); ``end`` the last day (``None``: open-ended).
    ``notice_months`` moves the start; ``delay_months`` moves start and end (an
    effect that lags the measure). ``first_year_share`` overrides the share of the
    first year with effect; ``full_from`` holds that share until the given year;
    ``shares`` overrides single years.
    """

    start: date | None = None
    end: date | None = None
    notice_months: int = 0
    delay_months: int = 0
    first_year_share: Fraction | None = None
    full_from: int | None = None
    shares: tuple[tuple[int, Fraction], ...] = ()


@dataclass(frozen=True)
class Offset:
    """Financing that goes with a component: a share of it or a full-year amount."""

    kind: OffsetKind
    share: Fraction | None = None
    amount: Decimal | None = None
    label: str | None = None


@dataclass(frozen=True)
class Staff:
    """FTE × the category's salary × (1 + overhead); ``fte`` may vary by year."""

    category: str
    fte: tuple[tuple[int | None, Decimal], ...]


@dataclass(frozen=True)
class Fixed:
    """A stated full-year amount in kroner; may vary by year."""

    amount: tuple[tuple[int | None, Decimal], ...]


@dataclass(frozen=True)
class Benefit:
    """Fewer (or more) benefit recipients: persons × annual benefit × co-financing rate."""

    persons: Decimal
    annual_benefit: Decimal
    cofinancing_rate: Fraction


@dataclass(frozen=True)
class Derived:
    """A share of another line, opposite in sign (e.g. parental payment returned)."""

    of: str
    share: Fraction
    kind: OffsetKind = OffsetKind.USER_PAYMENT


Basis = Staff | Fixed | Benefit | Derived


@dataclass(frozen=True)
class Component:
    """One costed item of a Table 1 line."""

    label: str
    basis: Basis
    direction: Direction = Direction.SAVING
    timing: Timing = field(default_factory=Timing)
    offsets: tuple[Offset, ...] = ()
    price_level: int | None = None
    index: str | None = None
    allow_sign_change: bool = False
    path: str = ""


@dataclass(frozen=True)
class LineSpec:
    """A Table 1 row: a–d (budget lines), f (capital investment) or g (derived operating)."""

    letter: str
    code: str | None
    name: str | None
    components: tuple[Component, ...]


@dataclass(frozen=True)
class CostSpec:
    """A proposal's costing: its round, its lines and how to round them."""

    number: str
    title: str
    round: CostingRound
    lines: tuple[LineSpec, ...]
    caption: str = ""
    price_level: int | None = None
    rounding: RoundingMode = RoundingMode.HALF_UP
    notes: str = ""

    @property
    def stated_price_level(self) -> int:
        return self.price_level if self.price_level is not None else self.round.base_price_level

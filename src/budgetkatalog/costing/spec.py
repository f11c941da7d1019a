"""Reading a costing spec (TOML) into a :class:`CostSpec`; the format is in docs/costing.md.

Problems become findings naming the key path (``line[2].component[1].fte``, counted
from 1) and, where the text shows it, the spec file's line; nothing is raised.
Numbers are read exactly: TOML floats arrive as ``Decimal``, strings may be Danish
(``"2.306.450"``, ``"0,25"``), percentages (``"25 %"``) or fractions (``"7/12"``).
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.core.table import LINE_LETTERS
from budgetkatalog.costing.model import (
    DEFAULT_OVERHEAD,
    Basis,
    Benefit,
    Component,
    CostingRound,
    CostSpec,
    Derived,
    Direction,
    Fixed,
    LineSpec,
    Offset,
    OffsetKind,
    PriceIndex,
    RoundingMode,
    Staff,
    StaffCategory,
    Timing,
)

Table = dict[str, Any]
E = TypeVar("E", bound=StrEnum)
Reader = Callable[[str], str | None]

ROUND_KEYS = {"budget_year", "years", "unit", "price_level", "overhead", "staff", "index"}
STAFF_KEYS = {"key", "name", "salary", "includes_overhead", "price_level"}
PROPOSAL_KEYS = {"number", "title", "caption", "price_level", "rounding", "notes"}
TIMING_KEYS = {"start", "end", "notice_months", "delay_months", "first_year_share",
               "full_from", "shares"}
BASIS_KEYS = {"fte", "staff", "amount", "benefit", "derived"}
COMPONENT_KEYS = TIMING_KEYS | BASIS_KEYS | {
    "label", "direction", "offset", "price_level", "index", "allow_sign_change"}
LINE_KEYS = {"letter", "code", "name", "component"}
OFFSET_KEYS = {"kind", "share", "amount", "label"}
TOP_KEYS = {"round", "proposal", "timing", "line"}
ALL_LETTERS = (*LINE_LETTERS, "f", "g")
# A thousand billion kroner: far beyond any municipal budget line, far inside Decimal.
LARGEST = Decimal(10) ** 15
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class SpecResult:
    """The spec (``None`` if unusable) and findings; ``origins[i]`` names the file
    ``findings[i]`` is about: the spec's own name or the round file it names."""

    spec: CostSpec | None
    findings: tuple[Finding, ...]
    origins: tuple[str, ...] = ()


class _Invalid(Exception):
    """A value that cannot be used; recorded as a finding where it is caught."""


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def locate_keys(source: str) -> dict[str, int]:
    """Map key paths (``line[1].component[2].fte``) to their 1-based lines in ``source``."""
    positions: dict[str, int] = {}
    counts: dict[str, int] = {}
    last_element: dict[str, str] = {}
    current = ""
    for number, raw in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header and not raw.lstrip().startswith("#"):
            parts = [p.strip().strip("\"'") for p in header.group(2).split(".")]
            concrete = ""
            for i, part in enumerate(parts[:-1]):
                dotted = ".".join(parts[: i + 1])
                concrete = last_element.get(dotted, f"{concrete}.{part}".lstrip("."))
            path = f"{concrete}.{parts[-1]}".lstrip(".")
            if header.group(1) == "[[":
                counts[path] = counts.get(path, 0) + 1
                path = f"{path}[{counts[path]}]"
                last_element[".".join(parts)] = path
            current = path
            positions.setdefault(path, number)
            continue
        key = _KEY.match(raw)
        if key:
            name = key.group(1).strip("\"'")
            positions.setdefault(f"{current}.{name}".lstrip("."), number)
    return positions


class _Reader:
    def __init__(self, source: str, origin: str) -> None:
        self.source = source
        self.origin = origin
        self.findings: list[Finding] = []
        self._positions: dict[str, int] | None = None

    @property
    def positions(self) -> dict[str, int]:
        # Only a spec with findings needs its lines; most specs have none.
        if self._positions is None:
            self._positions = locate_keys(self.source)
        return self._positions

    def line_of(self, path: str) -> int | None:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return None

    def report(self, rule: str, path: str, da: str, en: str, severity: Severity = Severity.ERROR,
               **params: Decimal | int | str | None) -> None:
        self.findings.append(Finding(
            rule, severity, text("{path}: " + da, "{path}: " + en, path=path, **params),
            line=self.line_of(path)))

    def fail(self, path: str, da: str, en: str, **params: Decimal | int | str | None) -> _Invalid:
        self.report("costing.spec-value", path, da, en, Severity.ERROR, **params)
        return _Invalid(path)

    def check_keys(self, table: Table, allowed: set[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                where = f"{path}.{key}".lstrip(".")
                self.report("costing.spec-unknown-key", where,
                            "ukendt nøgle; mulige: {keys}", "unknown key; allowed: {keys}",
                            keys=", ".join(sorted(allowed)))

    # -- values ------------------------------------------------------------------------

    def table(self, value: object, path: str) -> Table:
        if not isinstance(value, dict):
            raise self.fail(path, "skal være en tabel", "must be a table")
        return value

    def choice(self, enum: type[E], value: object, path: str) -> E:
        """One of an enumeration's values, e.g. a rounding mode."""
        try:
            return enum(str(value))
        except ValueError:
            raise self.fail(path, "skal være en af {choices}", "must be one of {choices}",
                            choices=", ".join(str(member.value) for member in enum)) from None

    def string(self, value: object, path: str) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.fail(path, "skal være en tekst", "must be a string")
        return str(value)

    def integer(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, "skal være et helt tal", "must be a whole number")
        return value

    def year(self, value: object, path: str) -> int:
        year = self.integer(value, path)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise self.fail(path, "skal være et årstal mellem {first} og {last}",
                            "must be a year between {first} and {last}",
                            first=str(FIRST_YEAR), last=str(LAST_YEAR))
        return year

    def number(self, value: object, path: str) -> Decimal:
        parsed: Decimal | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            parsed = Decimal(value)
        elif isinstance(value, Decimal):
            parsed = value
        elif isinstance(value, str):
            parsed = parse_danish_number(value.replace(" ", ""))
        if parsed is not None:
            if not parsed.is_finite() or abs(parsed) > LARGEST:
                raise self.fail(path, "tallet er for stort eller ikke endeligt",
                                "the number is too large or not finite")
            return parsed
        raise self.fail(path, "skal være et tal, fx 633000, 4.45 eller \"2.306.450\"",
                        "must be a number, e.g. 633000, 4.45 or \"2.306.450\"")

    def share(self, value: object, path: str, upper: Fraction | None = Fraction(1)) -> Fraction:
        """A share: ``"7/12"``, ``"25 %"``, ``0.5`` or ``"0,5"``; 0 ≤ share ≤ ``upper``."""
        result: Fraction | None = None
        if isinstance(value, str):
            compact = value.replace(" ", "")
            fraction = re.fullmatch(r"(\d{1,15})/(\d{1,15})", compact)
            if fraction and int(fraction.group(2)) != 0:
                result = Fraction(int(fraction.group(1)), int(fraction.group(2)))
            elif compact.endswith("%"):
                result = Fraction(self.number(compact[:-1], path)) / 100
            elif parse_danish_number(compact) is not None:
                result = Fraction(self.number(compact, path))
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            result = Fraction(self.number(value, path))
        if result is None:
            raise self.fail(path, "skal være en andel, fx \"7/12\", \"25 %\" eller 0.5",
                            "must be a share, e.g. \"7/12\", \"25 %\" or 0.5")
        if result < 0 or (upper is not None and result > upper):
            raise self.fail(path, "andelen skal ligge mellem 0 og 1",
                            "the share must lie between 0 and 1")
        return result

    def day(self, value: object, path: str, *, end: bool) -> date:
        """A date, ``"YYYY-MM"`` (a month) or a year; an end means its last day."""
        if isinstance(value, date):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            year = self.year(value, path)
            return date(year, 12, 31) if end else date(year, 1, 1)
        if isinstance(value, str):
            month = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
            if month and 1 <= int(month.group(2)) <= 12:
                year, mon = int(month.group(1)), int(month.group(2))
                return date(year, mon, calendar.monthrange(year, mon)[1] if end else 1)
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(path, "skal være en dato (2020-07-01), en måned (\"2020-07\") eller "
                              "et år (2021)",
                        "must be a date (2020-07-01), a month (\"2020-07\") or a year (2021)")

    def by_year(self, value: object, path: str) -> tuple[tuple[int | None, Decimal], ...]:
        """A number, or a table of numbers by year (``{2020 = 2, 2021 = 1.5}``)."""
        if not isinstance(value, dict):
            return ((None, self.number(value, path)),)
        out: list[tuple[int | None, Decimal]] = []
        for key, item in value.items():
            if not re.fullmatch(r"\d{4}", key):
                raise self.fail(f"{path}.{key}", "nøglen skal være et årstal",
                                "the key must be a year")
            out.append((int(key), self.number(item, f"{path}.{key}")))
        if not out:
            raise self.fail(path, "tabellen er tom", "the table is empty")
        return tuple(out)


def load_spec(source: str, origin: str = "", read: Reader | None = None) -> SpecResult:
    """Read a costing spec. ``read(name)`` gives the text of a round file the spec names
    (``round = "round-2020.toml"``), or ``None`` when it cannot be read."""
    reader = _Reader(source, origin)
    document = _parse_toml(reader, source)
    if document is None:
        return SpecResult(None, tuple(reader.findings), (origin,) * len(reader.findings))
    reader.check_keys(document, TOP_KEYS, "")
    round_reader, round_table = _round_source(reader, document, read)
    spec = None
    try:
        costing_round = _round(round_reader, round_table)
        spec = _spec(reader, document, costing_round)
    except _Invalid:
        spec = None
    findings = reader.findings if round_reader is reader else \
        [*round_reader.findings, *reader.findings]
    origins = ((origin,) * len(reader.findings) if round_reader is reader else
               (round_reader.origin,) * len(round_reader.findings)
               + (origin,) * len(reader.findings))
    if any(f.severity is Severity.ERROR for f in findings):
        spec = None
    return SpecResult(spec, tuple(findings), origins)


def load_round(source: str, origin: str = "") -> tuple[CostingRound | None,
                                                        tuple[Finding, ...]]:
    """Read a round file on its own (a ``[round]`` table: years, salaries, price
    indices), e.g. to re-price carried-forward proposals with its P/L index."""
    reader = _Reader(source, origin)
    document = _parse_toml(reader, source)
    table = document.get("round") if document is not None else None
    if document is not None and not isinstance(table, dict):
        reader.report("costing.spec-missing", "round", "filen har ingen [round]-tabel",
                      "the file has no [round] table")
    costing_round = None
    if isinstance(table, dict):
        try:
            costing_round = _round(reader, table)
        except _Invalid:
            costing_round = None
    if any(f.severity is Severity.ERROR for f in reader.findings):
        costing_round = None
    return costing_round, tuple(reader.findings)


def _parse_toml(reader: _Reader, source: str) -> Table | None:
    try:
        return tomllib.loads(source, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        reader.findings.append(Finding(
            "costing.spec-syntax", Severity.ERROR,
            text("ikke gyldig TOML: {why}", "not valid TOML: {why}", why=message),
            line=int(position.group(1)) if position else None))
        return None
    except RecursionError:
        # tomllib recurses once per level of nested arrays and tables; no spec nests
        # more than a few levels.
        reader.findings.append(Finding(
            "costing.spec-syntax", Severity.ERROR,
            text("ikke gyldig TOML: lister eller tabeller er indlejret for dybt",
                 "not valid TOML: arrays or tables are nested too deeply")))
        return None


def _round_source(reader: _Reader, document: Table,
                  read: Reader | None) -> tuple[_Reader, Table]:
    """The round's table and the reader that reports on it (the round file's own)."""
    value = document.get("round")
    if isinstance(value, dict):
        return reader, value
    if value is None:
        reader.report("costing.spec-missing", "round",
                      "mangler: en [round]-tabel eller round = \"fil.toml\"",
                      "missing: a [round] table or round = \"file.toml\"")
        return reader, {}
    if not isinstance(value, str):
        reader.report("costing.spec-value", "round", "skal være en tabel eller et filnavn",
                      "must be a table or a file name")
        return reader, {}
    content = None if read is None else read(value)
    if content is None:
        reader.report("costing.spec-round-unreadable", "round",
                      "runde-filen {file} kan ikke læses", "the round file {file} cannot be read",
                      file=value)
        return reader, {}
    round_reader = _Reader(content, value)
    parsed = _parse_toml(round_reader, content)
    if parsed is None:
        return round_reader, {}
    inner = parsed.get("round")
    if not isinstance(inner, dict):
        round_reader.report("costing.spec-missing", "round", "filen har ingen [round]-tabel",
                            "the file has no [round] table")
        return round_reader, {}
    return round_reader, inner


def _round(reader: _Reader, table: Table) -> CostingRound:
    reader.check_keys(table, ROUND_KEYS, "round")
    if "budget_year" not in table:
        raise reader.fail("round.budget_year", "mangler", "missing")
    budget_year = reader.year(table["budget_year"], "round.budget_year")
    years: tuple[int, ...] = tuple(range(budget_year, budget_year + 4))
    if "years" in table:
        raw = table["years"]
        if not isinstance(raw, list) or not raw:
            raise reader.fail("round.years", "skal være en liste af år", "must be a list of years")
        years = tuple(reader.year(y, f"round.years[{i}]") for i, y in enumerate(raw, 1))
        if years[0] != budget_year or list(years) != sorted(set(years)):
            raise reader.fail("round.years", "skal begynde med budgetåret og stige",
                              "must start with the budget year and increase")
    unit = reader.integer(table.get("unit", 1000), "round.unit")
    if unit <= 0:
        raise reader.fail("round.unit", "skal være positiv", "must be positive")
    price_level = None
    if "price_level" in table:
        price_level = reader.year(table["price_level"], "round.price_level")
    overhead = DEFAULT_OVERHEAD
    if "overhead" in table:
        share = reader.share(table["overhead"], "round.overhead")
        overhead = Decimal(share.numerator) / share.denominator
    staff = _staff(reader, table.get("staff", []))
    indices = _indices(reader, table.get("index", {}))
    return CostingRound(budget_year, years, unit, price_level, overhead, staff, indices)


def _staff(reader: _Reader, value: object) -> tuple[StaffCategory, ...]:
    if not isinstance(value, list):
        raise reader.fail("round.staff", "skal være [[round.staff]]-tabeller",
                          "must be [[round.staff]] tables")
    categories: dict[str, StaffCategory] = {}
    for index, item in enumerate(value, 1):
        path = f"round.staff[{index}]"
        entry = reader.table(item, path)
        reader.check_keys(entry, STAFF_KEYS, path)
        for required in ("key", "salary"):
            if required not in entry:
                raise reader.fail(f"{path}.{required}", "mangler", "missing")
        key = reader.string(entry["key"], f"{path}.key")
        salary = reader.number(entry["salary"], f"{path}.salary")
        if salary < 0:
            raise reader.fail(f"{path}.salary", "må ikke være negativ", "must not be negative")
        includes = entry.get("includes_overhead", False)
        if not isinstance(includes, bool):
            raise reader.fail(f"{path}.includes_overhead", "skal være true eller false",
                              "must be true or false")
        level = None if "price_level" not in entry else \
            reader.year(entry["price_level"], f"{path}.price_level")
        categories[key] = StaffCategory(key, reader.string(entry.get("name", key), f"{path}.name"),
                                        salary, includes, level)
    return tuple(categories.values())


def _indices(reader: _Reader, value: object) -> tuple[PriceIndex, ...]:
    table = reader.table(value, "round.index")
    out: list[PriceIndex] = []
    for name, series in table.items():
        path = f"round.index.{name}"
        entries = reader.by_year(reader.table(series, path), path)
        for year, level in entries:
            if level <= 0:
                raise reader.fail(f"{path}.{year}", "indekset skal være positivt",
                                  "the index must be positive")
        out.append(PriceIndex(name, tuple((y, v) for y, v in entries if y is not None)))
    return tuple(out)


def _spec(reader: _Reader, document: Table, costing_round: CostingRound) -> CostSpec:
    proposal = reader.table(document.get("proposal", {}), "proposal")
    reader.check_keys(proposal, PROPOSAL_KEYS, "proposal")
    if "number" not in proposal:
        raise reader.fail("proposal.number", "mangler", "missing")
    rounding = reader.choice(RoundingMode, proposal.get("rounding", RoundingMode.HALF_UP.value),
                             "proposal.rounding")
    price_level = None if "price_level" not in proposal else \
        reader.year(proposal["price_level"], "proposal.price_level")
    defaults: Table = reader.table(document.get("timing", {}), "timing")
    reader.check_keys(defaults, TIMING_KEYS, "timing")
    default_timing = _timing(reader, defaults, "timing")
    raw_lines = document.get("line", [])
    if not isinstance(raw_lines, list) or not raw_lines:
        raise reader.fail("line", "mangler: mindst én [[line]]", "missing: at least one [[line]]")
    lines: list[LineSpec] = []
    for index, raw in enumerate(raw_lines, 1):
        try:
            lines.append(_line(reader, raw, f"line[{index}]", default_timing, costing_round))
        except _Invalid:
            continue
    _check_lines(reader, lines)
    return CostSpec(reader.string(proposal["number"], "proposal.number"),
                    reader.string(proposal.get("title", ""), "proposal.title"),
                    costing_round, tuple(lines),
                    reader.string(proposal.get("caption", ""), "proposal.caption"),
                    price_level, rounding,
                    reader.string(proposal.get("notes", ""), "proposal.notes"))


def _check_lines(reader: _Reader, lines: list[LineSpec]) -> None:
    seen: set[str] = set()
    letters = {line.letter for line in lines}
    for index, line in enumerate(lines, 1):
        if line.letter in seen:
            reader.report("costing.spec-value", f"line[{index}].letter",
                          "linje {letter} står to gange", "line {letter} appears twice",
                          letter=line.letter)
        seen.add(line.letter)
        for component in line.components:
            basis = component.basis
            if isinstance(basis, Derived) and (basis.of not in letters or basis.of == line.letter):
                reader.report("costing.spec-value", f"{component.path}.derived.of",
                              "linje {of} findes ikke i specifikationen",
                              "line {of} is not in the spec", of=basis.of)


def _line(reader: _Reader, raw: object, path: str, defaults: Timing,
          costing_round: CostingRound) -> LineSpec:
    table = reader.table(raw, path)
    reader.check_keys(table, LINE_KEYS, path)
    letter = reader.string(table.get("letter", ""), f"{path}.letter")
    if letter not in ALL_LETTERS:
        raise reader.fail(f"{path}.letter", "skal være a, b, c, d, f eller g",
                          "must be a, b, c, d, f or g")
    raw_components = table.get("component", [])
    if not isinstance(raw_components, list) or not raw_components:
        raise reader.fail(f"{path}.component", "mangler: mindst én [[line.component]]",
                          "missing: at least one [[line.component]]")
    components: list[Component] = []
    for index, item in enumerate(raw_components, 1):
        try:
            components.append(_component(reader, item, f"{path}.component[{index}]", defaults,
                                         costing_round))
        except _Invalid:
            continue
    code = None if "code" not in table else reader.string(table["code"], f"{path}.code")
    name = None if "name" not in table else reader.string(table["name"], f"{path}.name")
    return LineSpec(letter, code, name, tuple(components))


def _component(reader: _Reader, raw: object, path: str, defaults: Timing,
               costing_round: CostingRound) -> Component:
    table = reader.table(raw, path)
    reader.check_keys(table, COMPONENT_KEYS, path)
    basis = _basis(reader, table, path, costing_round)
    direction = reader.choice(Direction, table.get("direction", Direction.SAVING.value),
                              f"{path}.direction")
    own_timing = any(key in table for key in TIMING_KEYS)
    timing = _timing(reader, table, path) if own_timing else defaults
    offsets = tuple(_offset(reader, item, f"{path}.offset[{i}]")
                    for i, item in enumerate(_list(reader, table.get("offset", []),
                                                   f"{path}.offset"), 1))
    allow = table.get("allow_sign_change", False)
    if not isinstance(allow, bool):
        raise reader.fail(f"{path}.allow_sign_change", "skal være true eller false",
                          "must be true or false")
    level = None if "price_level" not in table else \
        reader.year(table["price_level"], f"{path}.price_level")
    index = None if "index" not in table else reader.string(table["index"], f"{path}.index")
    if index is not None and costing_round.index(index) is None:
        raise reader.fail(f"{path}.index", "indeks {name} findes ikke i runden",
                          "index {name} is not in the round", name=index)
    label = reader.string(table.get("label", ""), f"{path}.label")
    return Component(label, basis, direction, timing, offsets, level, index, allow, path)


def _list(reader: _Reader, value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        raise reader.fail(path, "skal være en liste af tabeller", "must be a list of tables")
    return value


def _basis(reader: _Reader, table: Table, path: str, costing_round: CostingRound) -> Basis:
    given = sorted(key for key in ("fte", "amount", "benefit", "derived") if key in table)
    if len(given) != 1:
        raise reader.fail(path, "angiv præcis én af fte (med staff), amount, benefit eller "
                                "derived (fandt: {found})",
                          "give exactly one of fte (with staff), amount, benefit or derived "
                          "(found: {found})", found=", ".join(given) or "-")
    kind = given[0]
    if kind == "fte":
        if "staff" not in table:
            raise reader.fail(f"{path}.staff", "mangler: personalekategori til fte",
                              "missing: the staff category for fte")
        category = reader.string(table["staff"], f"{path}.staff")
        if costing_round.category(category) is None:
            raise reader.fail(f"{path}.staff", "personalekategori {key} findes ikke i runden "
                                               "(findes: {known})",
                              "staff category {key} is not in the round (known: {known})",
                              key=category,
                              known=", ".join(c.key for c in costing_round.staff) or "-")
        fte = reader.by_year(table["fte"], f"{path}.fte")
        if any(value < 0 for _, value in fte):
            raise reader.fail(f"{path}.fte", "må ikke være negativ", "must not be negative")
        return Staff(category, fte)
    if "staff" in table:
        raise reader.fail(f"{path}.staff", "hører kun til fte", "belongs with fte only")
    if kind == "amount":
        amount = reader.by_year(table["amount"], f"{path}.amount")
        if any(value < 0 for _, value in amount):
            raise reader.fail(f"{path}.amount", "skal være positivt; fortegnet følger direction",
                              "must be positive; the sign follows direction")
        return Fixed(amount)
    if kind == "benefit":
        benefit = reader.table(table["benefit"], f"{path}.benefit")
        reader.check_keys(benefit, {"persons", "annual_benefit", "cofinancing_rate"},
                          f"{path}.benefit")
        for required in ("persons", "annual_benefit", "cofinancing_rate"):
            if required not in benefit:
                raise reader.fail(f"{path}.benefit.{required}", "mangler", "missing")
        return Benefit(reader.number(benefit["persons"], f"{path}.benefit.persons"),
                       reader.number(benefit["annual_benefit"], f"{path}.benefit.annual_benefit"),
                       reader.share(benefit["cofinancing_rate"],
                                    f"{path}.benefit.cofinancing_rate"))
    derived = reader.table(table["derived"], f"{path}.derived")
    reader.check_keys(derived, {"of", "share", "kind"}, f"{path}.derived")
    for required in ("of", "share"):
        if required not in derived:
            raise reader.fail(f"{path}.derived.{required}", "mangler", "missing")
    offset_kind = reader.choice(OffsetKind, derived.get("kind", OffsetKind.USER_PAYMENT.value),
                                f"{path}.derived.kind")
    return Derived(reader.string(derived["of"], f"{path}.derived.of"),
                   reader.share(derived["share"], f"{path}.derived.share"), offset_kind)


def _timing(reader: _Reader, table: Table, path: str) -> Timing:
    def months(key: str) -> int:
        if key not in table:
            return 0
        value = reader.integer(table[key], f"{path}.{key}")
        if value < 0:
            raise reader.fail(f"{path}.{key}", "må ikke være negativ", "must not be negative")
        return value

    start = None if "start" not in table else reader.day(table["start"], f"{path}.start", end=False)
    end = None if "end" not in table else reader.day(table["end"], f"{path}.end", end=True)
    if start is not None and end is not None and end < start:
        raise reader.fail(f"{path}.end", "slutter før start", "ends before the start")
    first = None if "first_year_share" not in table else \
        reader.share(table["first_year_share"], f"{path}.first_year_share")
    full_from = None if "full_from" not in table else \
        reader.year(table["full_from"], f"{path}.full_from")
    shares: list[tuple[int, Fraction]] = []
    for key, value in reader.table(table.get("shares", {}), f"{path}.shares").items():
        if not re.fullmatch(r"\d{4}", key):
            raise reader.fail(f"{path}.shares.{key}", "nøglen skal være et årstal",
                              "the key must be a year")
        shares.append((int(key), reader.share(value, f"{path}.shares.{key}")))
    return Timing(start, end, months("notice_months"), months("delay_months"), first, full_from,
                  tuple(shares))


def _offset(reader: _Reader, raw: object, path: str) -> Offset:
    table = reader.table(raw, path)
    reader.check_keys(table, OFFSET_KEYS, path)
    kind = reader.choice(OffsetKind, table.get("kind", ""), f"{path}.kind")
    if ("share" in table) == ("amount" in table):
        raise reader.fail(path, "angiv enten share eller amount", "give either share or amount")
    share = None if "share" not in table else reader.share(table["share"], f"{path}.share",
                                                           upper=None)
    amount = None if "amount" not in table else reader.number(table["amount"], f"{path}.amount")
    if amount is not None and amount < 0:
        raise reader.fail(f"{path}.amount", "skal være positivt", "must be positive")
    label = None if "label" not in table else reader.string(table["label"], f"{path}.label")
    return Offset(kind, share, amount, label)

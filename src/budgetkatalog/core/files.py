"""Reading an input file: one size limit for every kind of input, checked while reading.

Catalogue text, catalogue JSON, costing specs and scenario settings are all read
through :func:`read_input`, so the same limit holds for each, and a file over the limit
is refused after reading at most one byte more than the limit (never read whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetkatalog.core.finding import Finding, Severity, text

#: The largest input file, in bytes (20 MiB: ten times a large municipality's catalogue).
MAX_INPUT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """The bytes of a file, or the one finding that says why there are none."""

    data: bytes | None
    problem: Finding | None = None


def too_large(limit: int = MAX_INPUT_BYTES) -> Finding:
    return Finding("import.too-large", Severity.ERROR,
                   text("Filen er større end grænsen på {limit} byte.",
                        "The file is larger than the limit of {limit} bytes.", limit=limit))


def read_input(path: str | Path, limit: int = MAX_INPUT_BYTES,
               rule: str = "import.unreadable") -> InputFile:
    """The file's bytes, unless it cannot be read or holds more than ``limit`` bytes."""
    try:
        with Path(path).open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        return InputFile(None, Finding(
            rule, Severity.ERROR,
            text("Filen {path} kan ikke læses: {why}.", "The file {path} cannot be read: {why}.",
                 path=str(path), why=error.strerror or str(error))))
    if len(data) > limit:
        return InputFile(None, too_large(limit))
    return InputFile(data)

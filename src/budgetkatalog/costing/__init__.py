"""Costing: FTE × salary × phase-in × offsets to Table 1 lines, and phase-in recognition."""

from budgetkatalog.costing.phase_in import (
    PhaseIn,
    PhaseInKind,
    recognise_phase_in,
    recognise_rows,
)

__all__ = ["PhaseIn", "PhaseInKind", "recognise_phase_in", "recognise_rows"]

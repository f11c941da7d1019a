"""Costing: FTE × salary × phase-in × offsets to Table 1 lines."""

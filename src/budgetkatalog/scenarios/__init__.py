"""Scenarios: choices of proposals evaluated against targets; the optimiser."""

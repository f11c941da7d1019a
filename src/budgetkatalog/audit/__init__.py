"""Catalogue audit: rules over a catalogue, each returning findings."""

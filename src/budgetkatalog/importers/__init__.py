"""Importers: real catalogue documents in, domain objects and findings out."""

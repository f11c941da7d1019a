"""Budgetkatalog: a municipality's budget catalogue as exact data."""

__version__ = "0.1.0"

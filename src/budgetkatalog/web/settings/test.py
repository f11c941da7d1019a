"""Tests: an in-memory SQLite database unless ``DATABASE_URL`` names another."""

from __future__ import annotations

import os

import dj_database_url

from budgetkatalog.web.settings.base import *  # noqa: F403

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config()}
    # One test database per run, so two runs against one server never share (or drop)
    # each other's database.
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

"""Local use (``budgetkatalog serve``, ``manage.py runserver``).

Debug pages stay off unless ``BUDGETKATALOG_DEBUG=1``: ``serve`` is also what the load
benchmark measures, and Django's debug mode keeps every query in memory.
"""

from __future__ import annotations

import os

from budgetkatalog.web.settings.base import *  # noqa: F403

DEBUG = os.environ.get("BUDGETKATALOG_DEBUG") == "1"

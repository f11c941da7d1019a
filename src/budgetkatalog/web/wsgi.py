"""WSGI entry point (``budgetkatalog serve`` runs it under waitress)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetkatalog.web.settings.dev")

application = get_wsgi_application()

"""``serve``: migrate the database and serve the web application.

Django lives in the separate ``web/`` project; it is imported only inside the
handler, so the domain package never imports Django when it is imported itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Any

LABELS = {
    "da": {"serving": "Budgetkatalog kører på http://{host}:{port}/ (stop med Ctrl+C).",
           "demo": "Demobrugere (brugernavn, rolle, adgangskode):",
           "loaded": "Eksempelkataloget og demobrugerne er indlæst.",
           "exists": "Demodata fandtes allerede; intet er ændret.",
           "unknown": "(vist første gang)",
           "no_web": "Webprojektet findes ikke i {path}; sæt BUDGETKATALOG_WEB_DIR."},
    "en": {"serving": "Budgetkatalog is serving http://{host}:{port}/ (stop with Ctrl+C).",
           "demo": "Demo users (username, role, password):",
           "loaded": "The example catalogue and the demo users are loaded.",
           "exists": "Demo data was already there; nothing changed.",
           "unknown": "(shown the first time)",
           "no_web": "The web project is not at {path}; set BUDGETKATALOG_WEB_DIR."},
}


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[common],
        help="migrér databasen og kør webapplikationen / migrate and serve the web app")
    parser.add_argument("--demo", action="store_true",
                        help="indlæs eksempelkataloget og demobrugere (én gang) / "
                             "load the example catalogue and demo users (once)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=8,
                        help="worker threads / arbejdstråde (default 8)")
    parser.set_defaults(handler=run_serve)


def web_dir() -> Path:
    configured = os.environ.get("BUDGETKATALOG_WEB_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "web"


def setup_django() -> Any:
    """Put ``web/`` on the path and configure Django; returns django.core.management."""
    path = web_dir()
    if not (path / "manage.py").exists():
        raise FileNotFoundError(path)
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetweb.settings.dev")
    importlib.import_module("django").setup()
    return importlib.import_module("django.core.management")


def run_serve(args: argparse.Namespace) -> int:
    labels = LABELS[args.lang]
    try:
        management = setup_django()
    except FileNotFoundError as missing:
        print(labels["no_web"].format(path=missing), file=sys.stderr)
        return 2
    settings = importlib.import_module("django.conf").settings
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    management.call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        result = importlib.import_module("catalogues.demo").load_demo()
        print(labels["loaded"] if result.loaded else labels["exists"])
        print(labels["demo"])
        for username, role, password in result.users:
            print(f"  {username:10} {role:22} {password or labels['unknown']}")
    application = importlib.import_module("budgetweb.wsgi").application
    print(labels["serving"].format(host=args.host, port=args.port), flush=True)
    importlib.import_module("waitress").serve(
        application, host=args.host, port=args.port, threads=args.threads,
        ident="budgetkatalog")
    return 0

"""``serve``: migrate the database and serve the web application; ``manage``: Django's
management commands for an installed package.

The web application is ``budgetkatalog.web`` (the ``web`` extra). It is imported only
inside the handlers, so the command line starts without Django and says in one line
what to install when the extra is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

LABELS = {
    "da": {"serving": "Budgetkatalog kører på http://{host}:{port}/ (stop med Ctrl+C).",
           "demo": "Demobrugere (brugernavn, rolle, adgangskode):",
           "loaded": "Eksempelkataloget og demobrugerne er indlæst.",
           "exists": "Demodata fandtes allerede; intet er ændret.",
           "hearing": "Høringen om eksempelkataloget er åben til {deadline}: "
                      "http://{host}:{port}/2020/katalog-2/hoering/",
           "unknown": "(vist første gang)",
           "no_web": "Webapplikationen er ikke installeret: "
                     "pip install 'budgetkatalog[web]' (mangler {module}).",
           "busy": "Kan ikke lytte på {host}:{port}: {reason}.",
           "database": "Databasen kan ikke bruges: {reason}."},
    "en": {"serving": "Budgetkatalog is serving http://{host}:{port}/ (stop with Ctrl+C).",
           "demo": "Demo users (username, role, password):",
           "loaded": "The example catalogue and the demo users are loaded.",
           "exists": "Demo data was already there; nothing changed.",
           "hearing": "The example catalogue's hearing is open until {deadline}: "
                      "http://{host}:{port}/2020/katalog-2/hoering/",
           "unknown": "(shown the first time)",
           "no_web": "The web application is not installed: "
                     "pip install 'budgetkatalog[web]' (missing {module}).",
           "busy": "Cannot listen on {host}:{port}: {reason}.",
           "database": "The database cannot be used: {reason}."},
}

# What the web extra brings; checked before anything is imported.
WEB_MODULES = ("django", "dj_database_url", "csp", "waitress", "whitenoise", "authlib")
DEFAULT_SETTINGS = "budgetkatalog.web.settings.dev"


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
    parser.add_argument("--trusted-proxy", default=os.environ.get("BUDGETKATALOG_TRUSTED_PROXY"),
                        metavar="ADDRESS",
                        help="adressen på den omvendte proxy (HTTPS) foran serveren; dens "
                             "X-Forwarded-For/-Proto/-Host gælder / the reverse proxy's "
                             "address, whose X-Forwarded-* headers are trusted "
                             "(env BUDGETKATALOG_TRUSTED_PROXY)")
    parser.add_argument("--no-migrate", dest="migrate", action="store_false",
                        help="migrér ikke databasen ved start (flere processer: migrér én "
                             "gang før) / do not migrate on start (several processes: "
                             "migrate once before)")
    parser.set_defaults(handler=run_serve)

    manage = subparsers.add_parser(
        "manage", parents=[common],
        help="Djangos administrationskommandoer (migrate, collectstatic, create_user …) / "
             "Django's management commands")
    manage.add_argument("arguments", nargs=argparse.REMAINDER,
                        help="kommando og argumenter / command and arguments")
    manage.set_defaults(handler=run_manage)


def missing_web_module() -> str | None:
    for module in WEB_MODULES:
        if importlib.util.find_spec(module) is None:
            return module
    return None


def start_django(labels: dict[str, str]) -> bool:
    """Configure Django, or say in one line which package of the web extra is missing."""
    missing = missing_web_module()
    if missing:
        print(labels["no_web"].format(module=missing), file=sys.stderr)
        return False
    setup_django()
    return True


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def run_serve(args: argparse.Namespace) -> int:
    labels = LABELS[args.lang]
    if not start_django(labels):
        return 2
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        if args.migrate:
            call_command("migrate", interactive=False, verbosity=0)
    except (OSError, DatabaseError) as error:
        print(labels["database"].format(reason=one_line(error)), file=sys.stderr)
        return 2
    if args.demo:
        from budgetkatalog.web.hearing.demo import load_demo_with_hearing
        from budgetkatalog.web.hearing.periods import wall_clock

        result, hearing = load_demo_with_hearing()
        print(labels["loaded"] if result.loaded or hearing else labels["exists"])
        print(labels["demo"])
        for username, role, password in result.users:
            print(f"  {username:10} {role:22} {password or labels['unknown']}")
        if hearing is not None:
            print(labels["hearing"].format(
                deadline=f"{wall_clock(hearing.deadline):%d.%m.%Y %H:%M}",
                host=args.host, port=args.port))

    import waitress.server

    from budgetkatalog.web.wsgi import application

    try:
        proxy: dict[str, Any] = {}
        if args.trusted_proxy:
            # Behind the municipality's HTTPS proxy: the client's address and the scheme
            # come from its headers, and from nobody else's.
            proxy = {"trusted_proxy": args.trusted_proxy, "trusted_proxy_count": 1,
                     "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto",
                                               "x-forwarded-host"},
                     "clear_untrusted_proxy_headers": True}
        server = waitress.server.create_server(
            application, host=args.host, port=args.port, threads=args.threads,
            ident="budgetkatalog", **proxy)
    except OSError as error:
        print(labels["busy"].format(host=args.host, port=args.port,
                                    reason=error.strerror or error), file=sys.stderr)
        return 2
    print(labels["serving"].format(host=args.host, port=args.port), flush=True)
    server.run()
    return 0


def run_manage(args: argparse.Namespace) -> int:
    labels = LABELS[args.lang]
    if not start_django(labels):
        return 2
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["budgetkatalog manage", *args.arguments])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    return 0


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__

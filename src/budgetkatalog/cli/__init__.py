"""The ``budgetkatalog`` command.

Exit codes: 0 fine, 1 findings of severity error, 2 unusable input (a file that
cannot be read or holds no catalogue, an unknown proposal, bad arguments).

Each command lives in its own module and registers itself in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from budgetkatalog import __version__
from budgetkatalog.cli import book as book_command
from budgetkatalog.cli import catalogue as catalogue_commands
from budgetkatalog.cli import check as check_commands
from budgetkatalog.cli import cost as cost_commands
from budgetkatalog.cli import optimise as optimise_commands
from budgetkatalog.cli import serve as serve_command

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

Register = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]  # type: ignore[type-arg]

COMMANDS: list[Register] = [catalogue_commands.register, check_commands.register,
                            cost_commands.register, optimise_commands.register,
                            serve_command.register, book_command.register]


def build_parser() -> argparse.ArgumentParser:
    # The commands' --lang must not reset a --lang given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("da", "en"), default=argparse.SUPPRESS,
                        help="sprog for tekster / language for labels (da, en)")
    parser = argparse.ArgumentParser(
        prog="budgetkatalog",
        description="Budgetkatalog: budgetkataloger som præcise data / "
                    "budget catalogues as exact data.",
        epilog="Exit codes: 0 fine, 1 findings of severity error, 2 unusable input.")
    parser.add_argument("--lang", choices=("da", "en"), default=None,
                        help="sprog for tekster / language for labels (da, en)")
    parser.add_argument("--version", action="version", version=f"budgetkatalog {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_UNUSABLE if exit_.code not in (0, None) else EXIT_OK
    if args.lang is None:
        args.lang = "da"
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

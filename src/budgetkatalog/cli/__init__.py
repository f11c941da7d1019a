"""The ``budgetkatalog`` command.

Exit codes: 0 fine, 1 findings of severity error, 2 unusable input (a file that
cannot be read, is too large or holds no usable catalogue, an unknown proposal, a price
level or target the round cannot take, bad arguments), said in one line on stderr by
:func:`budgetkatalog.cli.output.report_unusable` or :func:`~budgetkatalog.cli.output.unusable`.

Each command lives in its own module with a ``register`` function, named in
``COMMAND_MODULES``. Only the module of the command given is imported (all of them for
``--help`` or an unknown command), so a command pays for its own imports alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

from budgetkatalog import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

Register = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]  # type: ignore[type-arg]

# command -> module under budgetkatalog.cli that registers it
COMMAND_MODULES: dict[str, str] = {
    "import": "catalogue", "overview": "catalogue", "show": "catalogue",
    "check": "check", "cost": "cost", "optimise": "optimise",
    "serve": "serve", "manage": "serve", "book": "book",
}


def _command(argv: Sequence[str]) -> str | None:
    """The command word: the first argument that is no option (nor --lang's value)."""
    index = 0
    while index < len(argv):
        if argv[index] == "--lang":
            index += 2
        elif argv[index].startswith("-"):
            index += 1
        else:
            return argv[index]
    return None


def registers(argv: Sequence[str] | None = None) -> list[Register]:
    """The register functions needed to parse ``argv``: the given command's, or all."""
    module = COMMAND_MODULES.get(_command(argv) or "") if argv is not None else None
    modules = [module] if module else list(dict.fromkeys(COMMAND_MODULES.values()))
    return [import_module(f"budgetkatalog.cli.{name}").register for name in modules]


class _Parser(argparse.ArgumentParser):
    """Bad arguments in one line on stderr (no usage block), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNUSABLE, f"{self.prog}: {' '.join(message.split())} "
                                 f"(--help)\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    # The commands' --lang must not reset a --lang given before the command.
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("da", "en"), default=argparse.SUPPRESS,
                        help="sprog for tekster / language for labels (da, en)")
    parser = _Parser(
        prog="budgetkatalog",
        description="Budgetkatalog: budgetkataloger som præcise data / "
                    "budget catalogues as exact data.",
        epilog="Exit codes: 0 fine, 1 findings of severity error, 2 unusable input.")
    parser.add_argument("--lang", choices=("da", "en"), default=None,
                        help="sprog for tekster / language for labels (da, en)")
    parser.add_argument("--version", action="version", version=f"budgetkatalog {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in registers(argv):
        register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
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

"""The `translator` command: builds the parser from the command modules and dispatches."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from rich.console import Console

from translator import __version__
from translator.cli import (
    check_commands,
    export_commands,
    glossary_commands,
    mt_commands,
    project_commands,
    review_commands,
)
from translator.cli.common import Commands, add_common_options
from translator.core.errors import TranslatorError

COMMAND_MODULES = (
    project_commands,
    mt_commands,
    glossary_commands,
    check_commands,
    review_commands,
    export_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translator",
        description="Offline workbench for Russian<->English human-rights texts: import, "
        "translate, check, review, publish.",
    )
    parser.add_argument("--version", action="version", version=f"translator {__version__}")
    add_common_options(parser, default=None)
    # The same options are accepted after the command too ("translator status --project p").
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, default=argparse.SUPPRESS)
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if not review_commands.workbench_available(args):  # no project here: show the help
            parser.print_help()
            return 0
        args.handler = review_commands.cmd_review  # a project here: open the workbench
    handler = getattr(args, "handler", None)
    if handler is None:  # a command group named without its sub-command
        args.group_parser.print_help()
        return 2
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")  # a non-UTF-8 terminal must not crash a run
    console = Console(highlight=False, soft_wrap=True, markup=False)
    errors = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    try:
        return int(handler(args, console))
    except TranslatorError as error:
        for line in str(error).splitlines():
            errors.print(f"translator: error: {line}")
        return error.exit_code
    except KeyboardInterrupt:
        errors.print("translator: interrupted; nothing half-written was kept")
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""Command line: parse arguments, call services, print results. No logic of its own."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from translator import __version__, services
from translator.core.errors import TranslatorError
from translator.core.models import ReviewStatus

_STATUS_STYLE = {
    ReviewStatus.NEW: "dim",
    ReviewStatus.MACHINE: "cyan",
    ReviewStatus.EDITED: "yellow",
    ReviewStatus.APPROVED: "green",
    ReviewStatus.REJECTED: "red",
}


def _add_common_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        metavar="DIR",
        default=default,
        help="project folder (default: search upwards from here)",
    )
    parser.add_argument(
        "--as",
        dest="user",
        metavar="USER",
        default=default,
        help="act as USER (default: $TRANSLATOR_USER or the OS user)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translator",
        description="Offline workbench for Russian<->English human-rights texts: import, "
        "translate, check, review, publish.",
    )
    parser.add_argument("--version", action="version", version=f"translator {__version__}")
    _add_common_options(parser, default=None)
    # The same options are accepted after the command too ("translator status --project p").
    common = argparse.ArgumentParser(add_help=False)
    _add_common_options(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, parents=[common])

    init = add_command("init", "create a project in DIR (default: here)")
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument("--name", help="project name (default: the folder name)")

    imp = add_command("import", "import source texts (.txt, .md, .html)")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--lang", choices=services.LANG_CHOICES, default="auto")
    imp.add_argument("--encoding", help="source encoding (default: detect)")

    status = add_command("status", "paragraph counts per review status")
    status.add_argument("--json", action="store_true", help="machine-readable totals")
    return parser


def _cmd_init(args: argparse.Namespace, console: Console) -> int:
    project = services.init_project(args.directory, args.name)
    console.print(f"created project '{project.config.name}' in {project.root}")
    return 0


def _cmd_import(args: argparse.Namespace, console: Console) -> int:
    project = services.locate_project(args.project)
    with services.open_project_store(project) as store:
        report = services.import_sources(
            project,
            store,
            args.paths,
            actor=services.current_user(args.user),
            lang=args.lang,
            encoding=args.encoding,
        )
    for name in report.unchanged:
        console.print(f"{name}: unchanged since the last import, nothing to do")
    for name, document in report.same_content.items():
        console.print(f"{name}: same content as document '{document}', nothing to do")
    for item in report.imported:
        doc = item.document
        duplicates = f", {item.duplicates} duplicate(s)" if item.duplicates else ""
        console.print(
            f"imported {doc.name} ({doc.source_lang}→{doc.target_lang}, {doc.encoding}): "
            f"{item.paragraphs} paragraphs, {item.sentences} sentences{duplicates}"
        )
    return 0


def _cmd_status(args: argparse.Namespace, console: Console) -> int:
    project = services.locate_project(args.project)
    with services.open_project_store(project) as store:
        status = services.project_status(store)
    if args.json:
        print(json.dumps(status.as_json()))
        return 0
    table = Table(
        title=escape(f"{project.config.name}: {status.totals.total} paragraphs"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("document", no_wrap=True)
    table.add_column("pair")
    for review_status in ReviewStatus:
        table.add_column(review_status.value, justify="right", style=_STATUS_STYLE[review_status])
    table.add_column("total", justify="right")
    for row in status.documents:
        doc = row.document
        table.add_row(
            escape(doc.name),
            f"{doc.source_lang}→{doc.target_lang}",
            *(str(row.counts.counts[s]) for s in ReviewStatus),
            str(row.counts.total),
        )
    table.add_section()
    table.add_row(
        "all",
        "",
        *(str(status.totals.counts[s]) for s in ReviewStatus),
        str(status.totals.total),
    )
    console.print(table)
    return 0


_COMMANDS = {"init": _cmd_init, "import": _cmd_import, "status": _cmd_status}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")  # a non-UTF-8 terminal must not crash a run
    console = Console(highlight=False, soft_wrap=True, markup=False)
    errors = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    try:
        return _COMMANDS[args.command](args, console)
    except TranslatorError as error:
        for line in str(error).splitlines():
            errors.print(f"translator: error: {line}")
        return error.exit_code
    except KeyboardInterrupt:
        errors.print("translator: interrupted; nothing half-written was kept")
        return 130


if __name__ == "__main__":
    sys.exit(main())

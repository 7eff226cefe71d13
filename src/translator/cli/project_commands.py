"""init, import, status: creating a project, importing sources, counting review states."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from translator import services
from translator.cli.common import STATUS_STYLE, Commands, acting_user, open_project
from translator.cli.update_view import print_update_summary
from translator.core.models import ReviewStatus


def register(commands: Commands) -> None:
    init = commands.add("init", "create a project in DIR (default: here)", _cmd_init)
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument("--name", help="project name (default: the folder name)")

    imp = commands.add("import", "import source texts (.txt, .md, .html)", _cmd_import)
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--lang", choices=services.LANG_CHOICES, default="auto")
    imp.add_argument("--encoding", help="source encoding (default: detect)")
    imp.add_argument(
        "--update",
        metavar="NAME",
        help="update document NAME from PATH (a file with another name); one PATH only",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="show what the import or update would do (counts and source diffs); change nothing",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="apply an update even if it archives most of the document's approved paragraphs",
    )

    status = commands.add("status", "paragraph counts per review status", _cmd_status)
    status.add_argument("--json", action="store_true", help="machine-readable totals")


def _cmd_init(args: argparse.Namespace, console: Console) -> int:
    project = services.init_project(args.directory, args.name)
    console.print(f"created project '{project.config.name}' in {project.root}")
    return 0


def _cmd_import(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    with store:
        report = services.import_sources(
            project,
            store,
            args.paths,
            actor=acting_user(args),
            lang=args.lang,
            encoding=args.encoding,
            update=args.update,
            dry_run=args.dry_run,
            force=args.force,
        )
    for name in report.unchanged:
        console.print(f"{name}: unchanged since the last import, nothing to do")
    for name, document in report.same_content.items():
        console.print(f"{name}: same content as document '{document}', nothing to do")
    verb = "would import" if report.dry_run else "imported"
    for item in report.imported or report.would_import:
        doc = item.document
        duplicates = f", {item.duplicates} duplicate(s)" if item.duplicates else ""
        console.print(
            f"{verb} {doc.name} ({doc.source_lang}→{doc.target_lang}, {doc.encoding}): "
            f"{item.paragraphs} paragraphs, {item.sentences} sentences{duplicates}"
        )
    for summary in report.updated:
        print_update_summary(console, summary, show_diffs=report.dry_run)
    return 0


def _cmd_status(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    with store:
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
        table.add_column(review_status.value, justify="right", style=STATUS_STYLE[review_status])
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

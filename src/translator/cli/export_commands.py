"""Commands of issue 7 (export, import-translations); registered by translator.cli.app."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from translator.cli.common import Commands, acting_user, open_project
from translator.services import export as publishing


def register(commands: Commands) -> None:
    export = commands.add(
        "export", "export approved translations (PO, XLIFF, TMX, bilingual, text)", _cmd_export
    )
    export.add_argument("--format", required=True, choices=publishing.FORMAT_CHOICES)
    export.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="PATH",
        help="the file (po, xliff, xliff2, tmx) or the folder (md, html, docx, txt)",
    )
    export.add_argument(
        "--doc", action="append", dest="documents", metavar="NAME", help="only this document"
    )
    export.add_argument(
        "--include-unapproved",
        action="store_true",
        help="also export paragraphs not yet approved (marked as such)",
    )
    export.add_argument("--force", action="store_true", help="overwrite existing files")

    back = commands.add(
        "import-translations",
        "apply targets from a PO or XLIFF file exported earlier (as edited)",
        _cmd_import_translations,
    )
    back.add_argument("file", type=Path, metavar="FILE")
    back.add_argument(
        "--format", choices=publishing.IMPORT_FORMATS, help="default: from the extension"
    )


def _cmd_export(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    with store:
        report = publishing.export(
            project,
            store,
            format=args.format,
            out=args.out,
            documents=args.documents,
            include_unapproved=args.include_unapproved,
            force=args.force,
        )
    counts = ", ".join(f"{n} {status}" for status, n in report.by_status.as_dict().items() if n)
    console.print(f"exported {report.units} paragraph(s) ({counts or 'none'}) to:")
    for path in report.files:
        console.print(f"  {path}")
    if report.left_out:
        console.print(
            f"left out {report.left_out} unapproved paragraph(s): {args.format} holds "
            "approved pairs only"
        )
    return 0


def _cmd_import_translations(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    with store:
        report = publishing.import_translations(
            project, store, args.file, args.format, actor=acting_user(args)
        )
    errors = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    for refused in report.refused:
        errors.print(f"translator: refused {refused.unit_id}: {refused.reason}")
    console.print(
        f"{args.file}: {len(report.applied)} target(s) imported as edited, "
        f"{report.unchanged} unchanged, {len(report.refused)} refused"
    )
    return 1 if report.refused else 0

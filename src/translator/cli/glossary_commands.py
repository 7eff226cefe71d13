"""translator glossary list|add|remove|import|export: the project's term base."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from translator.cli.common import Commands, acting_user, open_project
from translator.glossary.model import Concept, MergeOutcome, TermStatus
from translator.services import glossary as glossary_service

_MARK = {TermStatus.PREFERRED: "", TermStatus.ADMITTED: " (admitted)", TermStatus.FORBIDDEN: " ✗"}


def register(commands: Commands) -> None:
    group = commands.group("glossary", "the project's legal term base")
    listing = group.add("list", "list concepts and their terms", _cmd_list)
    listing.add_argument("--search", metavar="TEXT", help="only concepts matching TEXT")

    add = group.add("add", "add a Russian/English term pair", _cmd_add)
    add.add_argument("ru", metavar="RU")
    add.add_argument("en", metavar="EN")
    add.add_argument(
        "--status",
        choices=[status.value for status in TermStatus],
        default=TermStatus.PREFERRED.value,
        help="status of the English rendering (default: preferred)",
    )
    add.add_argument("--note", default="", help="a note for translators")
    add.add_argument("--concept", metavar="ID", help="add to this concept")

    remove = group.add("remove", "remove a concept (by id) or a term (by text)", _cmd_remove)
    remove.add_argument("what", metavar="ID_OR_TERM")

    imp = group.add("import", "import a TBX or CSV/TSV glossary (all or nothing)", _cmd_import)
    imp.add_argument("path", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=("tbx", "csv"), help="default: from the extension")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace concepts whose id is already known, instead of merging the file's terms",
    )
    imp.add_argument("--encoding", help="encoding of a CSV/TSV file (default: detected)")

    exp = group.add("export", "export the project glossary as TBX or CSV/TSV", _cmd_export)
    exp.add_argument("path", type=Path, metavar="FILE")
    exp.add_argument("--format", choices=("tbx", "csv"), help="default: from the extension")
    exp.add_argument("--force", action="store_true", help="overwrite an existing file")


def _describe(concept: Concept) -> str:
    sides = []
    for lang in ("ru", "en"):
        terms = concept.terms_in(lang)
        sides.append("; ".join(f"{t.text}{_MARK[t.status]}" for t in terms) or "-")
    return f"{concept.key}: {sides[0]} = {sides[1]}"


def _cmd_list(args: argparse.Namespace, console: Console) -> int:
    _, store = open_project(args)
    with store:
        concepts = glossary_service.list_concepts(store, args.search)
    for concept in concepts:
        console.print(escape(_describe(concept)))
    what = f" matching '{args.search}'" if args.search else ""
    console.print(f"{len(concepts)} concept(s){escape(what)}", style="dim")
    return 0


def _cmd_add(args: argparse.Namespace, console: Console) -> int:
    _, store = open_project(args)
    with store:
        concept = glossary_service.add_term(
            store,
            args.ru,
            args.en,
            acting_user(args),
            status=args.status,
            note=args.note,
            concept_key=args.concept,
        )
    console.print(escape(f"saved {_describe(concept)}"))
    return 0


def _cmd_remove(args: argparse.Namespace, console: Console) -> int:
    _, store = open_project(args)
    with store:
        keys = glossary_service.remove_term(store, args.what)
    console.print(escape(f"removed '{args.what}' ({', '.join(keys)})"))
    return 0


def _cmd_import(args: argparse.Namespace, console: Console) -> int:
    _, store = open_project(args)
    with store:
        result = glossary_service.import_glossary(
            store,
            args.path,
            acting_user(args),
            args.format,
            replace=args.replace,
            encoding=args.encoding,
        )
    counts = f"{result.added} new concept(s), {result.merged} merged"
    if args.replace:
        counts += f", {result.replaced} replaced"
    console.print(escape(f"imported {args.path}: {counts}, {result.unchanged} unchanged"))
    for line in import_report(result):
        console.print(escape(line))
    return 0


def import_report(result: glossary_service.GlossaryImport) -> list[str]:
    """One line per concept the import changed, naming the terms added and statuses moved."""
    lines = []
    for item in result.results:
        if item.outcome is MergeOutcome.NEW:
            lines.append(f"  new {_describe(item.concept)}")
        elif item.outcome is MergeOutcome.REPLACED:
            lines.append(f"  replaced {_describe(item.concept)}")
        elif item.outcome is MergeOutcome.MERGED:
            changes = [f"added {t.lang} '{t.text}' ({t.status.value})" for t in item.added]
            changes += [
                f"{c.lang} '{c.text}' {c.before.value} -> {c.after.value}" for c in item.changed
            ]
            what = "; ".join(changes) or "filled in part of speech, notes or subject"
            lines.append(f"  merged {item.concept.key}: {what}")
    return lines


def _cmd_export(args: argparse.Namespace, console: Console) -> int:
    _, store = open_project(args)
    with store:
        count = glossary_service.export_glossary(store, args.path, args.format, force=args.force)
    console.print(escape(f"exported {count} concept(s) to {args.path}"))
    return 0

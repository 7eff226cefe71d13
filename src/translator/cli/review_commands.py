"""review, set-status: open the workbench; change review statuses under the same rules.

`set-status` is all or nothing: when the rules refuse any paragraph, each refusal is
printed on its own line, nothing is changed, and the exit status is 1.
"""

from __future__ import annotations

import argparse

from rich.console import Console

from translator import services
from translator.cli.common import Commands, open_project
from translator.core.errors import TranslatorError
from translator.core.models import Paragraph, ReviewStatus
from translator.services import review

SETTABLE = [status.value for status in ReviewStatus if status is not ReviewStatus.NEW]
MAX_REFUSALS_SHOWN = 20


def register(commands: Commands) -> None:
    workbench = commands.add("review", "open the review workbench (TUI)", cmd_review)
    workbench.add_argument("--doc", metavar="NAME", help="open this document directly")

    status = commands.add(
        "set-status",
        "set the review status of paragraphs (same rules as the workbench)",
        _cmd_set_status,
    )
    status.add_argument("status", choices=SETTABLE, metavar="STATUS", help=" | ".join(SETTABLE))
    which = status.add_mutually_exclusive_group(required=True)
    which.add_argument("--doc", metavar="NAME", help="a document")
    which.add_argument("--all", action="store_true", help="every paragraph of the project")
    status.add_argument(
        "--paragraph", type=int, metavar="N", help="only paragraph N (1-based) of --doc"
    )
    status.add_argument("--reason", metavar="TEXT", help="why (required to reject)")


class SetStatusRefused(TranslatorError):
    """Some paragraphs may not take the status; nothing was changed."""


def workbench_available(args: argparse.Namespace) -> bool:
    """True when `translator` without a command should open the workbench: a project here."""
    try:
        services.locate_project(args.project)
    except TranslatorError:
        return False
    return True


def cmd_review(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    with store:
        actor = review.actor_for(project, args.user)
        document = getattr(args, "doc", None)
        if document is not None:
            review.find_document(store, document)  # a bad name fails before the screen opens
        from translator.tui.app import run_workbench  # textual loads only for the TUI

        run_workbench(project, store, actor, document)
    return 0


def _cmd_set_status(args: argparse.Namespace, console: Console) -> int:
    if args.paragraph is not None and args.doc is None:
        raise TranslatorError("--paragraph needs --doc NAME")
    status = ReviewStatus(args.status)
    project, store = open_project(args)
    with store:
        actor = review.actor_for(project, args.user)
        names = {document.id: document.name for document in store.documents()}
        paragraphs = _selected(store, args, names)
        result = review.set_status(project, store, paragraphs, status, actor, args.reason)
    if result.refused:
        lines = [
            f"{names[item.paragraph.document_id]} ¶{item.paragraph.position + 1}: {item.reason}"
            for item in result.refused[:MAX_REFUSALS_SHOWN]
        ]
        hidden = len(result.refused) - len(lines)
        if hidden:
            lines.append(f"… and {hidden} more")
        lines.append(f"nothing changed: {len(result.refused)} paragraph(s) refused")
        raise SetStatusRefused("\n".join(lines))
    already = f"; {result.unchanged} already {status.value}" if result.unchanged else ""
    console.print(f"{status.value}: {len(result.changed)} paragraph(s) as {actor.name}{already}")
    return 0


def _selected(store: object, args: argparse.Namespace, names: dict[int, str]) -> list[Paragraph]:
    from translator.store import ProjectStore

    assert isinstance(store, ProjectStore)
    if args.all:
        return [p for document_id in names for p in store.paragraphs(document_id)]
    document = review.find_document(store, args.doc)
    paragraphs = store.paragraphs(document.id)
    if args.paragraph is None:
        return paragraphs
    if not 1 <= args.paragraph <= len(paragraphs):
        raise TranslatorError(
            f"{document.name}: no paragraph {args.paragraph} (it has {len(paragraphs)})"
        )
    return [paragraphs[args.paragraph - 1]]

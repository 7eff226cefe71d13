"""Commands of issue 3: `models list|install|remove` and `translate`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from translator.cli.common import Commands, acting_user, open_project
from translator.core.errors import TranslatorError
from translator.mt.argos_packages import INSTALL_HINT
from translator.project import SUPPORTED_LANGUAGES
from translator.services import mt as mt_services

if TYPE_CHECKING:
    from translator.mt.argos_packages import InstalledModel


def register(commands: Commands) -> None:
    models = commands.group("models", "machine-translation models (Argos packages)")
    models.add("list", "installed models: pair, version, size", _cmd_models_list)
    install = models.add(
        "install",
        "install FILE.argosmodel (offline), or FROM TO from the Argos index (online)",
        _cmd_models_install,
    )
    install.add_argument(
        "what", nargs="+", metavar="ARG", help="FILE.argosmodel ..., or FROM TO (language codes)"
    )
    remove = models.add("remove", "remove the model of a language pair", _cmd_models_remove)
    remove.add_argument("source", choices=SUPPORTED_LANGUAGES, metavar="FROM")
    remove.add_argument("target", choices=SUPPORTED_LANGUAGES, metavar="TO")

    translate = commands.add(
        "translate", "machine-translate new paragraphs (resumable)", _cmd_translate
    )
    translate.add_argument("--doc", metavar="NAME", help="only this document")
    translate.add_argument(
        "--retranslate", action="store_true", help="redo `machine` paragraphs too (never edits)"
    )
    translate.add_argument(
        "--skip-missing",
        action="store_true",
        help="translate the directions that have a model; for the others say how to install "
        "one and exit 0",
    )
    translate.add_argument(
        "--no-glossary",
        action="store_true",
        help="raw MT: do not protect and put in the glossary's required term renderings",
    )


def _size(size_bytes: int) -> str:
    if size_bytes >= 1_000_000:
        return f"{size_bytes / 1_000_000:.1f} MB"
    return f"{size_bytes / 1_000:.1f} kB"


def _cmd_models_list(args: argparse.Namespace, console: Console) -> int:
    models = mt_services.list_models()
    if not models:
        console.print(f"no models installed; install one with `{INSTALL_HINT}`")
        return 0
    for model in models:
        console.print(f"{model.pair}  version {model.version}  {_size(model.size_bytes)}")
    return 0


def _cmd_models_install(args: argparse.Namespace, console: Console) -> int:
    what: list[str] = args.what
    if len(what) == 2 and all(code in SUPPORTED_LANGUAGES for code in what):
        models = [mt_services.install_model_from_index(what[0], what[1])]
    elif all(code not in SUPPORTED_LANGUAGES for code in what):
        models = []
        for file in what:  # one by one: each a complete install, or refused leaving the rest
            models.append(mt_services.install_model_file(Path(file)))
            _print_installed(console, models[-1])
        return 0
    else:
        raise TranslatorError(
            "models install takes FILE.argosmodel ..., or two language codes such as `en ru`"
        )
    _print_installed(console, models[0])
    return 0


def _print_installed(console: Console, model: InstalledModel) -> None:
    console.print(f"installed {model.pair} version {model.version} ({_size(model.size_bytes)})")


def _cmd_models_remove(args: argparse.Namespace, console: Console) -> int:
    model = mt_services.remove_model(args.source, args.target)
    console.print(f"removed {model.pair} version {model.version}")
    return 0


class _SpeedColumn(ProgressColumn):
    """Sentences per second, which rich's own columns only show as bytes or items."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} sentences/s" if speed else "… sentences/s")


def _cmd_translate(args: argparse.Namespace, console: Console) -> int:
    project, store = open_project(args)
    columns = (
        TextColumn("translating"),
        BarColumn(),
        MofNCompleteColumn(),
        _SpeedColumn(),
        TimeRemainingColumn(),
    )
    # Only on a terminal: elsewhere (make demo piped, CI logs) rich would leave a blank line
    # and the last frame of the bar; the summary lines say what happened.
    shown = console.is_terminal
    with store, Progress(*columns, console=console, transient=True, disable=not shown) as bar:
        task = bar.add_task("translate", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            summary, plan = mt_services.translate_project(
                project,
                store,
                acting_user(args),
                document=args.doc,
                retranslate=args.retranslate,
                skip_missing=args.skip_missing,
                guard=None if args.no_glossary else mt_services.PROJECT_GLOSSARY,
                progress=progress,
            )
        except KeyboardInterrupt:
            bar.stop()
            console.print(
                "interrupted: the batches already translated are saved; "
                "run `translator translate` again to continue"
            )
            raise
    total = summary.total()
    for direction, part in summary.directions.items():
        console.print(
            f"{direction}: {part.paragraphs} paragraphs, {part.translated} sentences translated, "
            f"{part.cached} cached, {part.failed} failed"
        )
    if plan.missing:
        console.print(escape(mt_services.missing_models_message(plan.missing)))
        if not summary.directions:  # nothing could be translated: that one line says it all
            return 0
    skipped = f", {total.skipped} changed meanwhile and left alone" if total.skipped else ""
    console.print(
        f"done: {total.paragraphs} paragraphs machine-translated; sentences: "
        f"{total.translated} translated, {total.cached} cached, {total.failed} failed{skipped}"
    )
    return 1 if total.failed else 0

"""What every command module shares: the consoles, common options and the command table."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from translator import services
from translator.core.models import ReviewStatus
from translator.project import Project
from translator.store import ProjectStore

Handler = Callable[[argparse.Namespace, Console], int]

STATUS_STYLE = {
    ReviewStatus.NEW: "dim",
    ReviewStatus.MACHINE: "cyan",
    ReviewStatus.EDITED: "yellow",
    ReviewStatus.APPROVED: "green",
    ReviewStatus.REJECTED: "red",
}


def add_common_options(parser: argparse.ArgumentParser, default: object) -> None:
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


@dataclass
class Commands:
    """The sub-command table: each command module adds its parsers through `add`."""

    subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    common: argparse.ArgumentParser  # parent parser: --project / --as after the command too

    def add(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser = self.subparsers.add_parser(name, help=help_text, parents=[self.common])
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help_text: str) -> Commands:
        """A command with sub-commands of its own ("translator models list")."""
        parser = self.subparsers.add_parser(name, help=help_text, parents=[self.common])
        parser.set_defaults(handler=None, group_parser=parser)
        sub = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND")
        return Commands(sub, self.common)


def open_project(args: argparse.Namespace) -> tuple[Project, ProjectStore]:
    """The project named by --project (or found upwards) and its opened store."""
    project = services.locate_project(args.project)
    return project, services.open_project_store(project)


def acting_user(args: argparse.Namespace) -> str:
    return services.current_user(args.user)

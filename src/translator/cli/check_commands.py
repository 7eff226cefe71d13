"""Commands of issue 5 (check, resolve); registered by translator.cli.app."""

from __future__ import annotations

from translator.cli.common import Commands


def register(commands: Commands) -> None:
    """Adds this area's commands (none yet)."""

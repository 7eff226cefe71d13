"""The domain core must load without the terminal UI or the CLI (checked in a clean process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "translator"
UI_PACKAGES = ("translator.cli", "translator.tui", "translator.__main__")


def _core_modules() -> list[str]:
    """Every module of the package except the UI layers: found on disk, so new ones count."""
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = ["translator", *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if name != "translator" and not name.startswith(UI_PACKAGES):
            names.append(name)
    return names


CORE_MODULES = _core_modules()
FORBIDDEN = ["textual", "translator.cli", "translator.tui", "rich"]


def test_core_modules_are_found() -> None:
    assert {"translator.core", "translator.store", "translator.services"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_without_ui(module: str) -> None:
    code = (
        f"import json, sys, importlib; importlib.import_module({module!r}); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout))
    leaked = [name for name in FORBIDDEN if name in loaded]
    assert not leaked, f"{module} pulls in {leaked}"


def test_package_import_is_cheap() -> None:
    """`import translator` only defines the version: no eager imports of heavy modules."""
    code = "import json, sys, translator; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert not {name for name in loaded if name.startswith("translator.")}

"""The domain core must load without the terminal UI or the CLI (checked in a clean process)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE_MODULES = [
    "translator.core",
    "translator.store",
    "translator.ingest",
    "translator.project",
    "translator.services",
]
FORBIDDEN = ["textual", "translator.cli", "translator.tui", "rich"]


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

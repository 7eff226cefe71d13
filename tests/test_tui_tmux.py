"""End to end: the real `translator` binary in tmux, keys sent as a person types them.

A translator opens the document and edits a paragraph; the four-eyes rule stops her from
approving her own work; an editor in a second session approves it; `translator status
--json` agrees with what the screens showed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_tool, write

pytestmark = pytest.mark.slow
TRANSLATOR = Path(sys.executable).parent / "translator"


class Terminal:
    """One tmux session (on a private server socket) running a command at 120x40."""

    def __init__(self, tmux: str, socket: str, name: str) -> None:
        self.tmux, self.socket, self.name = tmux, socket, name

    def _run(self, *args: str) -> str:
        return subprocess.run(
            [self.tmux, "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def start(self, folder: Path, env: dict[str, str], command: str) -> None:
        assignments = " ".join(f"{key}={value}" for key, value in env.items())
        self._run(
            "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", "-c", str(folder),
            # COLUMNS/LINES from the test runner would override the real 120x40 window.
            f"env -u COLUMNS -u LINES {assignments} {command}",
        )  # fmt: skip

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._run("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self._run("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                time.sleep(0.5)  # let the app finish the frame (and focus) it is drawing
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")
            time.sleep(0.2)

    def running(self) -> bool:
        done = subprocess.run([self.tmux, "-L", self.socket, "has-session", "-t", self.name])
        return done.returncode == 0


@pytest.fixture
def tmux_socket() -> Iterator[tuple[str, str]]:
    tmux = require_tool("tmux")
    socket = f"translator-test-{uuid.uuid4().hex[:8]}"
    yield tmux, socket
    subprocess.run([tmux, "-L", socket, "kill-server"], capture_output=True)


def _status(project: Path, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [str(TRANSLATOR), "status", "--json"],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, object] = json.loads(done.stdout)
    return data


def test_edit_then_approve_as_another_user(tmp_path: Path, tmux_socket: tuple[str, str]) -> None:
    tmux, socket = tmux_socket
    if not TRANSLATOR.exists():
        pytest.skip(f"{TRANSLATOR} is not installed (pip install -e .)")
    env = {"HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    (tmp_path / "home").mkdir()
    project = tmp_path / "case"
    subprocess.run([str(TRANSLATOR), "init", str(project)], check=True, capture_output=True)
    (project / "translator.toml").write_text(
        '[project]\nname = "case"\n[roles]\ntranslators = ["tanya"]\neditors = ["erin"]\n',
        encoding="utf-8",
    )
    source = write(
        tmp_path / "sokolov.txt",
        "Суд приговорил Алексея Соколова к пяти годам колонии.\n\nЗащита обжаловала приговор.\n",
    )
    subprocess.run(  # an editor brings the text in (people without a role may not)
        [str(TRANSLATOR), "import", "--as", "erin", str(source)],
        cwd=project,
        check=True,
        capture_output=True,
    )

    tanya = Terminal(tmux, socket, "tanya")
    tanya.start(project, {**env, "TRANSLATOR_USER": "tanya"}, str(TRANSLATOR))
    tanya.wait_for("sokolov.txt")
    tanya.keys("Enter")
    tanya.wait_for("Суд приговорил Алексея Соколова")
    tanya.keys("e")
    tanya.type("The court sentenced Aleksei Sokolov to five years.")
    tanya.keys("Escape")
    screen = tanya.wait_for(" edited ")
    assert "The court sentenced Aleksei Sokolov to five years." in screen
    tanya.keys("a")  # a translator may not approve
    tanya.wait_for("only editors and publishers")
    tanya.keys("C-q")
    deadline = time.monotonic() + 10
    while tanya.running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tanya.running()
    assert _status(project, env)["by_status"] == {
        "new": 1,
        "machine": 0,
        "edited": 1,
        "approved": 0,
        "rejected": 0,
    }

    erin = Terminal(tmux, socket, "erin")
    erin.start(project, {**env, "TRANSLATOR_USER": "erin"}, f"{TRANSLATOR} review")
    erin.wait_for("sokolov.txt")
    erin.keys("Enter")
    erin.wait_for("last change by tanya")
    erin.keys("a")
    screen = erin.wait_for(" approved ")
    assert "erin (editor)" in screen
    erin.keys("C-q")
    status = _status(project, env)
    assert status["by_status"] == {
        "new": 1,
        "machine": 0,
        "edited": 0,
        "approved": 1,
        "rejected": 0,
    }

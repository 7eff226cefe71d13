"""`translator models list|install|remove`: the real install path with tiny real packages."""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.mt_support import Packages, entry_names, packages, rezip
from translator.mt.argos_packages import find_model, installed_models, packages_dir

__all__ = ["packages"]  # the fixture, re-exported for pytest


def test_install_list_remove_through_the_cli(run_cli: RunCli, packages: Packages) -> None:
    assert run_cli("models", "list").stdout.startswith("no models installed")
    result = run_cli("models", "install", packages.ru_en)
    assert result.exit_code == 0, result.stderr
    assert "installed ru→en version 1.0" in result.stdout
    assert run_cli("models", "install", packages.en_ru).exit_code == 0
    listing = run_cli("models", "list").stdout.splitlines()
    assert [line.split()[0] for line in listing] == ["en→ru", "ru→en"]
    assert all("kB" in line or "MB" in line for line in listing)
    installed = find_model("ru", "en")
    assert installed is not None
    assert installed.path.parent == Path(os.environ["ARGOS_PACKAGES_DIR"])
    assert (installed.path / "model" / "model.bin").is_file()

    removed = run_cli("models", "remove", "ru", "en")
    assert removed.exit_code == 0
    assert "removed ru→en" in removed.stdout
    assert find_model("ru", "en") is None
    assert [m.pair for m in installed_models()] == ["en→ru"]
    again = run_cli("models", "remove", "ru", "en")
    assert again.exit_code == 1
    assert "no model installed for ru→en" in again.stderr


def test_argostranslate_sees_what_we_install(run_cli: RunCli, packages: Packages) -> None:
    from argostranslate.package import get_installed_packages

    run_cli("models", "install", packages.ru_en)
    found = get_installed_packages(path=[packages_dir()])
    assert [(p.from_code, p.to_code) for p in found] == [("ru", "en")]


def test_reinstall_replaces_the_pair(run_cli: RunCli, packages: Packages) -> None:
    run_cli("models", "install", packages.ru_en)
    first = find_model("ru", "en")
    assert run_cli("models", "install", packages.ru_en_v2).exit_code == 0
    models = installed_models()
    assert [(m.pair, m.version) for m in models] == [("ru→en", "1.1")]
    assert first is not None and models[0].model_id != first.model_id
    assert not [p for p in packages_dir().iterdir() if p.name.startswith(".")]


def _broken(packages: Packages, tmp_path: Path, kind: str) -> Path:
    names = entry_names(packages.ru_en)
    root = names[0].split("/")[0]
    target = tmp_path / f"{kind}.argosmodel"
    if kind == "not-a-zip":
        target.write_bytes(b"PK but not really a zip archive")
        return target
    if kind == "no-metadata":
        return rezip(packages.ru_en, target, {f"{root}/metadata.json": None})
    if kind == "no-tokenizer":
        return rezip(packages.ru_en, target, {f"{root}/sentencepiece.model": None})
    if kind == "no-model":
        return rezip(packages.ru_en, target, {f"{root}/model/model.bin": None})
    if kind == "bad-tokenizer":
        rezip(packages.ru_en, target, {f"{root}/sentencepiece.model": None})
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/sentencepiece.model", b"garbage")
        return target
    if kind == "bad-metadata":
        rezip(packages.ru_en, target, {f"{root}/metadata.json": None})
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/metadata.json", json.dumps({"from_code": "ru"}))
        return target
    if kind in ("code-traversal", "code-absolute"):
        rezip(packages.ru_en, target, {f"{root}/metadata.json": None})
        code = "en/../../victim" if kind == "code-traversal" else "/tmp/victim"
        metadata = {"type": "translate", "from_code": "ru", "to_code": code, "package_version": "1"}
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/metadata.json", json.dumps(metadata))
        return target
    if kind == "renamed-weights":
        rezip(packages.ru_en, target, {f"{root}/model/model.bin": None})
        with zipfile.ZipFile(packages.ru_en) as source, zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/model/old_model.bin", source.read(f"{root}/model/model.bin"))
        return target
    if kind == "not-translate":
        rezip(packages.ru_en, target, {f"{root}/metadata.json": None})
        metadata = {"type": "sbd", "from_code": "ru", "to_code": "en", "package_version": "9"}
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/metadata.json", json.dumps(metadata))
        return target
    if kind == "garbage-weights":
        rezip(packages.ru_en, target, {f"{root}/model/model.bin": None})
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(f"{root}/model/model.bin", b"\x00garbage" * 64)
        return target
    if kind in ("traversal", "absolute"):
        rezip(packages.ru_en, target, {})
        evil = "../x" if kind == "traversal" else "/tmp/x"
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(evil, b"escaped")
        return target
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not-a-zip", "not a zip archive"),
        ("no-metadata", "no metadata.json"),
        ("bad-metadata", "lacks from_code/to_code"),
        ("no-tokenizer", "no SentencePiece tokenizer"),
        ("bad-tokenizer", "sentencepiece.model cannot be loaded"),
        ("no-model", "no model/model.bin"),
        ("traversal", "entry '../x' would escape the folder"),
        ("code-traversal", "is not a language code"),
        ("code-absolute", "is not a language code"),
        ("absolute", "entry '/tmp/x' would escape the folder"),
    ],
)
def test_bad_packages_are_refused_with_one_line(
    run_cli: RunCli, packages: Packages, tmp_path: Path, kind: str, message: str
) -> None:
    run_cli("models", "install", packages.en_ru)
    before = sorted(p.name for p in packages_dir().iterdir())
    bad = _broken(packages, tmp_path, kind)
    result = run_cli("models", "install", bad)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"translator: error: {bad}: ")
    assert message in lines[0]
    assert sorted(p.name for p in packages_dir().iterdir()) == before
    assert not (tmp_path / "x").exists()
    assert not list(packages_dir().parent.glob("victim*"))
    assert [m.pair for m in installed_models()] == ["en→ru"]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("renamed-weights", "not a translation package"),
        ("not-translate", "not a translation package"),
        ("garbage-weights", "model/model.bin cannot be loaded"),
    ],
)
def test_a_bad_package_never_costs_the_installed_model(
    run_cli: RunCli, packages: Packages, tmp_path: Path, kind: str, message: str
) -> None:
    """A package for the same pair that turns out bad is refused before the installed
    model is moved aside: ru->en still works afterwards."""
    assert run_cli("models", "install", packages.ru_en_v2).exit_code == 0
    before = find_model("ru", "en")
    bad = _broken(packages, tmp_path, kind)
    result = run_cli("models", "install", bad)
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    after = find_model("ru", "en")
    assert before is not None and after is not None
    assert (after.version, after.model_id) == (before.version, before.model_id)
    assert not [p for p in packages_dir().iterdir() if p.name.startswith(".")]


def test_missing_file_and_bad_arguments(run_cli: RunCli, tmp_path: Path) -> None:
    missing = run_cli("models", "install", tmp_path / "nope.argosmodel")
    assert missing.exit_code == 1
    assert "nope.argosmodel: no such file" in missing.stderr
    odd = run_cli("models", "install", "ru", "en", "de")
    assert odd.exit_code == 1
    assert "FILE.argosmodel ..., or two language codes" in odd.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_index_install_offline_says_so_at_once(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{_closed_port()}/")
    result = run_cli("models", "install", "en", "ru")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "offline: cannot reach the Argos package index" in lines[0]
    assert "translator models install FILE.argosmodel" in lines[0]
    assert installed_models() == []


@pytest.fixture
def index_server(packages: Packages) -> Iterator[str]:
    """A local stand-in for the Argos index: index.json plus the package files."""
    folder = packages.folder
    port_holder: list[int] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_holder.append(server.server_address[1])
    base = f"http://127.0.0.1:{port_holder[0]}"
    (folder / "index.json").write_text(
        json.dumps(
            [
                {
                    "from_code": "en",
                    "to_code": "ru",
                    "package_version": "1.0",
                    "links": [f"{base}/en_ru.argosmodel"],
                }
            ]
        )
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base + "/"
    finally:
        server.shutdown()
        server.server_close()


def test_index_install_online(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, index_server: str
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    result = run_cli("models", "install", "en", "ru")
    assert result.exit_code == 0, result.stderr
    assert [m.pair for m in installed_models()] == ["en→ru"]
    absent = run_cli("models", "install", "ru", "en")
    assert absent.exit_code == 1
    assert "has no ru→en model" in absent.stderr


def test_several_files_install_in_one_command(run_cli: RunCli, packages: Packages) -> None:
    result = run_cli("models", "install", packages.ru_en, packages.en_ru)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("installed ") == 2
    assert sorted(m.pair for m in installed_models()) == ["en→ru", "ru→en"]

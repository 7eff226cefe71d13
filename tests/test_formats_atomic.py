"""Placing exported files: all or none, never over a file that appeared, flushed to disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from translator import atomic


def _temporary(final: Path, text: str) -> Path:
    return atomic.write_temporary(final, lambda path: path.write_text(text, encoding="utf-8"))


def test_a_late_existing_name_removes_what_was_placed_and_keeps_the_other_file(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    written = [(_temporary(first, "ours a"), first), (_temporary(second, "ours b"), second)]
    second.write_text("theirs", encoding="utf-8")
    with pytest.raises(atomic.TargetExists) as caught:
        atomic.place_files(written, force=False)
    assert caught.value.filename == str(second)
    assert not first.exists()
    assert second.read_text(encoding="utf-8") == "theirs"


def test_force_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    final = tmp_path / "a.txt"
    final.write_text("old", encoding="utf-8")
    atomic.place_files([(_temporary(final, "new"), final)], force=True)
    assert final.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_without_hard_links_the_name_is_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    final, taken = tmp_path / "a.txt", tmp_path / "b.txt"
    atomic.place_files([(_temporary(final, "new"), final)], force=False)
    assert final.read_text(encoding="utf-8") == "new"
    taken.write_text("theirs", encoding="utf-8")
    temporary = _temporary(taken, "ours")
    with pytest.raises(atomic.TargetExists):
        atomic.place_files([(temporary, taken)], force=False)
    assert taken.read_text(encoding="utf-8") == "theirs"


def test_the_temporary_file_and_the_folder_are_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    final = tmp_path / "a.txt"
    temporary = _temporary(final, "text")
    assert len(synced) == 1
    atomic.place_files([(temporary, final)], force=False)
    assert len(synced) == 2

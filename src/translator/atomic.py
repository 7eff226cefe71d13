"""Putting exported files in place atomically, and never over a file that appeared meanwhile.

Each file is written to a temporary name in its final folder and flushed to disk; only when
every file of an export is written are they put in place. Without `force` a file is placed
with a hard link, which the kernel refuses if the name exists, so a file created by someone
else after our existence check is not replaced; with `force`, `os.replace` overwrites.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

# Filesystems without hard links (FAT, some network shares) answer with one of these.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV}


class TargetExists(FileExistsError):
    """A file to be placed already exists (it appeared after the existence check)."""


def write_temporary(final: Path, write: Callable[[Path], object]) -> Path:
    """Call `write` on a fresh temporary file beside `final`, flush it to disk, return it."""
    handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        _fsync_path(temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def place_files(written: Sequence[tuple[Path, Path]], force: bool) -> None:
    """Move every (temporary, final) pair into place; all or none when not forcing.

    Without `force`, TargetExists is raised if any final name exists by now; files this
    call already placed are removed again, so the folder is as it was. Temporary files are
    the caller's to remove (they are gone after a successful call).
    """
    placed: list[Path] = []
    try:
        for temporary, final in written:
            if force:
                os.replace(temporary, final)
            else:
                _place_exclusively(temporary, final)
            placed.append(final)
    except BaseException:
        if not force:
            for final in placed:
                final.unlink(missing_ok=True)
        raise
    for folder in {final.parent for _, final in written}:
        _fsync_folder(folder)


def _place_exclusively(temporary: Path, final: Path) -> None:
    try:
        os.link(temporary, final)
    except FileExistsError as error:
        raise TargetExists(errno.EEXIST, "already exists", str(final)) from error
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: claim the name exclusively, then replace the claim.
        try:
            os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError as exists:
            raise TargetExists(errno.EEXIST, "already exists", str(final)) from exists
        try:
            os.replace(temporary, final)
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        return
    temporary.unlink()


def _fsync_path(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the new names durable too; not possible everywhere (Windows), so best effort."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

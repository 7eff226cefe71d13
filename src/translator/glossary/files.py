"""File plumbing shared by the TBX and CSV formats: bounded reads, atomic writes, errors."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from translator.core.errors import InputFileError

MAX_GLOSSARY_BYTES = 50 * 1024 * 1024  # a term base this large is a mistake, not a glossary


class GlossaryFileError(InputFileError):
    """A glossary file cannot be read or written; names the file and, when known, the line."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(path, f"line {line}: {reason}" if line else reason)

    def __reduce__(self) -> tuple[type[InputFileError], tuple[Path, str]]:
        return (InputFileError, (self.path, self.reason))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, missing files and absurd sizes with one line."""
    try:
        if path.is_dir():
            raise GlossaryFileError(path, "is a folder, not a glossary file")
        size = path.stat().st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryFileError(path, f"too large for a glossary ({size // 1_048_576} MB)")
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise GlossaryFileError(path, "no such file") from error
    except OSError as error:
        raise GlossaryFileError(path, f"cannot read ({error.strerror})") from error
    if not data.strip():
        raise GlossaryFileError(path, "the file is empty")
    return data


def write_atomically(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename over `path`: a reader
    never sees half a file and a failed export leaves the old one untouched.

    Without `overwrite` the finished file is hard-linked into place, which fails if `path`
    exists by then, so a file that appeared meanwhile is not clobbered either.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise GlossaryFileError(path, f"cannot write ({error.strerror})") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _place_new(Path(temporary), path)
    except FileExistsError as error:
        Path(temporary).unlink(missing_ok=True)
        raise GlossaryFileError(path, "already exists; pass --force to overwrite") from error
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise GlossaryFileError(path, f"cannot write ({error.strerror})") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _place_new(temporary: Path, path: Path) -> None:
    """Move `temporary` to `path` only if `path` does not exist (FileExistsError if it does)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network or FAT file systems): check, then move
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    temporary.unlink()

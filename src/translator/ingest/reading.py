"""Read one source file from disk and decode it, refusing anything that is not usable text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from translator.core.errors import InputFileError
from translator.ingest.encoding import EncodingProblem, decode_bytes
from translator.ingest.paragraphs import normalise_space

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    name: str
    format: str
    text: str
    encoding: str
    sha256: str


def source_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputFileError(path, f"unsupported file type '{path.suffix or 'none'}' (use {known})")
    return fmt


def _size(count: int) -> str:
    """A byte count for a message: "1.5 MB", or exact bytes below a megabyte ("0 MB" misleads)."""
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{count} bytes"


def read_source(path: Path, max_bytes: int, encoding: str | None = None) -> SourceFile:
    """Validate and decode `path`; every failure is an InputFileError naming the file."""
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a file")
    if not path.is_file():
        raise InputFileError(path, "not a regular file")
    fmt = source_format(path)
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(path, "empty file")
    if size > max_bytes:
        raise InputFileError(
            path,
            f"too large ({_size(size)}; the limit is {_size(max_bytes)}, "
            "set import.max_file_mb in translator.toml)",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, f"cannot read ({error.strerror})") from error
    try:
        decoded = decode_bytes(data, encoding)
    except EncodingProblem as problem:
        raise InputFileError(path, str(problem)) from problem
    if not normalise_space(decoded.text):
        raise InputFileError(path, "no text (only white space)")
    return SourceFile(
        path=path,
        name=path.name,
        format=fmt,
        text=decoded.text,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )

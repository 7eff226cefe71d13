"""File names for per-document exports: a document name must never lead outside the folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\- ]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
MAX_STEM = 100


def document_file_name(document_name: str, target_lang: str, extension: str) -> str:
    """`statement.txt` -> `statement.en.md`: separators, dots at the start and controls go."""
    stem = Path(unicodedata.normalize("NFC", document_name).replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:MAX_STEM].strip(" ._")
    if not stem or _WINDOWS_RESERVED.match(stem):
        stem = f"document_{stem}"
    return f"{stem}.{target_lang}{extension}"


def inside_folder(path: Path, folder: Path) -> bool:
    """True when `path`, resolved (links followed), is directly inside `folder`."""
    return path.resolve().parent == folder.resolve()

"""Check stamps: what a paragraph's stored per-paragraph results were computed from.

A full run (`translator check`) stores, for every paragraph, a digest of everything its
paragraph findings, group entries and contributions depend on: the paragraph's texts,
languages, status, document, position, version and duplicate link, and the suite's
fingerprint (the check code, the kinds, each check's settings such as the glossary). The
next full run re-analyses only the paragraphs whose digest differs and takes the others'
results from the store, then redoes every project-wide check over all of them: after a few
saves a run costs the changed paragraphs, not the project (as `make` rebuilds what changed).

Why the stamp hashes content, not just the paragraph version: a text written behind the
store's back (a script, an older tool) still changes the digest, and a stale stamp can
never match new content, so reuse is never wrong, only sometimes missed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from translator.checks.base import Check, CheckUnit

# The code the per-paragraph results may depend on is all of the package but its two UI
# layers: any change there (an edit during development, an upgrade) makes every stamp stale.
_UI_PACKAGES = ("cli", "tui")
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "iuliia", "rapidfuzz")
_SEPARATOR = "\x1f"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Digest of the package's source (UI layers aside) and the versions of the libraries
    the checks use (about 10 ms, once per process)."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in _UI_PACKAGES:
            continue
        digest.update(relative.as_posix().encode())
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}={version}".encode())
    return digest.hexdigest()


def suite_fingerprint(checks: Iterable[Check]) -> str:
    """Digest of a suite: the code, and each check's kind and settings."""
    parts = [code_fingerprint()]
    parts += sorted(f"{check.kind}={check.settings_fingerprint()}" for check in checks)
    return hashlib.blake2b(_SEPARATOR.join(parts).encode(), digest_size=16).hexdigest()


def unit_stamp(unit: CheckUnit, suite: str) -> bytes:
    """The stamp of one paragraph under one suite fingerprint."""
    text = _SEPARATOR.join(
        (
            suite,
            str(unit.paragraph_id),
            str(unit.document_id),
            unit.document_name,
            str(unit.position),
            unit.source_lang,
            unit.target_lang,
            unit.source_text,
            unit.target_text,
            unit.status,
            str(unit.duplicate_of),
            str(unit.version),
        )
    )
    return hashlib.blake2b(text.encode(), digest_size=16).digest()

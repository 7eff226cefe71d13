"""Errors a user can act on. The CLI prints their message on one line and exits non-zero."""

from __future__ import annotations

from pathlib import Path


class TranslatorError(Exception):
    """Base for every error caused by user input or project state (never a bug)."""

    exit_code = 1


class ProjectNotFound(TranslatorError):
    """No translator.toml in the given folder or any folder above it."""


class ProjectConfigError(TranslatorError):
    """translator.toml exists but cannot be read or holds invalid settings."""


class InputFileError(TranslatorError):
    """A source file cannot be imported; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        shown = str(path).replace("\r", "\\r").replace("\n", "\\n")  # keep it one line
        super().__init__(f"{shown}: {reason}")

    def __reduce__(self) -> tuple[type[InputFileError], tuple[Path, str]]:
        """Picklable, so parsing in worker processes can report a bad file."""
        return (InputFileError, (self.path, self.reason))


class ImportRefused(TranslatorError):
    """One or more files of an import were bad, so nothing was imported."""

    def __init__(self, problems: list[InputFileError]) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems]
        lines.append(f"nothing imported: {len(problems)} file(s) refused")
        super().__init__("\n".join(lines))


class DocumentNotFound(TranslatorError):
    """A command named a document the project does not hold."""


class ParagraphConflict(TranslatorError):
    """A save named a paragraph version older than the stored one; nothing was written.

    Carries both texts so a UI can show them side by side and let the user choose or merge.
    """

    def __init__(
        self,
        paragraph_id: int,
        expected_version: int,
        stored_version: int,
        stored_target: str,
        attempted_target: str,
        stored_by: str | None,
    ) -> None:
        self.paragraph_id = paragraph_id
        self.expected_version = expected_version
        self.stored_version = stored_version
        self.stored_target = stored_target
        self.attempted_target = attempted_target
        self.stored_by = stored_by
        who = f" by {stored_by}" if stored_by else ""
        super().__init__(
            f"paragraph {paragraph_id} was changed{who} (version {stored_version}, "
            f"you edited version {expected_version}); your text was not saved"
        )


class SchemaError(TranslatorError):
    """The database was written by a newer translator or is not a translator database."""


class StoreUnavailable(TranslatorError):
    """The project database cannot be opened or written right now (locked, read-only, gone)."""


class NameNotRewritten(TranslatorError):
    """`translator resolve` would leave a reported variant spelling in some paragraph, so it
    wrote nothing (no rewrite, no glossary entry): calling the name resolved would be false.

    `left` is spelling -> where it stays ("case.txt ¶3"), for a UI to list.
    """

    def __init__(self, canonical: str, left: dict[str, list[str]]) -> None:
        self.canonical = canonical
        self.left = left
        places = "; ".join(f"{spelling} in {', '.join(where)}" for spelling, where in left.items())
        super().__init__(
            f"cannot rewrite every variant to '{canonical}': {places} would stay; nothing was "
            "changed: edit those paragraphs by hand, then run `translator resolve` again"
        )

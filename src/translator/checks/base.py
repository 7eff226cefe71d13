"""Check base classes. A check is one small class with a stable `kind`.

Paragraph checks look at one unit at a time (and are re-run after each save); project
checks (name variants, term consistency, duplicate mismatches) see every unit at once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from translator.core.findings import Finding, Severity


@dataclass(frozen=True)
class CheckUnit:
    """What checks see of a paragraph: both texts, the pair, and where it lives."""

    paragraph_id: int
    document_id: int
    document_name: str
    position: int
    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    status: str
    duplicate_of: int | None = None


class Check(ABC):
    """Common identity of every check."""

    kind: ClassVar[str]  # stable id, e.g. "number-mismatch"; never renamed once shipped
    name: ClassVar[str]  # short human name
    description: ClassVar[str]  # one line: what it catches and why it matters
    severity: ClassVar[Severity] = Severity.WARNING

    def finding(self, unit_ids: Sequence[int], message: str, **data: object) -> Finding:
        return Finding(self.kind, self.severity, message, tuple(unit_ids), data)


class ParagraphCheck(Check):
    """Looks at one unit; cheap enough to run after every save."""

    @abstractmethod
    def check(self, unit: CheckUnit) -> Iterable[Finding]: ...


class ProjectCheck(Check):
    """Looks at all units at once (a separate batch kind, like Weblate's consistency checks)."""

    @abstractmethod
    def check_project(self, units: Sequence[CheckUnit]) -> Iterable[Finding]: ...

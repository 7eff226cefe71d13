"""Findings: what a check reports about one paragraph or a group of paragraphs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """Ordered: an `error` blocks publishing pipelines (`translator check --fail-on error`)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Finding:
    """One problem. `kind` is the stable id of the check that found it ("number-mismatch").

    `paragraph_ids` lists every paragraph involved (one for paragraph checks, several for
    project-wide ones); `data` holds kind-specific details that must survive JSON
    (e.g. {"spellings": {"Aleksei Sokolov": 3}} for name variants).
    """

    kind: str
    severity: Severity
    message: str
    paragraph_ids: tuple[int, ...]
    data: Mapping[str, object] = field(default_factory=dict)
    id: int | None = None  # set once stored

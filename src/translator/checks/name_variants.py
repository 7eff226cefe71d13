"""name-variant: one person's or place's name spelt several ways (or misspelt) across the project.

A project check, because the question is about all paragraphs at once: "Dmitrii" in one
document and "Dmitry" in another are each fine alone. The work is done by
`translator.names.find_name_variants`; this class only turns its clusters into findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Self

from translator.checks.base import CheckContext, CheckUnit, ProjectCheck
from translator.core.findings import Finding, Severity
from translator.names import NameUnit, NameVariantCluster, find_name_variants


class NameVariantCheck(ProjectCheck):
    """One finding per cluster of spellings; an error for typos and for a linked entity."""

    kind = "name-variant"
    name = "Name variants"
    description = "A name is spelt several ways or misspelt (Dmitrii / Dmitry, Zhurravlev)."
    severity = Severity.WARNING

    def __init__(
        self, house_scheme: str = "wikipedia", preferred: Mapping[str, str] | None = None
    ) -> None:
        self.house_scheme = house_scheme
        self.preferred = dict(preferred or {})

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        return cls(house_scheme=context.house_scheme)

    def check_project(self, units: Sequence[CheckUnit]) -> Iterable[Finding]:
        name_units = [
            NameUnit(
                unit.paragraph_id,
                unit.source_lang,
                unit.source_text,
                unit.target_lang,
                unit.target_text,
            )
            for unit in units
            if unit.duplicate_of is None  # a duplicate would count its original's names twice
        ]
        clusters = find_name_variants(
            name_units, house_scheme=self.house_scheme, preferred=self.preferred
        )
        for cluster in clusters:
            yield self._finding(cluster)

    def _finding(self, cluster: NameVariantCluster) -> Finding:
        paragraphs = sorted(
            {pid for spelling in cluster.spellings for pid in spelling.paragraph_ids}
        )
        written = ", ".join(f"{s.text} ({s.count})" for s in cluster.spellings)
        what = "misspelt" if cluster.reason == "typo" else "spelt several ways"
        message = f"{cluster.entity}: {what}: {written}; use {cluster.canonical}"
        return Finding(
            self.kind,
            Severity.ERROR if cluster.severity == "error" else Severity.WARNING,
            message,
            tuple(paragraphs),
            {
                "spellings": cluster.counts(),
                "canonical": cluster.canonical,
                "source": cluster.source,
                "paragraphs_by_spelling": cluster.paragraphs_by_spelling(),
                "reason": cluster.reason,
                "entity": cluster.entity,
                "notes": {s.text: s.note for s in cluster.spellings if s.note},
            },
        )

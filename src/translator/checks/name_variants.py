"""name-variant: one person's or place's name spelt several ways (or misspelt) across the project.

A project check, because the question is about all paragraphs at once: "Dmitrii" in one
document and "Dmitry" in another are each fine alone. The work is done by
`translator.names`; this class only turns its clusters into findings.

It is a contribution check: each paragraph's contribution is its names (with the Russian
forms they are tied to), serialised, so a save that leaves a paragraph's names as they were
changes no finding, and one that changes them re-clusters the stored contributions only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Self

from translator.checks.base import CheckContext, CheckUnit, ContributionProjectCheck
from translator.core.findings import Finding, Severity
from translator.names import NameUnit, NameVariantCluster
from translator.names.cluster import (
    Contribution,
    NameItem,
    cluster_contributions,
    name_contribution,
)


class NameVariantCheck(ContributionProjectCheck):
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

    def contribution(self, unit: CheckUnit) -> str:
        if unit.duplicate_of is not None:
            return ""  # a duplicate would count its original's names twice
        items = name_contribution(
            NameUnit(
                unit.paragraph_id,
                unit.source_lang,
                unit.source_text,
                unit.target_lang,
                unit.target_text,
            )
        )
        return json.dumps(items, ensure_ascii=False, separators=(",", ":")) if items else ""

    def check_contributions(
        self, contributions: Sequence[tuple[str, Sequence[int]]]
    ) -> Iterable[Finding]:
        parsed: list[tuple[Contribution, Sequence[int]]] = [
            (tuple(NameItem(*item) for item in json.loads(text)), paragraph_ids)
            for text, paragraph_ids in contributions
        ]
        clusters = cluster_contributions(
            parsed, house_scheme=self.house_scheme, preferred=self.preferred
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

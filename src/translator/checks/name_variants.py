"""name-variant: one person's or place's name spelt several ways (or misspelt) across the project.

A project check, because the question is about all paragraphs at once: "Dmitrii" in one
document and "Dmitry" in another are each fine alone. The work is done by
`translator.names`; this class only turns its clusters into findings.

It is a contribution check: each paragraph's contribution is its names (with the Russian
forms they are tied to), serialised, so a save that leaves a paragraph's names as they were
changes no finding, and one that changes them re-clusters the stored contributions only.

The glossary's names (a `translator resolve` records the canonical spelling as preferred,
the variants as forbidden) decide the canonical spelling. That is a decision about a
cluster, not about a paragraph, so it is applied when clusters are built from the stored
contributions: a resolved name changes no stored contribution and none goes stale.

In an en->ru project the Russian targets are checked too (`translator.names.russian_target`):
one English source name («Zhuravlev») written several ways in the translation (Журавлев /
Журравлев, Алексей / Алексий) is a finding whose spellings are Russian nominatives, its
canonical the glossary's Russian rendering or the majority. Only en->ru pairs add those
items, so a ru->en paragraph's contribution is what it always was.

Finding data: `spellings` (spelling -> mentions; the canonical is always one of them, with
count 0 and the note "suggested" when no paragraph writes it yet), `canonical`, `source`
(the Russian form the spellings were tied to, or None; for a Russian-target finding the
English source spelling), `paragraphs_by_spelling`, `reason` ("typo" or "transliteration
variant"; "spelling variant" for a Russian target), `entity` (a display label; for a
Russian target "Журавлев (Zhuravlev)") and `notes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Self

from translator.checks.base import CheckContext, CheckUnit, ContributionProjectCheck
from translator.core.errors import ProjectConfigError
from translator.core.findings import Finding, Severity
from translator.glossary.model import Glossary, TermStatus
from translator.names import NameVariantCluster
from translator.names.cluster import (
    cluster_contributions,
    contribution_json,
    text_sides,
)
from translator.names.keys import latin_key
from translator.names.model import Contribution, NameItem
from translator.names.renderings import SCHEMES
from translator.names.russian_target import first_key


class NameVariantCheck(ContributionProjectCheck):
    """One finding per cluster of spellings; an error for typos and for a linked entity."""

    kind = "name-variant"
    name = "Name variants"
    description = "A name is spelt several ways or misspelt (Dmitrii / Dmitry, Zhurravlev)."
    severity = Severity.WARNING

    def __init__(
        self,
        house_scheme: str = "wikipedia",
        preferred: Mapping[str, str] | None = None,
        russian_preferred: Mapping[str, str] | None = None,
    ) -> None:
        self.house_scheme = house_scheme
        self.preferred = dict(preferred or {})
        self.russian_preferred = dict(russian_preferred or {})

    @classmethod
    def from_context(cls, context: CheckContext) -> Self:
        scheme = context.house_scheme
        if scheme.lower() not in SCHEMES:
            where = context.project.config_path if context.project else "translator.toml"
            raise ProjectConfigError(
                f"{where}: house_style.transliteration: unknown scheme {scheme!r} "
                f"(use one of: {', '.join(sorted(SCHEMES))})"
            )
        english, russian = _glossary_names(context)
        return cls(house_scheme=scheme, preferred=english, russian_preferred=russian)

    def contribution(self, unit: CheckUnit) -> str:
        if unit.duplicate_of is not None:
            return ""  # a duplicate would count its original's names twice
        english, russian = text_sides(
            unit.source_lang, unit.source_text, unit.target_lang, unit.target_text
        )
        russian_target = unit.source_lang == "en" and unit.target_lang == "ru"
        return contribution_json(english, russian, russian_target)

    def check_contributions(
        self, contributions: Sequence[tuple[str, Sequence[int]]]
    ) -> Iterable[Finding]:
        parsed: list[tuple[Contribution, Sequence[int]]] = [
            (tuple(NameItem(*item) for item in json.loads(text)), paragraph_ids)
            for text, paragraph_ids in contributions
        ]
        clusters = cluster_contributions(
            parsed,
            house_scheme=self.house_scheme,
            preferred=self.preferred,
            russian_preferred=self.russian_preferred,
        )
        for cluster in clusters:
            yield self._finding(cluster)

    def _finding(self, cluster: NameVariantCluster) -> Finding:
        paragraphs = sorted(
            {pid for spelling in cluster.spellings for pid in spelling.paragraph_ids}
        )
        written = ", ".join(f"{s.text} ({s.count})" for s in cluster.spellings if s.count)
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


_NAMES_CACHE: dict[str, tuple[dict[str, str], dict[str, str]]] = {}


def _glossary_names(context: CheckContext) -> tuple[dict[str, str], dict[str, str]]:
    """Every English spelling of a name in the project glossary -> its preferred spelling,
    and the glossary's Russian names (see `preferred_russian_names`)."""
    if context.store is None:
        return {}, {}
    # Imported here: services import the check registry, so a module-level import would cycle.
    from translator.services import glossary as glossary_service

    index = glossary_service.project_index(context.project, context.store)
    names = _NAMES_CACHE.get(index.fingerprint)
    if names is None:
        _NAMES_CACHE.clear()
        names = _NAMES_CACHE[index.fingerprint] = (
            preferred_names(index.glossary),
            preferred_russian_names(index.glossary),
        )
    return names


def preferred_names(glossary: Glossary) -> dict[str, str]:
    """Spelling -> preferred spelling for the glossary's names: concepts `translator resolve`
    made ("name:..."), and concepts whose preferred English term is a proper noun."""
    names: dict[str, str] = {}
    for concept in glossary.concepts:
        english = concept.terms_in("en")
        preferred = concept.preferred("en")
        if preferred is None:
            continue
        if not (concept.key.startswith("name:") or preferred.is_proper_name):
            continue
        for term in english:
            names.setdefault(term.text, preferred.text)
    return names


def preferred_russian_names(glossary: Glossary) -> dict[str, str]:
    """Word by word, the Russian spelling to use for a name in a Russian target:
    "en:<latin key>" for each word of an English term and "ru:<lower-case word>" for each
    word of a Russian term (a forbidden variant included) -> the word of the preferred
    Russian term in the same place. Concepts `translator resolve` made ("name:...") and
    concepts whose preferred Russian or English term is a proper noun count."""
    names: dict[str, str] = {}
    for concept in glossary.concepts:
        preferred = concept.preferred("ru")
        if preferred is None:
            continue
        english_preferred = [t for t in concept.terms_in("en") if t.status is TermStatus.PREFERRED]
        proper = preferred.is_proper_name or any(t.is_proper_name for t in english_preferred)
        if not (concept.key.startswith("name:") or proper):
            continue
        chosen = preferred.text.split()
        for term in concept.terms:
            words = term.text.split()
            if len(words) != len(chosen) or term.lang not in ("en", "ru"):
                continue
            for word, right in zip(words, chosen, strict=True):
                key = f"en:{latin_key(word)}" if term.lang == "en" else f"ru:{first_key(word)}"
                names.setdefault(key, right)
    return names

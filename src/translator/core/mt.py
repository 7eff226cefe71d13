"""The machine-translation contract between the MT pipeline and the glossary's term guard.

Plain protocols and data only: the Argos/CTranslate2 engine lives in translator.mt, the
glossary's implementation of `TermGuard` in translator.glossary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class TranslationEngine(Protocol):
    """Translates sentences; `model_id` keys the cache (same id => same outputs)."""

    @property
    def model_id(self) -> str: ...

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        """One translation per sentence, in order."""
        ...


@dataclass(frozen=True)
class ProtectedTerm:
    """A glossary match replaced by `marker` before MT; `target` is the required rendering."""

    marker: str
    source: str
    target: str
    concept_id: str


@dataclass(frozen=True)
class ProtectedSentence:
    """The text the model sees (`text`) and what to put back after translation."""

    original: str
    text: str
    terms: tuple[ProtectedTerm, ...] = ()


@dataclass(frozen=True)
class RestoredSentence:
    """A translation with the required renderings in place; `problems` flag it for review
    (a marker the model dropped or garbled, a term inserted in its dictionary form)."""

    text: str
    problems: tuple[str, ...] = ()


class TermGuard(Protocol):
    """Protects glossary terms through MT and puts the required renderings back."""

    @property
    def fingerprint(self) -> str:
        """Changes whenever the glossary changes, so cached MT made under another glossary
        is not reused."""
        ...

    def protect(self, sentence: str, source_lang: str, target_lang: str) -> ProtectedSentence: ...

    def restore(self, translation: str, protected: ProtectedSentence) -> RestoredSentence: ...

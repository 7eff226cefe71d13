"""Finding glossary terms in text: a compiled index of word-key tries, one per language.

Russian words are keyed by lemma (every inflected form matches), English words by a
case-, plural- and possessive-free key. Keys are cached per word form, so after warm-up a
sentence costs a tokenisation, one dict lookup per token and a walk down the trie.
Overlaps are resolved deterministically: longest span, then earliest, then best status,
then concept key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

from translator.glossary.model import Concept, Glossary, Term, TermStatus
from translator.glossary.morphology import is_abbreviation, word_key
from translator.glossary.patterns import ArticleRef, ArticleStyle, PatternValue, find_patterns

TOKEN = re.compile(r"[^\W_]+(?:[-‑'’][^\W_]+)*['’]?|[^\w\s]")
# Quotes are transparent: «„нежелательная“ организация» is the term «нежелательная организация».
QUOTES = frozenset("«»\"“”„‘’'‹›")
MAX_READINGS = 32  # lemma combinations per term; beyond that a term is keyed by its first ones
_END = ""  # trie key holding the entries that end at a node (no word key is empty)
_RANK = {status: rank for rank, status in enumerate(TermStatus)}  # TermStatus.rank, cached
_WORD_SURFACES = re.compile(r"[^\W_]+(?:[-‑'’][^\W_]+)*['’]?")  # TOKEN's words


class TermMatch(NamedTuple):
    """One occurrence: a glossary term (`term`) or a pattern (`pattern`) at [start, end).

    A NamedTuple, not a frozen dataclass: matching creates millions; this is 3x cheaper."""

    start: int
    end: int
    text: str
    concept: str
    lang: str
    term: Term | None = None
    pattern: PatternValue | None = None

    @property
    def status(self) -> TermStatus:
        return self.term.status if self.term is not None else TermStatus.PREFERRED

    @property
    def rank(self) -> int:
        return _RANK[self.term.status] if self.term is not None else 0


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: str
    term: Term
    capitals: tuple[bool, ...]  # per word: must the text word start with a capital?


_HYPHEN = re.compile(r"[-‑]")


def tokenize(text: str, lang: str = "ru") -> list[tuple[int, int, str]]:
    """Words (hyphens and apostrophes inside) and single punctuation marks; quotes dropped.

    English hyphenated words are split ("strict-regime" = "strict regime"), since English
    spells compounds both ways; Russian ones stay whole («колония-поселение» is one lemma).
    """
    if lang != "en" or ("-" not in text and "‑" not in text):
        return [
            (m.start(), m.end(), surface)
            for m in TOKEN.finditer(text)
            if (surface := m.group()) not in QUOTES
        ]
    tokens = []
    for m in TOKEN.finditer(text):
        surface = m.group()
        if surface in QUOTES:
            continue
        if "-" in surface or "‑" in surface:
            offset = m.start()
            for part in _HYPHEN.split(surface):
                tokens.append((offset, offset + len(part), part))
                offset += len(part) + 1
            continue
        tokens.append((m.start(), m.end(), surface))
    return tokens


def _compatible(found: PatternValue, wanted: PatternValue) -> bool:
    """Same reference, allowing one side to leave the code unsaid («статьи 275»)."""
    if isinstance(found, ArticleRef) and isinstance(wanted, ArticleRef):
        return (
            found.article == wanted.article
            and found.part == wanted.part
            and found.paragraph == wanted.paragraph
            and (found.code == wanted.code or found.code is None or wanted.code is None)
        )
    return found == wanted


class GlossaryIndex:
    """A glossary compiled for matching; build once per glossary version, reuse everywhere."""

    def __init__(self, glossary: Glossary, article_style: ArticleStyle = ArticleStyle.LONG):
        self.glossary = glossary
        self.article_style = article_style
        self.fingerprint = glossary.fingerprint(extra=(f"article_style={article_style.value}",))
        self._concepts = {concept.key: concept for concept in glossary.concepts}
        self._tries: dict[str, dict[str, object]] = {"ru": {}, "en": {}}
        self._keys: dict[str, dict[str, tuple[str, ...]]] = {"ru": {}, "en": {}}
        self._starts: dict[str, dict[str, tuple[tuple[str, ...], list[dict[str, object]]]]] = {
            "ru": {},
            "en": {},
        }
        for concept in glossary.concepts:
            for term in concept.terms:
                if term.lang in self._tries:
                    self._insert(concept, term)
        # Per surface form: whether it can start any term / a forbidden one. A text none of
        # whose words can start a term skips tokenising and the trie walk altogether.
        self._can_start: dict[str, dict[str, tuple[bool, bool]]] = {"ru": {}, "en": {}}
        self._forbidden_roots = {
            lang: frozenset(key for key, node in trie.items() if _holds_forbidden(node))  # type: ignore[arg-type]
            for lang, trie in self._tries.items()
        }
        self._renderings: dict[tuple[str, Term | None, object, str], str | None] = {}
        self._last_found: tuple[str, str, list[TermMatch]] | None = None
        self._word_initial: dict[str, bool] = {}  # lang -> every term starts with a word

    # -- building --------------------------------------------------------------------
    def _insert(self, concept: Concept, term: Term) -> None:
        words = [surface for _, _, surface in tokenize(term.text, term.lang)]
        if not words:
            return
        capitals = tuple(
            (term.is_proper_name or is_abbreviation(word)) and word[:1].isupper() for word in words
        )
        entry = _Entry(concept.key, term, capitals)
        readings = [self._word_keys(word, term.lang) for word in words]
        for count, path in enumerate(product(*readings)):
            if count >= MAX_READINGS:
                break
            node = self._tries[term.lang]
            for key in path:
                node = node.setdefault(key, {})  # type: ignore[assignment]
            entries = node.setdefault(_END, [])
            assert isinstance(entries, list)
            if entry not in entries:
                entries.append(entry)

    def _word_keys(self, word: str, lang: str) -> tuple[str, ...]:
        cache = self._keys[lang]
        keys = cache.get(word)
        if keys is None:
            keys = cache[word] = word_key(word, lang)
        return keys

    # -- lookup ----------------------------------------------------------------------
    def concept(self, key: str) -> Concept | None:
        return self._concepts.get(key)

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping matches in order of position (see the module docstring)."""
        last = self._last_found  # the term checks ask twice about one target in a row
        if last is not None and last[0] == text and last[1] == lang:
            return list(last[2])
        candidates = self._term_candidates(text, lang) if self._may_start(text, lang) else []
        for found in find_patterns(text, lang):
            candidates.append(
                TermMatch(
                    found.start,
                    found.end,
                    text[found.start : found.end],
                    found.concept,
                    lang,
                    pattern=found.value,
                )
            )
        if len(candidates) > 1:
            candidates = _resolve_overlaps(candidates)
        self._last_found = (text, lang, candidates)
        return list(candidates)

    def _starts_of(self, surface: str, lang: str) -> tuple[bool, bool]:
        """(can start a term, can start a forbidden term) for one surface word."""
        known = self._can_start[lang].get(surface)
        if known is None:
            parts = _HYPHEN.split(surface) if lang == "en" else [surface]
            trie = self._tries[lang]
            forbidden = self._forbidden_roots[lang]
            keys = [key for part in parts for key in self._word_keys(part, lang)]
            known = (
                any(key in trie for key in keys),
                any(key in forbidden for key in keys),
            )
            self._can_start[lang][surface] = known
        return known

    def _may_start(self, text: str, lang: str, forbidden_only: bool = False) -> bool:
        trie = self._tries.get(lang)
        if not trie:
            return False
        if lang not in self._word_initial:
            self._word_initial[lang] = all(_WORD_SURFACES.match(key) for key in trie)
        if not self._word_initial[lang]:
            return True  # a term starts with a mark ("№ ..."): words alone cannot tell
        which = 1 if forbidden_only else 0
        cache = self._can_start[lang]
        for surface in _WORD_SURFACES.findall(text):
            known = cache.get(surface)
            if known is None:
                known = self._starts_of(surface, lang)
            if known[which]:
                return True
        return False

    def may_hold_forbidden(self, text: str, lang: str) -> bool:
        """False when no word of `text` can start a forbidden term (most texts): then
        `find` would return no forbidden match, and need not run."""
        return self._may_start(text, lang, forbidden_only=True)

    def _term_candidates(self, text: str, lang: str) -> list[TermMatch]:
        trie = self._tries.get(lang)
        if not trie:
            return []
        tokens = tokenize(text, lang)
        # Per word form: its keys and the trie nodes it can start a term at (the trie is
        # fixed once built, so both are cached; most words start nothing and cost one lookup).
        cache = self._starts[lang]
        keys: list[tuple[str, ...]] = []
        starts: list[list[dict[str, object]]] = []
        for _, _, surface in tokens:
            entry = cache.get(surface)
            if entry is None:
                word_keys = self._word_keys(surface, lang)
                roots: list[dict[str, object]] = [
                    child  # type: ignore[misc]
                    for key in word_keys
                    if (child := trie.get(key)) is not None
                ]
                entry = cache[surface] = (word_keys, roots)
            keys.append(entry[0])
            starts.append(entry[1])
        matches: list[TermMatch] = []
        count = len(tokens)
        for first in range(count):
            nodes = starts[first]
            last = first
            while nodes:
                for node in nodes:
                    entries = node.get(_END)
                    if entries:
                        matches.extend(self._accept(entries, tokens, first, last, text, lang))  # type: ignore[arg-type]
                last += 1
                if last >= count:
                    break
                nodes = [
                    child  # type: ignore[misc]
                    for node in nodes
                    for key in keys[last]
                    if (child := node.get(key)) is not None
                ]
        return matches

    @staticmethod
    def _accept(
        entries: list[_Entry],
        tokens: list[tuple[int, int, str]],
        first: int,
        last: int,
        text: str,
        lang: str,
    ) -> Iterable[TermMatch]:
        start, end = tokens[first][0], tokens[last][1]
        for entry in entries:
            if any(
                wanted and not tokens[first + offset][2][:1].isupper()
                for offset, wanted in enumerate(entry.capitals)
            ):
                continue
            yield TermMatch(start, end, text[start:end], entry.concept, lang, term=entry.term)

    # -- renderings ------------------------------------------------------------------
    def rendering(self, match: TermMatch, target_lang: str) -> str | None:
        """The required target rendering of a match (house style for article references)."""
        key = (match.concept, match.term, match.pattern, target_lang)
        if key in self._renderings:
            return self._renderings[key]
        rendered: str | None
        if match.pattern is not None:
            rendered = match.pattern.render(target_lang, self.article_style)
        else:
            term = self.rendering_term(match, target_lang)
            rendered = term.text if term else None
        self._renderings[key] = rendered
        return rendered

    def rendering_term(self, match: TermMatch, target_lang: str) -> Term | None:
        """The concept's target rendering; an abbreviation renders as the target's accepted
        abbreviation when it has one («ОНК» -> "ONK", not the spelled-out name)."""
        concept = self._concepts.get(match.concept)
        if concept is None or match.pattern is not None:
            return None
        if match.term is not None and is_abbreviation(match.term.text):
            short = [t for t in concept.accepted(target_lang) if is_abbreviation(t.text)]
            if short:
                return min(short, key=lambda term: term.status.rank)
        return concept.rendering(target_lang)

    def satisfied_by(self, source: TermMatch, target_matches: Iterable[TermMatch]) -> bool:
        """Whether a target text (its matches) holds an accepted rendering of `source`."""
        for found in target_matches:
            if found.concept != source.concept:
                continue
            if source.pattern is not None and found.pattern is not None:
                if _compatible(found.pattern, source.pattern):
                    return True
            elif found.term is not None and found.term.status is not TermStatus.FORBIDDEN:
                return True
        return False


def _resolve_overlaps(candidates: list[TermMatch]) -> list[TermMatch]:
    ranked = sorted(
        candidates,
        key=lambda m: (-(m.end - m.start), m.start, m.rank, m.concept, m.term is None),
    )
    chosen: list[TermMatch] = []
    for match in ranked:
        if all(match.end <= kept.start or match.start >= kept.end for kept in chosen):
            chosen.append(match)
    chosen.sort(key=lambda m: m.start)
    return chosen


def _holds_forbidden(node: dict[str, object]) -> bool:
    """Whether a trie node or any node below it ends a forbidden term."""
    for key, child in node.items():
        if key == _END:
            entries: list[_Entry] = child  # type: ignore[assignment]
            if any(entry.term.status is TermStatus.FORBIDDEN for entry in entries):
                return True
        elif _holds_forbidden(child):  # type: ignore[arg-type]
            return True
    return False

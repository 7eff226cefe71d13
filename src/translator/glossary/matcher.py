"""Finding glossary terms in text: a compiled index of word-key tries, one per language.

Russian words are keyed by lemma (every inflected form matches), English words by a
case-, plural- and possessive-free key (and the terms of verb concepts by their -s, -ed,
-ing forms too). Keys are cached per word form. A text is first scanned by one compiled
regex for the places a term can start (a trie-shaped alternation of the stems of every
term's first word, run in C); only there is it tokenised and walked down the trie, so a
paragraph costs one regex scan plus a few dictionary lookups per term-like word.
`candidates` gives every occurrence, nested ones included (a target holding «строгого
режима» inside "strict-regime colonies" renders both); `find` resolves overlaps
deterministically: longest span, then earliest, then best status, then concept key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from operator import itemgetter
from typing import Any, NamedTuple

from translator.glossary.model import Concept, Glossary, Term, TermStatus
from translator.glossary.morphology import english_verb_forms, is_abbreviation, word_key
from translator.glossary.patterns import (
    ArticleRef,
    ArticleStyle,
    ColonyRef,
    PatternValue,
    find_patterns,
)
from translator.glossary.start_scan import SCAN_ALL, StartScan, start_regex
from translator.glossary.term_relations import (
    abbreviation_containment,
    context_terms,
    institution_concepts,
)

TOKEN = re.compile(r"[^\W_]+(?:[-‑'’][^\W_]+)*['’]?|[^\w\s]")
# Quotes are transparent: «„нежелательная“ организация» is the term «нежелательная организация».
QUOTES = frozenset("«»\"“”„‘’'‹›")
MAX_READINGS = 32  # lemma combinations per term; beyond that a term is keyed by its first ones
_UNKNOWN = object()  # a cache's "not computed yet"
_END = "\x00"  # trie key holding the entries that end at a node (no word key holds NUL)
_RANK = {status: rank for rank, status in enumerate(TermStatus)}  # TermStatus.rank, cached
_START_AT, _END_AT = itemgetter(0), itemgetter(1)  # TermMatch.start, .end, read in C
_WORD_SURFACES = re.compile(r"[^\W_]+(?:[-‑'’][^\W_]+)*['’]?")  # TOKEN's words
_WORD_CHAR = re.compile(r"[^\W_]")
_MAY_HOLD_PATTERN = re.compile(r"\d|ЛИУ|LIU")  # what glossary.patterns can match at all
_MEMO_SIZE = 16  # texts whose matches are kept: the checks of one unit ask about its texts
_STEPS_SIZE = 200_000  # walk steps kept (see GlossaryIndex._step)


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


# TermMatch(*fields) without its Python-level __new__ (fields all given, in order): the
# matcher's inner loop builds hundreds of thousands of matches.
_new_match: Callable[[type[TermMatch], tuple[Any, ...]], TermMatch] = tuple.__new__


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: str
    term: Term
    capitals: tuple[bool, ...]  # per word: must the text word start with a capital? () if none


# A walk step's terms (concept, term) and the trie nodes a longer term goes on from.
_Step = tuple[tuple[tuple[str, "Term"], ...], list[dict[str, object]]]


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


# The next token after a position: spaces and quotes are skipped (quotes are transparent).
_EN_TOKEN = r"[^\W_]+(?:['’][^\W_]+)*['’]?|[^\w\s]"  # TOKEN less in-word hyphens
# The next token after a position: spaces and quotes are skipped (quotes are transparent);
# in English a hyphen inside a word only separates its parts ("pre-trial" = "pre trial").
_SKIP = {
    "ru": r"(?:\s|[«»\"“”„‘’'‹›])*",
    "en": r"(?:\s|[«»\"“”„‘’'‹›]|(?<=[^\W_])[-‑](?=[^\W_]))*",
}
_NEXT_TOKEN = {
    "ru": re.compile(_SKIP["ru"] + "(" + TOKEN.pattern + ")"),
    "en": re.compile(_SKIP["en"] + "(" + _EN_TOKEN + ")"),
}


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
        # What a check's results depend on: every field of every term (a context mark
        # changes what term-missing requires), not just what MT output depends on.
        self.content_fingerprint = glossary.content_fingerprint(
            extra=(f"article_style={article_style.value}",)
        )
        self._concepts = {concept.key: concept for concept in glossary.concepts}
        self._tries: dict[str, dict[str, object]] = {"ru": {}, "en": {}}
        self._keys: dict[str, dict[str, tuple[str, ...]]] = {"ru": {}, "en": {}}
        self._starts: dict[str, dict[str, list[dict[str, object]]]] = {"ru": {}, "en": {}}
        self._starts_info: dict[
            str, dict[str, tuple[tuple[tuple[Any, ...], ...], list[dict[str, object]]]]
        ] = {"ru": {}, "en": {}}
        for concept in glossary.concepts:
            verbal = any(term.pos == "verb" for term in concept.terms)
            for term in concept.terms:
                if term.lang in self._tries:
                    self._insert(concept, term, verbal)
        # Per the words of a walk so far (two or more): what the last one leads to.
        self._steps: dict[str, dict[tuple[str, ...], _Step]] = {"ru": {}, "en": {}}
        # Per surface form: whether it can start any term / a forbidden one.
        self._can_start: dict[str, dict[str, tuple[bool, bool]]] = {"ru": {}, "en": {}}
        self._forbidden_roots = {
            lang: frozenset(key for key, node in trie.items() if _holds_forbidden(node))  # type: ignore[arg-type]
            for lang, trie in self._tries.items()
        }
        self._start_scan = {
            lang: start_regex((k for k in trie if k != _END), lang, _NEXT_TOKEN[lang].pattern)
            for lang, trie in self._tries.items()
        }
        self._forbidden_scan = {
            lang: start_regex(roots, lang, _NEXT_TOKEN[lang].pattern)
            for lang, roots in self._forbidden_roots.items()
        }
        self._renderings: dict[tuple[str, Term | None, object, str], str | None] = {}
        self._memo: dict[tuple[str, str], list[Any]] = {}
        self._context_dependent = context_terms(glossary)
        self._institutions = institution_concepts(glossary)
        self._institution_keys = frozenset(k for keys in self._institutions.values() for k in keys)
        self._contains = abbreviation_containment(glossary)
        related: dict[str, set[str]] = {}
        for holder, held in self._contains:
            related.setdefault(holder, set()).add(held)
        self._related = {key: frozenset(others) for key, others in related.items()}
        # The concepts a target may render by more than their own terms: related concepts,
        # and whether a numbered institution renders it (see `widening`).
        self._widening = {
            key: (self.related_concepts(key), key in self._institution_keys)
            for key in (*self._related, *self._institution_keys)
        }
        self._required: dict[tuple[str, int, str], str | None] = {}

    # -- building --------------------------------------------------------------------
    def _insert(self, concept: Concept, term: Term, verbal: bool) -> None:
        words = [surface for _, _, surface in tokenize(term.text, term.lang)]
        if not words:
            return
        capitals = tuple(
            (term.is_proper_name or is_abbreviation(word)) and word[:1].isupper() for word in words
        )
        if not any(capitals):
            capitals = ()  # nothing to check: the walk skips the test
        entry = _Entry(concept.key, term, capitals)
        readings = [self._word_keys(word, term.lang) for word in words]
        if term.lang == "en" and (verbal or term.pos == "verb") and words[0].isalpha():
            # "transfer under escort" of a verb concept (этапировать) is also "transferred
            # under escort": the first word takes the verb's forms.
            forms = english_verb_forms(words[0])
            readings[0] = tuple(dict.fromkeys(k for f in forms for k in word_key(f, "en")))
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
        return list(self._found(self._analysed(text, lang), text, lang))

    def find_and_terms(
        self, text: str, lang: str
    ) -> tuple[Sequence[TermMatch], Sequence[TermMatch]]:
        """`find(text)` and `candidates(text, patterns=False)` from one lookup, as the
        remembered lists themselves (no copies): for callers that only read them."""
        memo = self._analysed(text, lang)
        return self._found(memo, text, lang), memo[0]

    def candidates_view(self, text: str, lang: str, patterns: bool) -> Sequence[TermMatch]:
        """`candidates`, possibly a remembered list itself (no copy): only to be read."""
        return self._candidates(self._analysed(text, lang), text, lang, patterns)

    def _found(self, memo: list[Any], text: str, lang: str) -> list[TermMatch]:
        if memo[2] is None:
            found = self._candidates(memo, text, lang, True)
            memo[2] = _resolve_overlaps(found) if len(found) > 1 else found
        return memo[2]  # type: ignore[no-any-return]

    def find_terms(self, text: str, lang: str) -> list[TermMatch]:
        """`find` without article and institution patterns (which are never forbidden)."""
        memo = self._analysed(text, lang)
        if memo[3] is None:
            found = memo[0]
            memo[3] = _resolve_overlaps(found) if len(found) > 1 else found
        return list(memo[3])

    def candidates(self, text: str, lang: str, patterns: bool = True) -> list[TermMatch]:
        """Every term (and, with `patterns`, pattern) occurrence, nested and overlapping ones
        included, by position. A target renders a concept if any of these is one of its terms."""
        return list(self._candidates(self._analysed(text, lang), text, lang, patterns))

    def _candidates(self, memo: list[Any], text: str, lang: str, patterns: bool) -> list[TermMatch]:
        """The candidates of a text from its memo entry: the entry's own list (never changed
        once made, and never to be) or a new one."""
        if not patterns:
            return memo[0]  # type: ignore[no-any-return]
        if memo[1] is None and not _MAY_HOLD_PATTERN.search(text):
            memo[1] = []  # every reference and numbered institution has a number
        if memo[1] is None:
            memo[1] = [
                TermMatch(
                    found.start,
                    found.end,
                    text[found.start : found.end],
                    found.concept,
                    lang,
                    pattern=found.value,
                )
                for found in find_patterns(text, lang)
            ]
        if not memo[1]:
            return memo[0]  # type: ignore[no-any-return]
        found: list[TermMatch] = memo[0] + memo[1]
        _sort_by_position(found)
        return found

    def _analysed(self, text: str, lang: str) -> list[Any]:
        """[term candidates, pattern candidates, resolved, resolved terms] of one text, the
        last three filled when first asked for; kept for the next questions about the text
        (the term checks of one paragraph ask about the same two texts)."""
        memo = self._memo
        known = memo.get((text, lang))
        if known is not None:
            return known
        terms = self._term_candidates(text, lang)
        if len(terms) > 1:
            _sort_by_position(terms)
        if len(memo) >= _MEMO_SIZE:
            del memo[next(iter(memo))]
        entry: list[Any] = [terms, None, None, None]
        memo[(text, lang)] = entry
        return entry

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

    def forbidden_in(self, text: str, lang: str) -> list[TermMatch]:
        """The forbidden terms among `find_terms(text)`, cheaply when there are none: from
        the remembered candidates if the text was matched already, else after a regex
        prefilter (most texts hold no word that starts a forbidden term)."""
        memo = self._memo.get((text, lang))
        if memo is None and not self._holds_forbidden_candidate(text, lang):
            return []
        candidates = (memo or self._analysed(text, lang))[0]
        if not any(
            m.term is not None and m.term.status is TermStatus.FORBIDDEN for m in candidates
        ):
            return []
        return [
            m
            for m in self.find_terms(text, lang)
            if m.term is not None and m.term.status is TermStatus.FORBIDDEN
        ]

    def _holds_forbidden_candidate(self, text: str, lang: str) -> bool:
        """Whether a forbidden term is among the text's term candidates, walking only from
        the words that can start one (most texts have none, or one or two).

        Exact: a candidate is walked from the word it starts at, and the walk from a word
        depends on that word and the text after it alone, so walking from a subset of the
        start scan's hits gives the candidates starting there, as the full walk does. A
        forbidden term starts at a word that can start one; the forbidden scan stops at
        every such word (it never misses a start, see start_scan), and where it stops the
        start scan stops too, with the same word and next token: the same pattern over a
        superset of stems (both match whole words, so neither can stop inside the other's
        hit)."""
        scan = self._forbidden_scan.get(lang)
        if scan is None:
            return False
        if scan is SCAN_ALL or self._start_scan.get(lang) is SCAN_ALL:
            return self.may_hold_forbidden(text, lang)
        found: list[TermMatch] = []
        self._walk_hits(text, lang, scan, found, forbidden_only=True)
        return any(m.term is not None and m.term.status is TermStatus.FORBIDDEN for m in found)

    def may_hold_forbidden(self, text: str, lang: str) -> bool:
        """False when no word of `text` can start a forbidden term (most texts): then
        `find` would return no forbidden match, and need not run."""
        scan = self._forbidden_scan.get(lang)
        if scan is None:
            return False
        if scan is SCAN_ALL:
            surfaces: Iterable[str] = _WORD_SURFACES.findall(text)
        else:
            # Only the words the scan stops at can start a forbidden term (it never misses
            # a start, see start_scan): look those up, not every word of the text.
            surfaces = (text[hit.start(1) : hit.end(1)] for hit in scan.hits(text))
        return any(self._starts_of(surface, lang)[1] for surface in surfaces)

    def _term_candidates(self, text: str, lang: str) -> list[TermMatch]:
        """Term occurrences, walked from the words the start regex finds (which also hands
        over the word after each, so a two-word walk needs no second regex call).

        The hot loop of the checks (several hits per paragraph): per hit it does one
        cached lookup of the word, appends its one-word terms ready-made, and takes the
        second word of a walk inline; only walks that go on past it call `_walk`."""
        scan = self._start_scan.get(lang)
        if scan is None:
            return []
        if scan is SCAN_ALL:
            return self.full_scan(text, lang)
        matches: list[TermMatch] = []
        self._walk_hits(text, lang, scan, matches)
        return matches

    def _walk_hits(
        self,
        text: str,
        lang: str,
        scan: StartScan,
        matches: list[TermMatch],
        forbidden_only: bool = False,
    ) -> None:
        """The terms starting at the words `scan` stops at (only at the words that can
        start a forbidden term with `forbidden_only`), added to `matches` in text order."""
        append = matches.append
        cache = self._starts_info[lang]
        steps = self._steps[lang]
        for hit in scan.hits(text):
            start, end = hit.span(1)
            surface = text[start:end]
            if forbidden_only and not self._starts_of(surface, lang)[1]:
                continue
            known = cache.get(surface)
            if known is None:
                known = self._start_info(surface, lang)
            ones, deeper = known
            for tail in ones:
                append(_new_match(TermMatch, (start, end, *tail)))
            if not deeper:
                continue
            following, following_end = hit.span(2)
            if following < 0:
                continue
            words = (surface, text[following:following_end])
            step = steps.get(words)
            if step is None:
                step = self._step(words, deeper, lang)
            tails, nodes = step
            if tails:
                found = text[start:following_end]
                for concept, term in tails:
                    append(
                        _new_match(
                            TermMatch, (start, following_end, found, concept, lang, term, None)
                        )
                    )
            if nodes:  # a longer term may follow: only then is the next token looked for
                self._walk(text, lang, start, following_end, words, nodes, matches)

    def _walk(
        self,
        text: str,
        lang: str,
        start: int,
        end: int,
        words: tuple[str, ...],
        nodes: list[dict[str, object]],
        matches: list[TermMatch],
    ) -> None:
        """Terms longer than `words` (the tokens from `start` to `end`, their own terms
        emitted already), which lead to the trie `nodes`: token by token while it goes on."""
        next_token = _NEXT_TOKEN[lang]
        steps = self._steps[lang]
        append = matches.append
        while True:
            found = next_token.match(text, end)
            if found is None:
                return
            end = found.end(1)
            words = (*words, found.group(1))
            step = steps.get(words)
            if step is None:
                step = self._step(words, nodes, lang)
            tails, nodes = step
            if tails:
                span = text[start:end]
                for concept, term in tails:
                    append(_new_match(TermMatch, (start, end, span, concept, lang, term, None)))
            if not nodes:
                return

    def _step(self, words: tuple[str, ...], nodes: list[dict[str, object]], lang: str) -> _Step:
        """One step of a walk (cached: it depends on the words alone): from the trie `nodes`
        the words before the last lead to, what the last word adds. That is the
        (concept, term) of the terms of all `words`, their capitals checked, in trie order
        (as the matches are added); and the trie nodes a longer term may go on from,
        those with children (a node with none would only stop the walk a token later)."""
        steps = self._steps[lang]
        if len(steps) >= _STEPS_SIZE:
            steps.clear()  # bounded by the glossary's terms and word forms, but kept small
        keys = self._word_keys(words[-1], lang)
        reached: list[dict[str, object]] = [
            child  # type: ignore[misc]
            for node in nodes
            for key in keys
            if (child := node.get(key)) is not None
        ]
        capitals = [word[:1].isupper() for word in words]
        tails = tuple(
            (entry.concept, entry.term)
            for node in reached
            for entry in node.get(_END, ())  # type: ignore[attr-defined]
            if all(capitals[offset] for offset, wanted in enumerate(entry.capitals) if wanted)
        )
        step = steps[words] = (tails, [node for node in reached if len(node) > (_END in node)])
        return step

    def _start_info(
        self, surface: str, lang: str
    ) -> tuple[tuple[tuple[Any, ...], ...], list[dict[str, object]]]:
        """For a first word (cached): the fields after (start, end) of the matches of its
        one-word terms, with their capitals already checked (they depend on the word
        alone), in trie order; and the trie nodes that go on."""
        roots = self._roots_of(surface, lang)
        capital = surface[:1].isupper()
        ones = tuple(
            (surface, entry.concept, lang, entry.term, None)
            for node in roots
            for entry in node.get(_END, ())  # type: ignore[attr-defined]
            if capital or not any(entry.capitals)
        )
        deeper = [node for node in roots if any(key != _END for key in node)]
        known = self._starts_info[lang][surface] = (ones, deeper)
        return known

    def _roots_of(self, surface: str, lang: str) -> list[dict[str, object]]:
        """The trie nodes a word starts terms at (one per key of the word); cached."""
        cache = self._starts[lang]
        roots = cache.get(surface)
        if roots is None:
            trie = self._tries[lang]
            roots = cache[surface] = [
                child  # type: ignore[misc]
                for key in self._word_keys(surface, lang)
                if (child := trie.get(key)) is not None
            ]
        return roots

    def full_scan(self, text: str, lang: str) -> list[TermMatch]:
        """Term occurrences found by tokenising the whole text and walking from every token:
        the reference the fast path is tested against, and the path for terms that start
        with a mark."""
        trie = self._tries.get(lang)
        if not trie:
            return []
        tokens = tokenize(text, lang)
        keys = [self._word_keys(surface, lang) for _, _, surface in tokens]
        matches: list[TermMatch] = []
        for first in range(len(tokens)):
            nodes = self._roots_of(tokens[first][2], lang)
            last = first
            while nodes:
                for node in nodes:
                    for entry in node.get(_END, ()):  # type: ignore[attr-defined]
                        walked = tokens[first : last + 1]
                        if all(
                            walked[offset][2][:1].isupper()
                            for offset, wanted in enumerate(entry.capitals)
                            if wanted
                        ):
                            start, end = tokens[first][0], tokens[last][1]
                            matches.append(
                                TermMatch(
                                    start,
                                    end,
                                    text[start:end],
                                    entry.concept,
                                    lang,
                                    term=entry.term,
                                )
                            )
                last += 1
                if last >= len(tokens):
                    break
                nodes = [
                    child  # type: ignore[misc]
                    for node in nodes
                    for key in keys[last]
                    if (child := node.get(key)) is not None
                ]
        return matches

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

    def required_rendering(self, match: TermMatch, target_lang: str) -> str | None:
        """What the checks require a source match (of this index) to be rendered as: its
        `rendering`, None for none or for a context-dependent term.

        Cached per concept, term and target language. The term is keyed by identity: a
        Term's hash and equality are Python-level dataclass methods, and every term of a
        match is one of this index's glossary, which the index keeps alive (ids stay
        unique); a term equal to it by value would give the same answer anyway."""
        term = match.term
        if term is None:
            return self.rendering(match, target_lang)
        key = (match.concept, id(term), target_lang)
        cache = self._required
        required = cache.get(key, _UNKNOWN)
        if required is _UNKNOWN:
            required = None if self.context_dependent(match) else self.rendering(match, target_lang)
            cache[key] = required
        return required  # type: ignore[return-value]

    def widening(self, concept: str) -> tuple[frozenset[str], bool] | None:
        """For a concept a target may render by more than its own terms: its related
        concepts, and whether a numbered institution renders it (its terms, not a
        reference: see `needs_patterns`); None for the usual concept, rendered only by its
        own terms."""
        return self._widening.get(concept)

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

    def context_dependent(self, match: TermMatch) -> bool:
        """A term whose sense depends on context («прогулка»: an exercise period in a prison,
        a walk elsewhere), marked `<descrip type="context">` in the term base: the checks do
        not require its rendering, since a word-level matcher cannot tell the senses apart."""
        term = match.term
        return term is not None and (match.concept, term.lang, term.text) in self._context_dependent

    def related_concepts(self, concept: str) -> frozenset[str]:
        """Other concepts whose terms may render `concept` (see `renders`)."""
        return self._related.get(concept, frozenset())

    def needs_patterns(self, source: TermMatch) -> bool:
        """Whether a target's patterns can render `source` (a reference, or a concept of a
        numbered institution such as СИЗО)."""
        return source.pattern is not None or source.concept in self._institution_keys

    def satisfied_by(self, source: TermMatch, target_matches: Iterable[TermMatch]) -> bool:
        """Whether a target text (its matches, best its `candidates`) holds an accepted
        rendering of `source`."""
        return any(self.renders(source, found) for found in target_matches)

    def renders(self, source: TermMatch, found: TermMatch) -> bool:
        """Whether the target occurrence `found` is an accepted rendering of `source`: a term
        of its concept, the same reference, a numbered institution of its kind («СИЗО-1»
        renders "pre-trial detention centre"), or an abbreviation holding or held by its own
        («ГУФСИН», the regional FSIN directorate, names the FSIN)."""
        if found.concept == source.concept:
            if source.pattern is not None and found.pattern is not None:
                return _compatible(found.pattern, source.pattern)
            return found.term is not None and found.term.status is not TermStatus.FORBIDDEN
        if isinstance(found.pattern, ColonyRef):
            return source.pattern is None and source.concept in self._institutions.get(
                found.pattern.kind, ()
            )
        if found.term is None or found.term.status is TermStatus.FORBIDDEN:
            return False
        return (source.concept, found.concept) in self._contains


def _resolve_overlaps(candidates: list[TermMatch]) -> list[TermMatch]:
    """The non-overlapping matches (see the module docstring): `candidates` itself when
    none overlap (memo lists are never changed; the public methods copy)."""
    reach = -1
    for match in candidates:  # sorted by start: most texts have no overlap at all
        if match.start < reach:
            break
        reach = match.end
    else:
        return candidates
    ranked = sorted(candidates, key=_overlap_rank)
    chosen: list[TermMatch] = []
    for match in ranked:
        start, end = match.start, match.end
        for kept in chosen:
            if end > kept.start and start < kept.end:
                break
        else:
            chosen.append(match)
    chosen.sort(key=_START_AT)
    return chosen


def _overlap_rank(m: TermMatch) -> tuple[int, int, int, str, bool]:
    """Longest span, then earliest, then best status, then concept key."""
    term = m.term
    return (
        m.start - m.end,
        m.start,
        _RANK[term.status] if term is not None else 0,
        m.concept,
        term is None,
    )


def _sort_by_position(matches: list[TermMatch]) -> None:
    """Sort in place by start, the longer first at one start, else in their order: what
    the key (start, -end) gives, by two stable sorts on C-level keys (no tuple built and
    no Python call per match). The second sort keeps the first's order among equal starts;
    `reverse` keeps the original order among equal ends (Python's sort stays stable)."""
    matches.sort(key=_END_AT, reverse=True)
    matches.sort(key=_START_AT)


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

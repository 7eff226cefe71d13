"""Grouping the spellings of one name, catching typos, suggesting the spelling to keep.

How it decides, and why:

- Surnames and other name words (places, bodies) are grouped by `latin_key`, so only the
  differences romanisation schemes make are merged. A feminine surname has its own key
  (Zhuravleva is not Zhuravlev) and is never a typo of the masculine one.
- A first name is only compared within one surname: Pavel Zhuravlev and Dmitrii Zhuravlev
  are two people, Dmitry Kolesnikov and Dmitry Zhuravlev are two people, and Aleksei
  Navalny is not Aleksei Sokolov. A surname alone ("Mr Zhuravlev") joins the family name.
- A typo is a doubled letter or swapped letters (see `keys.typo_kind`) between a rare and a
  frequent spelling, both of six letters or more, with the same first letter, and not two
  different real names (two known first names, or two spellings tied to different Russian
  words). A lone misspelling is caught when undoing the slip gives a Russian dictionary word.
- The Russian side of each paragraph ties spellings to a source form: a spelling whose key
  equals a rendering of a Russian name in the same paragraph is linked to that name.
- Typo candidates are found by indexing keys under their slip signatures (see
  `keys.slip_signatures`), never by comparing all pairs of names.
- Each paragraph is first reduced to its contribution (`name_contribution`: the names of
  its English side, each with the Russian form it is tied to). Clustering reads only the
  distinct contributions, each with the paragraphs that make it, so it costs the number of
  distinct name sets, not of paragraphs: a re-check after a save recomputes the clusters
  from the stored contributions in milliseconds.
- The name-variant check stores each contribution as JSON, built by `contribution_json`
  from pieces cached per run of capitalised words and per Russian word, so a paragraph
  costs two regex scans and a few lookups; it is the same text as serialising
  `name_contribution`, which stays the plain statement of what a contribution is.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from translator.names.extract import (
    english_run,
    english_runs,
    extract_names,
    opens_sentence,
    russian_forms,
    russian_words,
)
from translator.names.keys import latin_key, slip_signatures, typo_kind
from translator.names.lexicon import COMMON_WORDS, ORGANISATION_WORDS
from translator.names.model import (
    Contribution,
    NameItem,
    NameMention,
    NameUnit,
    NameVariantCluster,
    Spelling,
)
from translator.names.renderings import (
    DEFAULT_SCHEME,
    SCHEMES,
    dictionary_fix,
    first_name_keys,
    render,
    rendering_keys,
)
from translator.names.russian_target import TARGET, russian_target_clusters, target_items

MIN_TYPO_LETTERS = 6
TRANSLITERATION = "transliteration variant"
_NAME_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # "Legal Basis (Pravovaya Osnova)"
SUGGESTED = "suggested"  # the note of a canonical spelling no paragraph uses (count 0)
TYPO = "typo"


@dataclass
class _Pool:
    """Spellings of one role (name words, or first names of one surname) by key."""

    spellings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    paragraphs: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    links: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    confirmed: set[str] = field(default_factory=set)
    parent: dict[str, str] = field(default_factory=dict)
    slips: dict[str, str] = field(default_factory=dict)  # key -> "doubled letter" ...
    fixes: dict[str, str] = field(default_factory=dict)  # key -> Russian word of a lone typo

    def add(
        self, spelling: str, paragraph_ids: Sequence[int], confirmed: bool, link: str | None
    ) -> None:
        """One spelling written once in each of `paragraph_ids`."""
        key = latin_key(spelling)
        if not key:
            return
        self.spellings[key][spelling] += len(paragraph_ids)
        self.paragraphs[spelling].extend(paragraph_ids)
        if confirmed:
            self.confirmed.add(key)
        if link is not None:
            self.links[key][link] += len(paragraph_ids)

    def count(self, key: str) -> int:
        return sum(self.spellings[key].values())

    def root(self, key: str) -> str:
        while key in self.parent:
            key = self.parent[key]
        return key

    def members(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self.spellings:
            groups[self.root(key)].append(key)
        return groups


@lru_cache(maxsize=262144)
def _word_keys(word: str) -> tuple[tuple[str, str], ...]:
    """(Latin key, Russian form) for every rendering of every reading of a Russian word."""
    return tuple((key, form) for form in russian_forms(word) for key in rendering_keys(form))


def _russian_keys(text: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for word in russian_words(text):
        for key, form in _word_keys(word):
            keys.setdefault(key, form)
    return keys


def text_sides(
    source_lang: str, source_text: str, target_lang: str, target_text: str
) -> tuple[str, str]:
    """(English text, Russian text) of a paragraph pair, whichever side each is on."""
    english = russian = ""
    for lang, text in ((source_lang, source_text), (target_lang, target_text)):
        if lang == "en":
            english = text
        elif lang == "ru":
            russian = text
    return english, russian


def _sides(unit: NameUnit) -> tuple[str, str]:
    """(English text, Russian text) of a unit, whichever side each is on."""
    return text_sides(unit.source_lang, unit.source_text, unit.target_lang, unit.target_text)


def name_contribution(unit: NameUnit) -> Contribution:
    """What one paragraph adds to the clusters: its English names, tied to its Russian side."""
    english, russian = _sides(unit)
    mentions = extract_names(english, "en") if english else []
    items: tuple[NameItem, ...] = ()
    if mentions:
        forms = _russian_keys(russian) if russian else {}
        items = tuple(_items(mentions, forms))
    if _russian_is_target(unit.source_lang, unit.target_lang) and russian:
        items += target_items(tuple(_items(mentions, {})), russian)
    return items


def _russian_is_target(source_lang: str, target_lang: str) -> bool:
    """Whether a pair's Russian names are a translation to check (en->ru), not the source."""
    return source_lang == "en" and target_lang == "ru"


def _items(mentions: Sequence[NameMention], forms: dict[str, str]) -> Iterable[NameItem]:
    for mention in mentions:
        if mention.kind == "person":
            first, surname = mention.first, mention.surname
            yield NameItem(
                "person",
                first,
                surname,
                True,
                None if first is None else forms.get(latin_key(first)),
                None if surname is None else forms.get(latin_key(surname)),
            )
            continue
        for word in mention.words:
            lower = word.lower()
            if lower in ORGANISATION_WORDS or lower in COMMON_WORDS:
                continue
            link = forms.get(latin_key(word))
            yield NameItem("word", None, word, not mention.sentence_start, None, link)


# --- The contribution as stored: serialised without building the items ------------------

_NO_KEY = "-"
"""Stands for "no first name" or "no word": not a Latin key (those are letters only), so it
is never linked and its link is always null, as `_items` makes it."""

_JsonItem = tuple[str, str, str]
"""One item's JSON text up to its links (`["person","Dmitrii","Zhuravlev",true,`), and the
Latin keys whose Russian forms are its `first_link` and `link` (`_NO_KEY` for none)."""


class _RunItems(NamedTuple):
    """The items one run of capitalised English words gives (see `english_runs`).

    Why per run: the names in a run depend only on the run and on whether it opens a
    sentence (that is all `extract_names` passes to its per-run analysis), so both answers
    are worked out once per distinct run. `opening` is None where opening a sentence
    changes nothing, so that the run's position need not be looked at.
    """

    inside: tuple[_JsonItem, ...]
    opening: tuple[_JsonItem, ...] | None


def _json(value: object) -> str:
    """The check's serialisation: compact JSON, non-ASCII letters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_items(mentions: Sequence[NameMention]) -> tuple[_JsonItem, ...]:
    """`_items` of `mentions`, each cut before its links, with the keys `_items` links by."""
    return tuple(
        (
            _json([item.role, item.first, item.word, item.confirmed])[:-1] + ",",
            _NO_KEY if item.first is None else latin_key(item.first),
            _NO_KEY if item.word is None else latin_key(item.word),
        )
        for item in _items(mentions, {})
    )


@lru_cache(maxsize=262144)
def _run_items(run: str) -> _RunItems:
    inside = _json_items(english_run(run, False))
    opening = _json_items(english_run(run, True))
    return _RunItems(inside, None if opening == inside else opening)


@lru_cache(maxsize=65536)
def _word_links_json(word: str) -> Mapping[str, str]:
    """Latin key -> the JSON text of the first of `_word_keys(word)` giving it (read only:
    it is shared between paragraphs)."""
    links: dict[str, str] = {}
    for key, form in _word_keys(word):
        if key not in links:
            links[key] = _json(form)
    return links


def _russian_links_json(text: str) -> dict[str, str]:
    """`_russian_keys(text)` with each form as JSON text.

    Built by updating with each word's links from the last word to the first, so for each
    key the first word giving it is the one that stays, as `_russian_keys` keeps it.
    """
    links: dict[str, str] = {}
    for word in reversed(russian_words(text)):
        links.update(_word_links_json(word))
    return links


def contribution_json(english: str, russian: str, russian_target: bool = True) -> str:
    """`name_contribution` of a paragraph as the name-variant check stores it: `_json` of
    its items, "" for none. `russian_target` False for a ru->en pair: the Russian side is
    the source then, and only the English names count (see `_russian_is_target`).

    Equal to serialising `name_contribution` (tests/test_names_fast.py): the JSON of a list
    is its items' JSON joined by commas, and an item's is its cached head and two links.
    """
    items: list[_JsonItem] = []
    for match in english_runs(english):
        inside, opening = _run_items(match.group())
        if opening is not None and opens_sentence(english, match.start()):
            inside = opening
        items += inside
    parts: list[str] = []
    if items:
        link = _russian_links_json(russian).get
        parts = [
            f"{head}{link(first, 'null')},{link(word, 'null')}]" for head, first, word in items
        ]
    if russian_target and russian:
        # en->ru only, so the ru->en fast path above is untouched; plain path, no caching
        english_items = tuple(_items(extract_names(english, "en"), {})) if items else ()
        parts += [_json(item) for item in target_items(english_items, russian)]
    return "[" + ",".join(parts) + "]" if parts else ""


@dataclass
class _Occurrence:
    paragraph_ids: Sequence[int]
    group: int  # the contribution it came from: people of one paragraph share it
    first: str | None
    surname: str | None


class _Collector:
    """Everything seen in the English texts, with links to the Russian side."""

    def __init__(self) -> None:
        self.words = _Pool()
        self.people: list[_Occurrence] = []  # first + surname
        self.lone_firsts: list[tuple[str, Sequence[int], int]] = []
        self.first_links: dict[str, Counter[str]] = defaultdict(Counter)
        self.later_words: list[tuple[str, Sequence[int], int, bool, str | None]] = []

    def add(self, paragraph_ids: Sequence[int], group: int, contribution: Contribution) -> None:
        """The contribution made, identically, by each of `paragraph_ids`."""
        for item in contribution:
            if item.role == TARGET:
                continue  # a Russian target's people: see russian_target_clusters
            if item.role == "person":
                self._person(paragraph_ids, group, item)
            elif item.word is not None:
                self.later_words.append(
                    (item.word, paragraph_ids, group, item.confirmed, item.link)
                )

    def _person(self, paragraph_ids: Sequence[int], group: int, item: NameItem) -> None:
        if item.first is not None and item.first_link is not None:
            self.first_links[latin_key(item.first)][item.first_link] += len(paragraph_ids)
        if item.word is None:
            if item.first is not None:
                self.lone_firsts.append((item.first, paragraph_ids, group))
            return
        self.words.add(item.word, paragraph_ids, True, item.link)
        self.people.append(_Occurrence(paragraph_ids, group, item.first, item.word))

    def finish_words(self) -> None:
        """Single words: a known surname, a first name alone, or another name word."""
        firsts = first_name_keys()
        for word, paragraph_ids, group, confirmed, link in self.later_words:
            key = latin_key(word)
            if key not in self.words.spellings and key in firsts:
                self.lone_firsts.append((word, paragraph_ids, group))
                continue
            self.words.add(word, paragraph_ids, confirmed, link)


def _candidate_pairs(keys: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Pairs of keys that may be one slip apart, found through shared slip signatures."""
    index: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for signature in slip_signatures(key):
            index[signature].append(key)
    seen: set[tuple[str, str]] = set()
    for bucket in index.values():
        for position, first in enumerate(bucket):
            for second in bucket[position + 1 :]:
                pair = (first, second) if first < second else (second, first)
                if pair not in seen and first != second:
                    seen.add(pair)
                    yield pair


def _longest(pool: _Pool, key: str) -> int:
    return max(len(spelling) for spelling in pool.spellings[key])


def _real_names_apart(pool: _Pool, rare: str, common: str) -> bool:
    """Two different real names: both known first names, or tied to different Russian words."""
    firsts = first_name_keys()
    if rare in firsts and common in firsts and firsts[rare] != firsts[common]:
        return True
    rare_links, common_links = pool.links.get(rare), pool.links.get(common)
    if rare_links and common_links:
        return not set(rare_links) & set(common_links)
    return bool(rare_links and any(rare in rendering_keys(form) for form in rare_links))


def _merge_typos(pool: _Pool) -> None:
    """Join each rare spelling one slip away from a frequent one (see the module doc)."""
    candidates = [key for key in pool.spellings if len(key) >= 2]
    for first, second in _candidate_pairs(candidates):
        kind = typo_kind(first, second)
        if kind is None:
            continue
        rare, common = sorted((first, second), key=lambda key: (pool.count(key), key))
        if rare[0] != common[0] or not {rare, common} & pool.confirmed:
            continue  # two sentence-initial words nobody confirmed as names
        if 2 * pool.count(rare) > pool.count(common):
            continue
        if min(_longest(pool, rare), _longest(pool, common)) < MIN_TYPO_LETTERS:
            continue
        if _real_names_apart(pool, rare, common) or rare in pool.parent:
            continue
        pool.parent[rare] = pool.root(common)
        pool.slips[rare] = kind


def _dictionary_typos(pool: _Pool) -> None:
    """A lone misspelling: undoing one slip gives a word the Russian dictionary knows."""
    has_typos = set(pool.parent.values())  # common spellings of typos already found
    for key in list(pool.spellings):
        if key in pool.parent or key not in pool.confirmed or pool.links.get(key):
            continue
        if key in has_typos:
            continue
        spelling = pool.spellings[key].most_common(1)[0][0]
        fix = dictionary_fix(spelling)
        if fix is None:
            continue
        target = next((k for k in rendering_keys(fix) if k in pool.spellings and k != key), None)
        kind = next((typo_kind(key, k) for k in rendering_keys(fix) if typo_kind(key, k)), None)
        if target is not None and pool.root(target) != key:
            # the dictionary says which is right, even where the slip is as frequent
            pool.parent[key] = pool.root(target)
        else:
            pool.fixes[key] = fix
        pool.slips[key] = kind or "misspelt"


def _majority(spellings: Counter[str]) -> str:
    return max(spellings.items(), key=lambda item: item[1])[0]


@dataclass(frozen=True)
class _Settings:
    """The house scheme, and the glossary's decisions: `preferred` spelling or Russian form
    -> spelling as given; `words` name-word key -> the word of a preferred name; `firsts`
    (surname key, first-name key) -> the first name of a preferred full name."""

    scheme: str
    preferred: dict[str, str]
    words: dict[str, str] = field(default_factory=dict)
    firsts: dict[tuple[str, str], str] = field(default_factory=dict)


def _settings(scheme: str, preferred: Mapping[str, str]) -> _Settings:
    """Read `preferred` (a spelling -> the spelling to use, e.g. every variant of a resolved
    name -> "Dmitrii Zhuravlev"): a full name sets its surname for every key of its
    variants' surnames, and its first name for that person only (Dmitry Kolesnikov, another
    man, keeps his own)."""
    words: dict[str, str] = {}
    firsts: dict[tuple[str, str], str] = {}
    for variant, chosen in preferred.items():
        chosen_words, variant_words = _NAME_WORDS.findall(chosen), _NAME_WORDS.findall(variant)
        if not chosen_words or not chosen.isascii():
            continue
        surname = chosen_words[-1]
        surname_keys = {latin_key(surname)}
        if variant.isascii() and variant_words:
            surname_keys.add(latin_key(variant_words[-1]))
        if len(chosen_words) >= 2 or len(variant_words) == 1:
            for key in surname_keys:
                words[key] = surname
        if len(chosen_words) < 2:
            continue
        first = chosen_words[0]
        first_keys = {latin_key(first)}
        if variant.isascii() and len(variant_words) >= 2:
            first_keys.add(latin_key(variant_words[0]))
        for surname_key in surname_keys:
            for first_key in first_keys:
                firsts[(surname_key, first_key)] = first
    direct = {key.casefold(): value for key, value in preferred.items()}
    return _Settings(scheme, direct, words, firsts)


def _canonical(
    spellings: Counter[str],
    source: str | None,
    settings: _Settings,
    surname_keys: Sequence[str] | None = None,
    correct: Iterable[str] = (),
) -> str:
    """The glossary's choice, else the house rendering of the source, else the majority of
    the spellings that are not typos (`correct`). With `surname_keys`, `spellings` are the
    first names of one person of that surname."""
    keys = [latin_key(spelling) for spelling in spellings]
    if surname_keys is None:
        chosen = next((settings.words[k] for k in keys if k in settings.words), None)
    else:
        chosen = next(
            (
                settings.firsts[(surname, key)]
                for surname in surname_keys
                for key in keys
                if (surname, key) in settings.firsts
            ),
            None,
        )
    if chosen is not None:
        return chosen
    for candidate in (*spellings, *([source] if source else [])):
        direct = settings.preferred.get(candidate.casefold())
        if direct is not None and len(direct.split()) == 1:
            return direct
    if source is not None:
        return render(source, settings.scheme)
    right = Counter({text: count for text, count in spellings.items() if text in set(correct)})
    return _majority(right or spellings)


def _group_cluster(
    pool: _Pool,
    keys: list[str],
    entity: str | None,
    settings: _Settings,
    surname_keys: Sequence[str] | None = None,
) -> NameVariantCluster | None:
    """One cluster for the keys of one root, if they show more than one spelling or a typo."""
    spellings: Counter[str] = Counter()
    for key in keys:
        spellings.update(pool.spellings[key])
    lone_fix = next((pool.fixes[key] for key in keys if key in pool.fixes), None)
    if len(spellings) < 2 and lone_fix is None:
        return None
    links: Counter[str] = Counter()
    for key in keys:
        links.update(pool.links.get(key, Counter()))
    source = links.most_common(1)[0][0] if links else lone_fix
    slip_of = {
        spelling: pool.slips[key]
        for key in keys
        if key in pool.slips
        for spelling in pool.spellings[key]
    }
    correct = [text for text in spellings if text not in slip_of]
    canonical = _canonical(spellings, source, settings, surname_keys, correct)
    typo = bool(slip_of)
    ordered = sorted(spellings, key=lambda text: (text != canonical, -spellings[text], text))
    result = tuple(
        Spelling(
            text=text,
            paragraph_ids=tuple(sorted(pool.paragraphs[text])),
            note=(
                f"typo: {slip_of[text]}"
                if text in slip_of
                else ""
                if text == canonical
                else TRANSLITERATION
            ),
        )
        for text in ordered
    )
    if canonical not in spellings:  # written nowhere yet: listed so a reviewer can pick it
        result = (Spelling(canonical, (), SUGGESTED), *result)
    return NameVariantCluster(
        entity=entity or canonical,
        spellings=result,
        source=source.title() if source else None,
        canonical=canonical,
        reason=TYPO if typo else TRANSLITERATION,
        severity="error" if typo or links else "warning",
    )


def find_name_variants(
    units: Iterable[NameUnit],
    *,
    house_scheme: str = DEFAULT_SCHEME,
    preferred: Mapping[str, str] | None = None,
    russian_preferred: Mapping[str, str] | None = None,
) -> list[NameVariantCluster]:
    """Names spelt more than one way (or misspelt) in the English side of `units`, and in
    the Russian targets of en->ru units (see `russian_target`).

    `preferred` maps a spelling or a Russian source form to the glossary's spelling, which
    then wins as the canonical one; otherwise `house_scheme` (an iuliia scheme name) renders
    the linked Russian source, and failing that the majority spelling wins.
    """
    if house_scheme.lower() not in SCHEMES:
        render("", house_scheme)  # raises the ValueError naming the schemes
    by_contribution: dict[Contribution, list[int]] = {}
    for unit in units:
        contribution = name_contribution(unit)
        if contribution:
            by_contribution.setdefault(contribution, []).append(unit.paragraph_id)
    return cluster_contributions(
        by_contribution.items(),
        house_scheme=house_scheme,
        preferred=preferred,
        russian_preferred=russian_preferred,
    )


def cluster_contributions(
    contributions: Iterable[tuple[Contribution, Sequence[int]]],
    *,
    house_scheme: str = DEFAULT_SCHEME,
    preferred: Mapping[str, str] | None = None,
    russian_preferred: Mapping[str, str] | None = None,
) -> list[NameVariantCluster]:
    """`find_name_variants` over distinct contributions, each with the paragraphs making it.

    Contributions are taken in order of their first paragraph id, so the result does not
    depend on the order they are read in (a full run and a re-check agree). Russian-target
    items (en->ru pairs) give their own clusters (`russian_target_clusters`, with the
    glossary's Russian names `russian_preferred`).
    """
    if house_scheme.lower() not in SCHEMES:
        render("", house_scheme)  # raises the ValueError naming the schemes
    settings = _settings(house_scheme.lower(), preferred or {})
    collector = _Collector()
    ordered = sorted(
        ((sorted(ids), contribution) for contribution, ids in contributions if ids),
        key=lambda pair: pair[0][0],
    )
    for group, (paragraph_ids, contribution) in enumerate(ordered):
        collector.add(paragraph_ids, group, contribution)
    collector.finish_words()
    words = collector.words
    # Sentence-initial words nobody confirmed are ordinary words, unless they are typos.
    _merge_typos(words)
    _dictionary_typos(words)
    # ... or the correct spelling a typo was traced to ("Sokolov said." with "Mr Sokollov").
    traced = {words.root(key) for key in words.parent}
    for key in [key for key in words.spellings if key not in words.confirmed]:
        if key not in words.parent and not words.links.get(key) and key not in traced:
            del words.spellings[key]
    clusters = _clusters(collector, settings)
    if any(item.role == TARGET for _, contribution in ordered for item in contribution):
        clusters += russian_target_clusters(
            ((contribution, ids) for ids, contribution in ordered), russian_preferred
        )
        clusters.sort(key=lambda cluster: (cluster.severity != "error", cluster.entity))
    return clusters


def _clusters(collector: _Collector, settings: _Settings) -> list[NameVariantCluster]:
    words = collector.words
    members = words.members()
    people = _people(collector)
    clusters: list[NameVariantCluster] = []
    for root, keys in members.items():
        label = people.label_for(root, members, words, settings)
        cluster = _group_cluster(words, keys, label, settings)
        if cluster is not None:
            clusters.append(cluster)
    clusters.extend(people.first_name_clusters(members, words, settings))
    clusters.sort(key=lambda cluster: (cluster.severity != "error", cluster.entity))
    return clusters


def _component(
    pool: _Pool, keys: list[str], settings: _Settings, surname_keys: Sequence[str] | None = None
) -> str:
    """The canonical spelling of one group of keys (a first name, a surname)."""
    spellings: Counter[str] = Counter()
    links: Counter[str] = Counter()
    for key in keys:
        spellings.update(pool.spellings[key])
        links.update(pool.links.get(key, Counter()))
    source = links.most_common(1)[0][0] if links else None
    correct = [text for key in keys if key not in pool.slips for text in pool.spellings[key]]
    return _canonical(spellings, source, settings, surname_keys, correct)


@dataclass
class _People:
    """First names per surname root: each (surname root, first-name root) is one person."""

    firsts: dict[str, _Pool]  # surname root -> pool of first names
    best: dict[str, str]  # surname root -> root of its most mentioned first name

    def label_for(
        self, root: str, members: dict[str, list[str]], words: _Pool, settings: _Settings
    ) -> str | None:
        """The best-known person of a surname ("Dmitrii Zhuravlev"), None if none is known."""
        pool = self.firsts.get(root)
        best = self.best.get(root)
        if pool is None or best is None:
            return None
        first = _component(pool, pool.members()[best], settings, members[root])
        return f"{first} {_component(words, members[root], settings)}"

    def first_name_clusters(
        self, members: dict[str, list[str]], words: _Pool, settings: _Settings
    ) -> list[NameVariantCluster]:
        clusters = []
        for surname_root, pool in self.firsts.items():
            first_members = pool.members()
            if len(first_members) == len(pool.spellings) and all(
                len(pool.spellings[key]) == 1 for key in pool.spellings
            ):
                continue  # every first name written one way: nothing to report
            surname = _component(words, members[surname_root], settings)
            for keys in first_members.values():
                surname_keys = members[surname_root]
                label = f"{_component(pool, keys, settings, surname_keys)} {surname}"
                cluster = _group_cluster(pool, keys, label, settings, surname_keys)
                if cluster is not None:
                    clusters.append(cluster)
        return clusters


def _people(collector: _Collector) -> _People:
    """Group full names by surname root, then first names within each surname."""
    words = collector.words
    firsts: dict[str, _Pool] = defaultdict(_Pool)
    mentions: Counter[tuple[str, str]] = Counter()
    for occurrence in collector.people:
        if occurrence.first is None or occurrence.surname is None:
            continue
        surname_key = latin_key(occurrence.surname)
        if surname_key not in words.spellings:
            continue
        root = words.root(surname_key)
        first_key = latin_key(occurrence.first)
        link = collector.first_links.get(first_key)
        firsts[root].add(
            occurrence.first,
            occurrence.paragraph_ids,
            True,
            link.most_common(1)[0][0] if link else None,
        )
        mentions[(root, first_key)] += len(occurrence.paragraph_ids)
    for pool in firsts.values():
        _merge_typos(pool)
    _attach_lone_firsts(collector, firsts)
    merged: Counter[tuple[str, str]] = Counter()
    for (root, first_key), count in mentions.items():
        merged[(root, firsts[root].root(first_key))] += count
    best: dict[str, tuple[int, str]] = {}
    for (root, first), count in merged.items():
        if (count, first) > best.get(root, (0, "")):
            best[root] = (count, first)
    return _People(dict(firsts), {root: first for root, (_, first) in best.items()})


def _attach_lone_firsts(collector: _Collector, firsts: dict[str, _Pool]) -> None:
    """ "Dmitrii" alone counts for the one person of that first name in the same paragraph,
    or for the only person with that first name; otherwise it is left out."""
    by_group: dict[int, set[tuple[str, str]]] = defaultdict(set)  # people per paragraph
    words = collector.words
    for occurrence in collector.people:
        if occurrence.first is None or occurrence.surname is None:
            continue
        surname_key = latin_key(occurrence.surname)
        if surname_key in words.spellings:
            root = words.root(surname_key)
            by_group[occurrence.group].add((root, firsts[root].root(latin_key(occurrence.first))))
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for people in by_group.values():
        for person in people:
            owners[person[1]].add(person)
    for first, paragraph_ids, group in collector.lone_firsts:
        key = latin_key(first)
        here = {person for person in by_group.get(group, ()) if person[1] == key}
        chosen = here if len(here) == 1 else owners.get(key, set())
        if len(chosen) == 1:
            ((root, _),) = chosen
            firsts[root].add(first, paragraph_ids, True, None)

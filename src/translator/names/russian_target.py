"""Russian targets: one English source name written several ways in the Russian translation.

In an en->ru project the English source is the reference: "Zhuravlev" in every paragraph
is one spelling of one name, so «Журавлев» in most targets and «Журравлев» (a doubled
letter) or «Алексий» for "Aleksei" in another is a conflict in the translation. How it
decides, and why:

- Each Russian person of a target paragraph is tied to a name of the English source of the
  same paragraph: exactly when the English key is one of the renderings of the Russian
  form (see `renderings.rendering_keys`), else to the one English name whose key is a
  single edit away (Zhuravlev / Журравлев, Aleksei / Алексий). Names further apart are not
  tied: a translator may add or leave out a name, and a guess would make false conflicts.
- The English spelling (its `latin_key`) is the entity. A surname is compared by
  `surname_key`, which folds ё into е, a woman's form into the man's (Соколова is not a
  variant of Соколов) and case endings away (the extractor's nominative of an unknown
  surname can go wrong; Журравлеву is still Журравлев). A first name is an entity only
  within its surname (Aleksei Zhuravlev and Aleksei Sokolov are two people), and two
  different English first names are two people even where they share a surname.
- A Russian surname tied to no English name is a typo only by the narrow rule the English
  side uses (`keys.typo_kind`: a doubled letter, two neighbours swapped), and only when it
  is rare (at most half as frequent) against the other form, six letters or more, with the
  same first letter, and unknown to the dictionary.
- The canonical spelling is the glossary's Russian rendering if any, else the majority of
  the spellings that render back to the English key, else the majority.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

from translator.names.extract import extract_names, russian_nominative, russian_word_matches
from translator.names.keys import latin_key, slip_signatures, typo_kind
from translator.names.model import NameItem, NameMention, NameVariantCluster, Spelling
from translator.names.morph import is_known, name_parses
from translator.names.renderings import rendering_keys

TARGET = "ru-target"
"""The role of a contribution item that is a person of the Russian target (see `NameItem`)."""

MIN_TYPO_LETTERS = 6
TYPO = "typo"
VARIANT = "spelling variant"
SUGGESTED = "suggested"

_CASE_ENDINGS = tuple(
    sorted(
        "ого ому ыми ими ой ою ая ий ый ым им ом ем ей ых их ую а у е ы и ю я".split(),  # noqa: SIM905
        key=len,
        reverse=True,
    )
)
_FEMININE = re.compile(r"(?:ов|ев|ин|ын)а$")
_MAN_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)$")


@lru_cache(maxsize=65536)
def surname_key(spelling: str) -> str:
    """What two spellings of one surname share: Соколов, Соколова, Соколову -> соколов;
    Журавлёв -> журавлев; Толстой, Толстая -> толст. One case ending is cut (keeping four
    letters), so a woman's form and a wrong nominative of an unknown surname fold too."""
    word = spelling.lower().replace("ё", "е")
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def first_key(spelling: str) -> str:
    """A first name as compared: the nominative, lower case, ё as е (Пётр = Петр)."""
    return spelling.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def _surname_renderings(surname: str) -> frozenset[str]:
    """Latin keys of the surname and, for a woman's form, of the man's (Zhuravlev in the
    source, «Журавлева» read as the woman's nominative in the target)."""
    forms = {surname.lower()}
    if _FEMININE.search(surname.lower()):
        forms.add(surname.lower()[:-1])
    return frozenset(key for form in forms for key in rendering_keys(form))


def _first_renderings(first: str) -> frozenset[str]:
    return rendering_keys(first.lower())


def _tie(
    renderings: frozenset[str], english: Mapping[str, str], exact_only: bool = False
) -> str | None:
    """The English spelling (of `english`: key -> spelling) a Russian form stands for: the
    one its renderings hit, else (unless `exact_only`) the only one a single edit away."""
    for key, spelling in english.items():
        if key in renderings:
            return spelling
    if exact_only:
        return None
    near = [
        spelling
        for key, spelling in english.items()
        if len(key) >= 4
        and any(OSA.distance(key, rendered, score_cutoff=1) <= 1 for rendered in renderings)
    ]
    return near[0] if len(near) == 1 else None


def target_items(english_items: Sequence[NameItem], russian: str) -> tuple[NameItem, ...]:
    """The people of a Russian target, each tied to the English source's names.

    Item fields: `first` and `word` the Russian first name and surname (nominative),
    `first_link` and `link` the English first name and surname they stand for (None if
    none). `english_items` are the source's items (`cluster._items`, without links).
    """
    if not russian:
        return ()
    mentions = extract_names(russian, "ru")
    words = {latin_key(i.word): i.word for i in english_items if i.word is not None}
    words.pop("", None)
    items = [
        _target_item(person, english_items, words) for person in mentions if person.kind == "person"
    ]
    if english_items:
        items += _missed_words(russian, mentions, english_items, words)
    return tuple(items)


def _missed_words(
    russian: str,
    mentions: Sequence[NameMention],
    english_items: Sequence[NameItem],
    words: Mapping[str, str],
) -> list[NameItem]:
    """Capitalised words the extractor passed over that the English source names: a slip
    the dictionary cannot tag (Дмитирй, Журвалев) or tags as a place only by guessing
    (Соколлов), or a name opening a sentence whose best reading is an ordinary word
    (Навальный). The English name is the evidence, so a word
    known to the dictionary must render it exactly; an unknown one may be a slip away."""
    covered = [(m.start, m.end) for m in mentions if m.kind == "person" or not _guessed_place(m)]
    firsts = {latin_key(i.first): i for i in english_items if i.first is not None}
    firsts.pop("", None)
    found: list[NameItem] = []
    for match in russian_word_matches(russian):
        start, end = match.span()
        if any(left <= start and end <= right for left, right in covered):
            continue
        word = match.group(0)
        known = is_known(word) and not name_parses(word)
        nominative = russian_nominative(word)
        surname, link = _tied_surname(nominative, word, words, exact_only=known)
        if link is not None:
            found.append(NameItem(TARGET, None, surname, True, None, link))
            continue
        first = _tie(
            _first_renderings(nominative),
            {k: i.first or "" for k, i in firsts.items()},
            exact_only=known,
        )
        if first is not None:
            person = firsts[latin_key(first)]
            found.append(NameItem(TARGET, nominative, None, True, first, person.word))
    return found


def _guessed_place(mention: NameMention) -> bool:
    """A one-word place the dictionary does not hold, written like a man's surname: pymorphy3
    guessed the tag from the ending («Соколлов» as the genitive plural of a place «Соколл»),
    so it may as well be a misspelt surname, and `_missed_words` weighs it against the
    English source. Other unknown places (Мелехово) stay places: their case forms do not
    fold like a surname's, so weighing them would make false variants."""
    return (
        mention.kind != "person"
        and len(mention.words) == 1
        and _MAN_SURNAME.search(mention.text.lower()) is not None
        and not is_known(mention.text)
    )


def _tied_surname(
    nominative: str, word: str, words: Mapping[str, str], exact_only: bool
) -> tuple[str, str | None]:
    """(Russian spelling, English word it stands for) of a passed-over word: its nominative
    if that ties, else the word as written, since a guessed nominative of an unknown word
    can be wrong («Соколл» for «Соколлов»); the link is None when neither ties."""
    link = _tie(_surname_renderings(nominative), words, exact_only=exact_only)
    if link is None and nominative != word:
        as_written = _tie(_surname_renderings(word), words, exact_only=exact_only)
        if as_written is not None:
            return word, as_written
    return nominative, link


def _target_item(
    person: NameMention, english_items: Sequence[NameItem], words: Mapping[str, str]
) -> NameItem:
    surname = person.surname
    link = None if surname is None else _tie(_surname_renderings(surname), words)
    first_link = None
    if person.first is not None:
        link_key = None if link is None else latin_key(link)
        firsts = {
            latin_key(item.first): item.first
            for item in english_items
            if item.role == "person"
            and item.first is not None
            and (link_key is None or (item.word is not None and latin_key(item.word) == link_key))
        }
        firsts.pop("", None)
        first_link = _tie(_first_renderings(person.first), firsts)
    return NameItem(TARGET, person.first, surname, True, first_link, link)


# --- Clustering --------------------------------------------------------------------------


@dataclass
class _Entity:
    """The Russian spellings of one English name (or, for an untied typo, of one Russian
    surname): group key -> spelling -> paragraphs."""

    english: Counter[str] = field(default_factory=Counter)
    groups: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    surname: Counter[str] = field(default_factory=Counter)  # Russian surname, for the label

    def add(self, group: str, spelling: str, paragraph_ids: Sequence[int]) -> None:
        self.groups[group][spelling].extend(paragraph_ids)

    def count(self, group: str) -> int:
        return sum(len(ids) for ids in self.groups[group].values())


def _display(entity: _Entity, group: str) -> str:
    """The group's most written spelling (ties: alphabetical)."""
    spellings = entity.groups[group]
    return min(spellings, key=lambda text: (-len(spellings[text]), text))


def russian_target_clusters(
    contributions: Iterable[tuple[Sequence[NameItem], Sequence[int]]],
    preferred: Mapping[str, str] | None = None,
) -> list[NameVariantCluster]:
    """The conflicts among the Russian-target items of `contributions` (see the module doc).

    `preferred`: the glossary's Russian names, "en:<latin key>" and "ru:<lower-case
    spelling>" -> the Russian spelling to use.
    """
    surnames: dict[str, _Entity] = defaultdict(_Entity)
    firsts: dict[tuple[str, str | None], _Entity] = defaultdict(_Entity)
    untied: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for items, paragraph_ids in contributions:
        for item in items:
            if item.role != TARGET:
                continue
            surname_entity = None if item.link is None else latin_key(item.link)
            if item.word is not None:
                key = surname_key(item.word)
                if surname_entity is None:
                    untied[key][item.word].extend(paragraph_ids)
                else:
                    surnames[surname_entity].english[item.link or ""] += len(paragraph_ids)
                    surnames[surname_entity].add(key, item.word, paragraph_ids)
            if item.first is not None and item.first_link is not None:
                entity = firsts[(latin_key(item.first_link), surname_entity)]
                entity.english[item.first_link] += len(paragraph_ids)
                entity.add(first_key(item.first), item.first, paragraph_ids)
                if item.word is not None and surname_entity is not None:
                    entity.surname[item.word] += len(paragraph_ids)
    _attach_untied(surnames, untied)
    _attach_lone_firsts(firsts)
    preferred = preferred or {}
    clusters = [
        cluster
        for key, entity in surnames.items()
        if (cluster := _cluster(entity, [key], preferred)) is not None
    ]
    for (first, surname), entity in firsts.items():
        if surname is None:
            continue
        cluster = _cluster(entity, [first], preferred, surnames.get(surname))
        if cluster is not None:
            clusters.append(cluster)
    return clusters


def _attach_untied(surnames: dict[str, _Entity], untied: dict[str, dict[str, list[int]]]) -> None:
    """Untied surnames: with their entity when their group is tied to exactly one English
    name; a typo when one slip from a frequent group; otherwise left out."""
    owners: dict[str, list[str]] = defaultdict(list)
    for english_key, entity in surnames.items():
        for group in entity.groups:
            owners[group].append(english_key)
    rest: dict[str, dict[str, list[int]]] = {}
    for group, spellings in untied.items():
        if len(owners.get(group, ())) == 1:
            for spelling, ids in spellings.items():
                surnames[owners[group][0]].add(group, spelling, ids)
        elif group not in owners:
            rest[group] = spellings
    totals: Counter[str] = Counter()
    for entity in surnames.values():
        for group in entity.groups:
            totals[group] += entity.count(group)
    for group, spellings in rest.items():
        totals[group] += sum(len(ids) for ids in spellings.values())
    for rare, common in _slips(totals, rest):
        entity_key = _typo_home(rare, common, owners)
        entity = surnames[entity_key]
        if entity_key.startswith("ru:"):
            for spelling, ids in rest[common].items():
                entity.add(common, spelling, ids)
        for spelling, ids in rest[rare].items():
            entity.add(rare, spelling, ids)


def _typo_home(rare: str, common: str, owners: Mapping[str, list[str]]) -> str:
    """The entity an untied typo joins: the English name its correct form is tied to most,
    else the correct form itself ("ru:" key)."""
    tied = owners.get(common)
    return tied[0] if tied else f"ru:{common}"


def _slips(
    totals: Counter[str], rest: Mapping[str, Mapping[str, list[int]]]
) -> list[tuple[str, str]]:
    """(rare untied group, frequent group) pairs one slip apart, passing the typo guards."""
    index: dict[str, list[str]] = defaultdict(list)
    for group in totals:
        for signature in slip_signatures(group):
            index[signature].append(group)
    found: dict[str, str] = {}
    for rare in sorted(rest):
        if len(rare) < MIN_TYPO_LETTERS or any(is_known(s) for s in rest[rare]):
            continue
        candidates = {
            other
            for signature in slip_signatures(rare)
            for other in index[signature]
            if other != rare and other[0] == rare[0] and len(other) >= MIN_TYPO_LETTERS
        }
        candidates = {
            other
            for other in candidates
            if typo_kind(rare, other) is not None and totals[other] >= 2 * totals[rare]
        }
        if len(candidates) == 1:
            found[rare] = candidates.pop()
    # a common form that is itself untied and rare would chain; keep only true anchors
    return [(rare, common) for rare, common in found.items() if common not in found]


def _attach_lone_firsts(firsts: dict[tuple[str, str | None], _Entity]) -> None:
    """A first name with no surname belongs to the only person of that first name."""
    for first, surname in [key for key in firsts if key[1] is None]:
        people = [key for key in firsts if key[0] == first and key[1] is not None]
        if len(people) != 1:
            continue
        lone = firsts.pop((first, surname))
        home = firsts[people[0]]
        home.english.update(lone.english)
        for group, spellings in lone.groups.items():
            for spelling, ids in spellings.items():
                home.add(group, spelling, ids)


def _canonical(entity: _Entity, english_keys: Sequence[str], preferred: Mapping[str, str]) -> str:
    """The glossary's Russian spelling, else the majority of spellings that render to the
    English key, else the majority."""
    for key in english_keys:
        chosen = preferred.get(f"en:{key}")
        if chosen is not None:
            return chosen
    for group in entity.groups:
        for spelling in entity.groups[group]:
            chosen = preferred.get(f"ru:{first_key(spelling)}")
            if chosen is not None:
                return chosen
    groups = list(entity.groups)
    exact = [
        group
        for group in groups
        if any(key in _surname_renderings(_display(entity, group)) for key in english_keys)
    ]
    best = max(exact or groups, key=lambda group: (entity.count(group), group))
    return _display(entity, best)


def _note(spelling: str, canonical: str) -> str:
    """Why a spelling is listed: the slip it is, or a plain spelling variant."""
    variant, right = surname_key(spelling), surname_key(canonical)
    kind = typo_kind(variant, right) or typo_kind(first_key(spelling), first_key(canonical))
    if kind is not None:
        return f"typo: {kind}"
    if Levenshtein.distance(variant, right, score_cutoff=1) == 1 and len(variant) != len(right):
        return "typo: extra letter" if len(variant) > len(right) else "typo: missing letter"
    return VARIANT


def _cluster(
    entity: _Entity,
    english_keys: Sequence[str],
    preferred: Mapping[str, str],
    surname: _Entity | None = None,
) -> NameVariantCluster | None:
    """One finding when the entity is written in more than one group of spellings."""
    if len(entity.groups) < 2:
        return None
    canonical = _canonical(entity, english_keys, preferred)
    home = surname_key(canonical) if surname is None else first_key(canonical)
    spellings: list[Spelling] = []
    for group, by_spelling in entity.groups.items():
        # one spelling per group: Журавлёв beside Журавлев, or a nominative the dictionary
        # got wrong, is the same spelling, never a variant to list or rewrite
        text = canonical if group == home else _display(entity, group)
        ids = tuple(sorted({pid for pids in by_spelling.values() for pid in pids}))
        spellings.append(Spelling(text, ids, "" if group == home else _note(text, canonical)))
    spellings.sort(key=lambda s: (s.text != canonical, -s.count, s.text))
    if all(s.text != canonical for s in spellings):
        spellings.insert(0, Spelling(canonical, (), SUGGESTED))
    english = entity.english.most_common(1)[0][0] if entity.english else ""
    label = canonical
    if surname is not None:
        russian_surname = entity.surname.most_common(1)[0][0] if entity.surname else ""
        surname_english = surname.english.most_common(1)[0][0] if surname.english else ""
        label = f"{canonical} {russian_surname}".strip()
        english = f"{english} {surname_english}".strip()
    typo = any(s.note.startswith(TYPO) for s in spellings)
    return NameVariantCluster(
        entity=f"{label} ({english})" if english else label,
        spellings=tuple(spellings),
        source=english or None,
        canonical=canonical,
        reason=TYPO if typo else VARIANT,
        severity="error",
    )

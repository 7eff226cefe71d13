"""Find paragraphs that repeat another, or are a cut-off prefix of a later one (scraped pages)."""

from __future__ import annotations

from collections.abc import Sequence

MIN_PREFIX_CHARS = 40
_MAX_PREFIX_SCAN = 64


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def find_duplicates(paragraphs: Sequence[str]) -> list[int | None]:
    """For each paragraph, the index of the paragraph it duplicates, or None.

    An exact repeat points to the first occurrence. A paragraph of at least
    MIN_PREFIX_CHARS that is a strict prefix of a later paragraph points to that later
    (complete) one. Links always end at a paragraph that is not itself a duplicate.
    """
    keys = [_key(text) for text in paragraphs]
    occurrences: dict[str, list[int]] = {}
    duplicate_of: list[int | None] = [None] * len(keys)
    for index, key in enumerate(keys):
        if key in occurrences:
            duplicate_of[index] = occurrences[key][0]
            occurrences[key].append(index)
        else:
            occurrences[key] = [index]
    ordered = sorted(occurrences)  # unique keys, sorted: a prefix's extensions follow it
    for rank, key in enumerate(ordered):
        index = occurrences[key][0]
        if len(key) < MIN_PREFIX_CHARS:
            continue
        best: int | None = None
        for other_key in ordered[rank + 1 : rank + 1 + _MAX_PREFIX_SCAN]:
            if not other_key.startswith(key):
                break
            # Any later occurrence counts: the full text may also stand earlier and repeat.
            later = next((other for other in occurrences[other_key] if other > index), None)
            if later is not None and (best is None or later < best):
                best = later
        if best is not None:
            duplicate_of[index] = best
    return [_root(duplicate_of, index) for index in range(len(keys))]


def _root(links: list[int | None], index: int) -> int | None:
    target = links[index]
    seen = {index}
    while target is not None and links[target] is not None and target not in seen:
        seen.add(target)
        target = links[target]
    return target

"""Align the stored paragraphs of a document with a changed version of its source.

Exact matches come first: the longest run of identical paragraphs in the same order are
anchors (unchanged), the other identical ones were moved. Only inside the gaps between
anchors are paragraphs compared by similarity, in a monotone alignment that also knows
one paragraph split in two and two merged into one. The cost therefore follows the size
of the changes, not of the document; large gaps are aligned within a diagonal band.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

# A 1:1 pair below this similarity is a removal plus an insertion, not an edit.
EDIT_MIN_SIMILARITY = 0.5
# Split and merge claim three paragraphs at once, so they must match much more closely.
JOIN_MIN_SIMILARITY = 0.8
# How a split or merged paragraph's parts are joined when compared with the whole.
JOINER = " "
# Gaps with more old x new pairs than this are aligned in a band around the diagonal.
MAX_GAP_CELLS = 40_000
MIN_BAND = 8


class ChangeKind(StrEnum):
    """What happened to a paragraph between the stored version and the new one."""

    UNCHANGED = "unchanged"
    MOVED = "moved"
    EDITED = "edited"
    SPLIT = "split"  # one old paragraph became two new ones
    MERGED = "merged"  # two old paragraphs became one new one
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Alignment:
    """One step of the plan: which old paragraphs (by index) became which new ones."""

    kind: ChangeKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float = 1.0


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """Normalised Indel similarity in 0..1 (0 when below `cutoff`)."""
    return fuzz.ratio(a, b, score_cutoff=cutoff * 100) / 100


def _exact_pairs(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """(old, new) index pairs of identical texts; repeated texts pair up in order."""
    positions: dict[str, list[int]] = defaultdict(list)
    for index in range(len(old) - 1, -1, -1):
        positions[old[index]].append(index)  # reversed, so pop() yields the first
    pairs: list[tuple[int, int]] = []
    for new_index, text in enumerate(new):
        waiting = positions.get(text)
        if waiting:
            pairs.append((waiting.pop(), new_index))
    return pairs


def _longest_in_order(pairs: list[tuple[int, int]]) -> set[int]:
    """Indexes into `pairs` (sorted by new index) whose old indexes form the longest
    increasing run: patience sorting, O(n log n)."""
    tails: list[int] = []  # old index ending the best run of each length
    tail_at: list[int] = []  # the pair index of that tail
    previous: list[int] = [-1] * len(pairs)
    for pair_index, (old_index, _) in enumerate(pairs):
        length = bisect.bisect_left(tails, old_index)
        if length == len(tails):
            tails.append(old_index)
            tail_at.append(pair_index)
        else:
            tails[length] = old_index
            tail_at[length] = pair_index
        previous[pair_index] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    cursor = tail_at[-1] if tail_at else -1
    while cursor != -1:
        kept.add(cursor)
        cursor = previous[cursor]
    return kept


def align_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[Alignment]:
    """The plan that turns `old` into `new`, ordered as the new version reads.

    Every old index and every new index appears in exactly one step. Removed paragraphs
    are placed where they used to be, after the new paragraph that precedes them.
    """
    pairs = _exact_pairs(old, new)
    in_order = _longest_in_order(pairs)
    anchors = [pair for index, pair in enumerate(pairs) if index in in_order]
    moved = [pair for index, pair in enumerate(pairs) if index not in in_order]
    matched_old = {old_index for old_index, _ in pairs}
    matched_new = {new_index for _, new_index in pairs}

    keyed: list[tuple[float, int, Alignment]] = []
    sequence = 0

    def emit(step: Alignment, key: float) -> None:
        nonlocal sequence
        keyed.append((key, sequence, step))
        sequence += 1

    for old_index, new_index in moved:
        emit(Alignment(ChangeKind.MOVED, (old_index,), (new_index,)), new_index)
    previous_old, previous_new = -1, -1
    for old_index, new_index in [*anchors, (len(old), len(new))]:
        gap_old = [i for i in range(previous_old + 1, old_index) if i not in matched_old]
        gap_new = [j for j in range(previous_new + 1, new_index) if j not in matched_new]
        cursor = float(previous_new)
        for step in _align_gap(gap_old, gap_new, old, new):
            if step.new:
                cursor = step.new[0]
                emit(step, cursor)
            else:
                emit(step, cursor + 0.5)
        if old_index < len(old):
            emit(Alignment(ChangeKind.UNCHANGED, (old_index,), (new_index,)), new_index)
        previous_old, previous_new = old_index, new_index
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [step for _, _, step in keyed]


def _band(rows: int, columns: int) -> int | None:
    """Half-width of the diagonal band to search, or None to search the whole gap.

    Wide enough that consecutive rows' bands overlap, so the corner is always reachable.
    """
    if rows * columns <= MAX_GAP_CELLS:
        return None
    return max(MIN_BAND, math.ceil(columns / max(rows, 1)) + 1, MAX_GAP_CELLS // (rows + 1))


def _align_gap(
    gap_old: list[int], gap_new: list[int], old: Sequence[str], new: Sequence[str]
) -> list[Alignment]:
    """Monotone alignment of one gap maximising total similarity (dynamic programming).

    Moves: remove an old paragraph, insert a new one, pair 1:1 (edited), 1:2 (split) or
    2:1 (merged). Pairs below their similarity threshold are not allowed.
    """
    rows, columns = len(gap_old), len(gap_new)
    if rows == 0 or columns == 0:
        return [Alignment(ChangeKind.REMOVED, (i,), (), 0.0) for i in gap_old] + [
            Alignment(ChangeKind.NEW, (), (j,), 0.0) for j in gap_new
        ]
    band = _band(rows, columns)
    # best[(i, j)]: best score aligning gap_old[:i] with gap_new[:j], and how it was reached.
    best: dict[tuple[int, int], _Cell] = {(0, 0): (0.0, 0, 0, None)}
    for i in range(rows + 1):
        if band is None:
            low, high = 0, columns
        else:
            centre = i * columns / rows
            low, high = max(0, math.ceil(centre - band)), min(columns, math.floor(centre + band))
        for j in range(low, high + 1):
            if i or j:
                cell = _best_move(best, i, j, gap_old, gap_new, old, new)
                if cell is not None:
                    best[(i, j)] = cell
    steps: list[Alignment] = []
    position = (rows, columns)
    while position != (0, 0):
        _, from_i, from_j, step = best[position]
        if step is None:  # only the origin has no step
            break
        steps.append(step)
        position = (from_i, from_j)
    steps.reverse()
    return steps


_Cell = tuple[float, int, int, Alignment | None]


def _best_move(
    best: dict[tuple[int, int], _Cell],
    i: int,
    j: int,
    gap_old: list[int],
    gap_new: list[int],
    old: Sequence[str],
    new: Sequence[str],
) -> _Cell | None:
    """The best way to reach cell (i, j) from an already scored cell, if any."""
    options: list[_Cell] = []

    def consider(di: int, dj: int, gain: float, step: Alignment) -> None:
        origin = best.get((i - di, j - dj))
        if origin is not None:
            options.append((origin[0] + gain, i - di, j - dj, step))

    if i >= 1:
        consider(1, 0, 0.0, Alignment(ChangeKind.REMOVED, (gap_old[i - 1],), (), 0.0))
    if j >= 1:
        consider(0, 1, 0.0, Alignment(ChangeKind.NEW, (), (gap_new[j - 1],), 0.0))
    if i >= 1 and j >= 1:
        a, b = gap_old[i - 1], gap_new[j - 1]
        score = similarity(old[a], new[b], EDIT_MIN_SIMILARITY)
        if score:
            consider(1, 1, score, Alignment(ChangeKind.EDITED, (a,), (b,), score))
    if i >= 1 and j >= 2 and (i - 1, j - 2) in best:
        a, b1, b2 = gap_old[i - 1], gap_new[j - 2], gap_new[j - 1]
        score = similarity(old[a], new[b1] + JOINER + new[b2], JOIN_MIN_SIMILARITY)
        if score:
            consider(1, 2, score, Alignment(ChangeKind.SPLIT, (a,), (b1, b2), score))
    if i >= 2 and j >= 1 and (i - 2, j - 1) in best:
        a1, a2, b = gap_old[i - 2], gap_old[i - 1], gap_new[j - 1]
        score = similarity(old[a1] + JOINER + old[a2], new[b], JOIN_MIN_SIMILARITY)
        if score:
            consider(2, 1, score, Alignment(ChangeKind.MERGED, (a1, a2), (b,), score))
    return max(options, key=lambda option: option[0]) if options else None

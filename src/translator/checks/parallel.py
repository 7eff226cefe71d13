"""Full runs on several cores.

The per-unit work of a run (paragraph checks, group entries, contributions) is most of its
cost and needs no other unit, so contiguous slices of the units go to forked worker
processes; the project-wide finish (groups, name clusters) runs in the parent over the
slices' results in unit order, so the findings equal a one-process run's. Workers are
forked (they inherit the built checks and their caches, nothing is re-loaded) and only
from a single-threaded process: forking a threaded one (the TUI's workers) can deadlock,
so there, and where fork is missing, the run stays in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.checks import stamps
from translator.checks.base import (
    CheckUnit,
    ContributionProjectCheck,
    GroupedProjectCheck,
    GroupMember,
    sorted_contributions,
    sorted_members,
)
from translator.core.findings import Finding

if TYPE_CHECKING:
    from translator.checks.runner import CheckSuite, RunResult

MIN_UNITS_PER_WORKER = 2_000  # below this, starting workers costs more than it saves
SLICES_PER_WORKER = 4  # smaller slices even out slow and fast stretches of a project


@dataclass
class UnitResults:
    """What the per-unit work of a run found, in unit order."""

    findings: list[Finding] = field(default_factory=list)
    entries: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    contributions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    stamps: list[tuple[int, bytes]] = field(default_factory=list)  # (paragraph id, stamp)

    def extend(self, other: UnitResults) -> None:
        self.findings.extend(other.findings)
        self.stamps.extend(other.stamps)
        for kind, entries in other.entries.items():
            self.entries.setdefault(kind, []).extend(entries)
        for kind, contributions in other.contributions.items():
            self.contributions.setdefault(kind, []).extend(contributions)


def unit_results(
    suite: CheckSuite,
    units: Sequence[CheckUnit],
    paragraph_ids: Collection[int] | None,
    stamp_with: str | None = None,
) -> UnitResults:
    """Paragraph findings (for `paragraph_ids`, or all units when None), the grouped checks'
    entries and the contribution checks' contributions of `units`; with `stamp_with` (a
    suite fingerprint), each unit's stamp too (checks/stamps.py)."""
    results = UnitResults(
        entries={check.kind: [] for check in suite.grouped_checks},
        contributions={check.kind: [] for check in suite.contribution_checks},
    )
    grouped = [(check, results.entries[check.kind]) for check in suite.grouped_checks]
    contributing = [
        (check, results.contributions[check.kind]) for check in suite.contribution_checks
    ]
    findings = results.findings
    for unit in units:
        if paragraph_ids is None or unit.paragraph_id in paragraph_ids:
            for paragraph_check in suite.paragraph_checks:
                findings.extend(paragraph_check.check(unit))
        for grouped_check, entries in grouped:
            for key, value in grouped_check.group_entries(unit).items():
                entries.append((key, unit.paragraph_id, value))
        for contribution_check, contributions in contributing:
            text = contribution_check.contribution(unit)
            if text:
                contributions.append((text, unit.paragraph_id))
    if stamp_with is not None:
        stamp = stamps.unit_stamp
        results.stamps = [(unit.paragraph_id, stamp(unit, stamp_with)) for unit in units]
    return results


_JOB: tuple[CheckSuite, Sequence[CheckUnit], Collection[int] | None, str | None] | None = None


def _work(bounds: tuple[int, int]) -> UnitResults:
    assert _JOB is not None, "a worker runs only inside collect()"
    suite, units, paragraph_ids, stamp_with = _JOB
    return unit_results(suite, units[bounds[0] : bounds[1]], paragraph_ids, stamp_with)


def default_workers(unit_count: int) -> int:
    """Cores to use for `unit_count` units: 1 unless forking is safe here and worth it."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if threading.active_count() > 1 or threading.current_thread() is not threading.main_thread():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, unit_count // MIN_UNITS_PER_WORKER))


def collect(
    suite: CheckSuite,
    units: Sequence[CheckUnit],
    paragraph_ids: Collection[int] | None = None,
    workers: int | None = None,
    stamp_with: str | None = None,
) -> UnitResults:
    """`unit_results` over `units`, on `workers` processes (default: `default_workers`)."""
    for check in (*suite.paragraph_checks, *suite.project_checks):
        check.prepare(units)
    workers = default_workers(len(units)) if workers is None else workers
    if workers <= 1 or len(units) < 2:
        return unit_results(suite, units, paragraph_ids, stamp_with)
    global _JOB
    slices = workers * SLICES_PER_WORKER
    step = -(-len(units) // slices)
    bounds = [(start, min(start + step, len(units))) for start in range(0, len(units), step)]
    _JOB = (suite, units, paragraph_ids, stamp_with)
    # Objects that exist before the fork are frozen out of the cyclic collector, so a
    # worker's collections do not write to (and so copy) every inherited page.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_work, bounds, chunksize=1)
    finally:
        _JOB = None
        gc.unfreeze()
    merged = UnitResults()
    for part in parts:
        merged.extend(part)
    return merged


def finish(suite: CheckSuite, results: UnitResults, units: Sequence[CheckUnit]) -> RunResult:
    """The project checks' findings and index from the per-unit results (and, for project
    checks of neither kind, from `units` themselves).

    The entries and contributions may come in any order (a run that reuses stored results
    reads them from the index): groups and contributions are put in one canonical order
    first (base.sorted_members, base.sorted_contributions), the order a re-check uses too,
    so the findings never depend on where the results came from."""
    from translator.checks.runner import RunResult

    result = RunResult()
    for check in suite.project_checks:
        if isinstance(check, GroupedProjectCheck):
            groups: defaultdict[str, list[GroupMember]] = defaultdict(list)
            member = GroupMember._make  # from a (paragraph id, value) pair, in C
            for key, paragraph_id, value in results.entries[check.kind]:
                groups[key].append(member((paragraph_id, value)))
            for key, members in sorted_members(groups):
                result.index.extend((check.kind, key, pid, value) for pid, value in members)
                result.findings.extend((f, key) for f in check.check_group(key, members))
        elif isinstance(check, ContributionProjectCheck):
            paragraphs: defaultdict[str, list[int]] = defaultdict(list)
            for text, paragraph_id in results.contributions[check.kind]:
                paragraphs[text].append(paragraph_id)
            contributions = sorted_contributions(paragraphs)
            result.index.extend(
                (check.kind, text, pid, "") for text, ids in contributions for pid in ids
            )
            found = check.check_contributions(contributions)
            result.findings.extend((f, None) for f in found)
        else:
            result.findings.extend((f, None) for f in check.check_project(units))
    return result

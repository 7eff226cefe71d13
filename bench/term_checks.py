"""Benchmark: the term checks (term-missing, term-forbidden, term-inconsistent) per paragraph.

    .venv/bin/python bench/term_checks.py [--units 20000] [--repeat 3]

Units are the paragraph pairs of the parallel sample texts (corpora/ru_case_zhuravlev.txt and
en_case_zhuravlev.txt, each other's translation), each made distinct with a case number,
another defendant's surname and shifted years. Times are process CPU seconds, medians of
`--repeat` runs, all in one process (the full `translator check` also forks workers).

Measured in the same run:
- baseline "token walk, separate passes": the previous design: the matcher tokenises the
  whole text and walks the trie from every token, and term-missing and term-forbidden each
  match on their own (its term-inconsistent did no matching, so it is left out);
- "token walk, shared pass": the same walk, one analysis per paragraph for all three checks
  (term-inconsistent now compares every glossary term's rendering);
- "start regex, shared pass": the current matcher (a regex finds where terms may start).
Also: each term check alone (its own index, as `bench/check.py --per-check` times them)
against the three sharing one pass (terms.TermAnalyses); the share of the article/colony
pattern scan (glossary/patterns.py) in the current pass; and how many term-missing findings
each variant reports (they must agree).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from translator.checks.base import CheckContext, CheckUnit  # noqa: E402
from translator.checks.term_consistency import TermInconsistentCheck  # noqa: E402
from translator.checks.terms import TermForbiddenCheck, TermMissingCheck  # noqa: E402
from translator.glossary import matcher  # noqa: E402
from translator.glossary.loading import shipped_glossary  # noqa: E402
from translator.glossary.patterns import find_patterns  # noqa: E402
from translator.glossary.start_scan import SCAN_ALL  # noqa: E402

SURNAMES = (
    ("Журавлев", "Zhuravlev"),
    ("Соколов", "Sokolov"),
    ("Морозов", "Morozov"),
    ("Лебедев", "Lebedev"),
    ("Козлов", "Kozlov"),
    ("Новиков", "Novikov"),
)


def make_units(count: int) -> list[CheckUnit]:
    russian = (REPO / "corpora/ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (REPO / "corpora/en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    pairs = [(ru.strip(), en.strip()) for ru, en in zip(russian, english, strict=True)]
    units = []
    for number in range(count):
        ru, en = pairs[number % len(pairs)]
        ru_name, en_name = SURNAMES[number // len(pairs) % len(SURNAMES)]
        shift = str(2010 + number % 15)
        ru = ru.replace("Журавлев", ru_name).replace("2024", shift) + f" Дело № {number}."
        en = en.replace("Zhuravlev", en_name).replace("2024", shift) + f" Case No. {number}."
        units.append(CheckUnit(number, 1, "bench", number, "ru", "en", ru, en, "edited"))
    return units


Checks = tuple[TermMissingCheck, TermForbiddenCheck, TermInconsistentCheck]


def build(index: matcher.GlossaryIndex) -> Checks:
    return TermMissingCheck(index), TermForbiddenCheck(index), TermInconsistentCheck(index)


def shared_pass(checks: Checks, units: Sequence[CheckUnit]) -> int:
    """As the runner does it: every check on one unit, then the next unit."""
    missing, forbidden, inconsistent = checks
    found = 0
    for unit in units:
        found += sum(1 for _ in missing.check(unit))
        for _ in forbidden.check(unit):
            pass
        inconsistent.group_entries(unit)
    return found


def separate_passes(checks: Checks, units: Sequence[CheckUnit]) -> int:
    """The previous design: term-missing and term-forbidden each over every unit on its own
    (its term-inconsistent compared abbreviations only, with no matching: left out here)."""
    missing, forbidden, _ = checks
    found = sum(1 for unit in units for _ in missing.check(unit))
    for unit in units:
        for _ in forbidden.check(unit):
            pass
    return found


def token_walk_index() -> matcher.GlossaryIndex:
    """The matcher with its start regex off: whole-text tokenisation, a walk per token."""
    index = matcher.GlossaryIndex(shipped_glossary())
    index._start_scan = {lang: SCAN_ALL for lang in index._start_scan}
    return index


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    run()  # warm the per-word caches (pymorphy analyses), as any run after the first
    times, found = [], 0
    for _ in range(repeat):
        started = time.process_time()
        found = run()
        times.append(time.process_time() - started)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    units = make_units(args.units)
    context_index = TermMissingCheck.from_context(CheckContext()).index
    current = build(context_index)
    walk = build(token_walk_index())
    variants = [
        ("token walk, separate passes (baseline, 2 checks)", lambda: separate_passes(walk, units)),
        ("token walk, shared pass (3 checks)", lambda: shared_pass(walk, units)),
        ("start regex, shared pass (3 checks)", lambda: shared_pass(current, units)),
    ]
    print(f"{len(units):,} units (paragraph pairs ru->en), CPU seconds, median of {args.repeat}")
    results = []
    for label, run in variants:
        seconds, found = timed(run, args.repeat)
        results.append(seconds)
        print(
            f"  {label:48s} {seconds:6.2f} s  {len(units) / seconds:9,.0f} units/s  "
            f"term-missing findings: {found}"
        )
    baseline = results[0]
    print(
        f"  speed-up over the baseline: {baseline / results[-1]:.1f}x "
        f"(shared pass alone {baseline / results[1]:.1f}x)"
    )
    alone: list[tuple[str, Callable[[Checks], int]]] = [
        ("term-missing", lambda c: sum(1 for u in units for _ in c[0].check(u))),
        ("term-forbidden", lambda c: sum(1 for u in units for _ in c[1].check(u))),
        ("term-inconsistent", lambda c: sum(len(c[2].group_entries(u)) for u in units)),
    ]
    alone_total = 0.0
    for kind, run_one in alone:
        fresh = build(matcher.GlossaryIndex(shipped_glossary()))  # nothing shared
        seconds, _ = timed(partial(run_one, fresh), args.repeat)
        alone_total += seconds
        print(f"  {kind} alone: {seconds:.2f} s")
    shared = results[-1]
    print(
        f"  the three alone: {alone_total:.2f} s; sharing one pass: {shared:.2f} s "
        f"({alone_total / shared:.1f}x)"
    )
    pattern_seconds, _ = timed(
        lambda: sum(
            len(find_patterns(u.source_text, "ru")) + len(find_patterns(u.target_text, "en"))
            for u in units
        ),
        args.repeat,
    )
    print(
        f"  of which article/colony patterns over both texts (glossary/patterns.py): "
        f"{pattern_seconds:.2f} s ({pattern_seconds / results[-1]:.0%} of the current pass)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()

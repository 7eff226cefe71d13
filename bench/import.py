"""Import + segmentation throughput on 100,000 paragraphs built from the sample corpus.

Usage: .venv/bin/python bench/import.py [--paragraphs 100000] [--runs 3]

Each run imports the generated files into a fresh project in a child process (so peak RSS
is the import's own), timing the whole path: read, decode, paragraph split, language,
sentence split, duplicate detection, one SQLite transaction. Baseline, same run: razdel's
sentenize alone over the same paragraphs (the segmentation floor with no I/O or store).
Prints medians. Targets (issue 2): >= 10,000 paragraphs/s, < 400 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from razdel import sentenize

from translator import services
from translator.ingest.paragraphs import split_paragraphs
from translator.ingest.reading import FORMATS

REPO = Path(__file__).resolve().parents[1]
FILES = 10


def corpus_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted((REPO / "corpora").iterdir()):
        fmt = FORMATS.get(path.suffix)
        if fmt and path.name != "README.md":
            paragraphs += split_paragraphs(path.read_text(encoding="utf-8"), fmt)
    if not paragraphs:
        sys.exit("bench/import.py: corpora/ holds no sample texts")
    return paragraphs


def build_files(folder: Path, total: int) -> list[str]:
    """`total` unique paragraphs (a running number keeps them unique) in FILES text files,
    Russian and English kept apart so each file has one language."""
    base = corpus_paragraphs()
    russian = [p for p in base if any("\u0400" <= c <= "\u04ff" for c in p)]
    english = [p for p in base if p not in russian]
    per_file = total // FILES
    generated: list[str] = []
    for index in range(FILES):
        pool = russian if index % 2 == 0 else english
        lines = []
        for n in range(per_file):
            paragraph = f"{pool[n % len(pool)]} ({index * per_file + n})"
            lines.append(paragraph)
            generated.append(paragraph)
        lang = "ru" if index % 2 == 0 else "en"
        (folder / f"bench_{index:02d}_{lang}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    return generated


def child(folder: Path) -> None:
    """One timed import into a fresh project; prints JSON."""
    project = services.init_project(folder / "project")
    paths = sorted(folder.glob("bench_*.txt"))
    started = time.perf_counter()
    with services.open_project_store(project) as store:
        report = services.import_sources(project, store, paths, actor="bench")
    elapsed = time.perf_counter() - started
    paragraphs = sum(item.paragraphs for item in report.imported)
    # Peak of the main process and of the largest parsing worker (they run side by side).
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "paragraphs": paragraphs,
                "peak_mb": peak_kb / 1024,
                "worker_peak_mb": worker_kb / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        paragraphs = build_files(folder, args.paragraphs)
        size_mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1048576
        print(f"input: {len(paragraphs):,} paragraphs in {FILES} files, {size_mb:.1f} MB")
        runs = []
        for run in range(args.runs):
            run_dir = folder / f"run{run}"
            run_dir.mkdir()
            for path in folder.glob("bench_*.txt"):
                (run_dir / path.name).symlink_to(path)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(run_dir)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            runs.append(json.loads(out.stdout))
        baseline = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for paragraph in paragraphs:
                for _sentence in sentenize(paragraph):
                    pass
            baseline.append(time.perf_counter() - started)
    seconds = statistics.median(r["seconds"] for r in runs)
    imported = runs[0]["paragraphs"]
    rate = imported / seconds
    baseline_rate = len(paragraphs) / statistics.median(baseline)
    peak = max(r["peak_mb"] for r in runs)
    worker_peak = max(r["worker_peak_mb"] for r in runs)
    print(f"translator import (median of {args.runs}): {seconds:.2f} s, {rate:,.0f} paragraphs/s")
    print(f"baseline razdel.sentenize only (median): {baseline_rate:,.0f} paragraphs/s")
    print(f"ratio translator/baseline: {rate / baseline_rate:.2f}")
    workers = min(FILES, os.cpu_count() or 1)
    together = peak + workers * worker_peak
    print(f"peak RSS: import process {peak:.0f} MB, largest parsing worker {worker_peak:.0f} MB")
    print(f"peak RSS, all {workers} workers and the main process added up: {together:.0f} MB")
    print(f"targets: >= 10,000 paragraphs/s {'MET' if rate >= 10_000 else 'MISSED'}; "
          f"< 400 MB {'MET' if together < 400 else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()

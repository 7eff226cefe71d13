"""Source update of a 5,000-paragraph document: 2% of paragraphs edited, 1% inserted, 1% removed.

Usage: .venv/bin/python bench/update.py [--paragraphs 5000] [--runs 5]

Set-up (not timed): a project holding the document with every paragraph approved, copied
afresh for each run. Each run times, in a child process (so peak RSS is its own), the whole
`translator import` of the changed file: read, parse, align, plan, one write transaction.
Baseline, same run: deleting the document and importing the new version as a new one (what
one would do without updates; it loses every translation and review). Prints medians.
Target (issue 8): update <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from translator import services
from translator.ingest.paragraphs import split_paragraphs
from translator.ingest.reading import FORMATS
from translator.project import load_project

REPO = Path(__file__).resolve().parents[1]
NAME = "case.txt"


def english_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted((REPO / "corpora").iterdir()):
        fmt = FORMATS.get(path.suffix)
        if fmt and path.name != "README.md":
            paragraphs += split_paragraphs(path.read_text(encoding="utf-8"), fmt)
    english = [p for p in paragraphs if not any("\u0400" <= c <= "\u04ff" for c in p)]
    if not english:
        sys.exit("bench/update.py: corpora/ holds no English sample texts")
    return english


def versions(count: int, seed: int = 8) -> tuple[list[str], list[str], dict[str, int]]:
    """The stored version and the new one, with the changes counted as planted."""
    rng = random.Random(seed)
    pool = english_paragraphs()
    old = [f"{pool[n % len(pool)]} (No. {n})" for n in range(count)]
    new: list[str] = []
    planted = {"edited": 0, "inserted": 0, "removed": 0}
    for text in old:
        roll = rng.random()
        if roll < 0.02:
            new.append(text.replace("(No. ", "(corrected: No. "))
            planted["edited"] += 1
        elif roll < 0.03:
            planted["removed"] += 1
        elif roll < 0.04:
            new += [text, f"A new paragraph on the appeal, inserted as No. {len(new)}."]
            planted["inserted"] += 1
        else:
            new.append(text)
    return old, new, planted


def child(mode: str, root: Path, source: Path) -> None:
    """One timed operation on a prepared project copy; prints JSON."""
    project = load_project(root)
    started = time.perf_counter()
    with services.open_project_store(project) as store:
        if mode == "update":
            report = services.import_sources(project, store, [source], actor="bench")
            [summary] = report.updated
            result = {kind.value: count for kind, count in summary.counts.items()}
        else:  # baseline: drop the document (and all its reviews), import it anew
            with sqlite3.connect(project.database_path) as raw:
                raw.execute("PRAGMA foreign_keys = ON")
                raw.execute("DELETE FROM documents WHERE name = ?", (NAME,))
            report = services.import_sources(project, store, [source], actor="bench")
            result = {"imported": report.imported[0].paragraphs}
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, "result": result}))


def prepare(folder: Path, old: list[str], new: list[str]) -> tuple[Path, Path]:
    """A project with the old version imported and approved; the new version's file."""
    project = services.init_project(folder / "template")
    (folder / "v1").mkdir()
    first = folder / "v1" / NAME
    first.write_text("\n\n".join(old) + "\n", encoding="utf-8")
    with services.open_project_store(project) as store:
        services.import_sources(project, store, [first], actor="bench")
    with sqlite3.connect(project.database_path) as raw:
        raw.execute(
            "UPDATE paragraphs SET status = 'approved', target_text = 'Перевод ' || id, "
            "version = version + 1, updated_by = 'editor'"
        )
    second = folder / NAME
    second.write_text("\n\n".join(new) + "\n", encoding="utf-8")
    return project.root, second


def timed(mode: str, template: Path, source: Path, runs: int, folder: Path) -> list[dict[str, Any]]:
    results = []
    for run in range(runs):
        copy = folder / f"{mode}{run}"
        shutil.copytree(template, copy)
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(copy), str(source)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(out.stdout))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "ROOT", "SOURCE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        mode, root, source = args.child
        child(mode, Path(root), Path(source))
        return
    old, new, planted = versions(args.paragraphs)
    with tempfile.TemporaryDirectory(prefix="bench-update-") as tmp:
        folder = Path(tmp)
        template, source = prepare(folder, old, new)
        updates = timed("update", template, source, args.runs, folder)
        baseline = timed("baseline", template, source, args.runs, folder)
    print(f"document: {len(old):,} paragraphs; planted changes: {planted}")
    print(f"found: {updates[0]['result']}")
    update_s = statistics.median(r["seconds"] for r in updates)
    baseline_s = statistics.median(r["seconds"] for r in baseline)
    print(f"update (median of {args.runs}): {update_s:.3f} s; "
          f"peak RSS {max(r['peak_mb'] for r in updates):.0f} MB")  # fmt: skip
    print(f"baseline delete + re-import, reviews lost (median): {baseline_s:.3f} s; "
          f"peak RSS {max(r['peak_mb'] for r in baseline):.0f} MB")  # fmt: skip
    print(f"ratio update/baseline: {update_s / baseline_s:.2f}")
    print(f"target: update <= 2 s {'MET' if update_s <= 2.0 else 'MISSED'}")


if __name__ == "__main__":
    main()

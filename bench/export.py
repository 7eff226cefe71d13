"""Export speed and memory: 50,000 approved paragraphs in every format.

Each export runs as its own `translator export` process (wall time and that process's peak
RSS, from os.wait4); the baselines are Translate Toolkit's `po2tmx` and `po2xliff` converting
the equivalent PO file (our PO export of the same paragraphs), timed the same way in the same
run. Medians of --repeat runs. Targets: TMX and XLIFF at least as fast as the converters,
every format under 10 s, peak RSS under 500 MB.

    .venv/bin/python bench/export.py [--paragraphs 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translator import services
from translator.ingest.sentences import split_sentences
from translator.store import NewDocument, NewParagraph

BIN = Path(sys.executable).parent
SOURCE = (
    "Суд отказал в удовлетворении жалобы адвоката Д. А. Журавлёва на постановление по ч. 2 "
    "ст. 20.3 КоАП РФ. Защита намерена обжаловать решение в кассационном порядке. Абзац {n}."
)
TARGET = (
    "The court dismissed the complaint filed by D. A. Zhuravlyov's lawyer against the ruling "
    "under Part 2 of Art. 20.3 of the Code of Administrative Offences. The defence intends to "
    "appeal in cassation. Paragraph {n}."
)
FORMATS = ("po", "xliff", "xliff2", "tmx", "md", "html", "docx", "txt")
PER_DOCUMENT = {"md", "html", "docx", "txt"}


def build_project(root: Path, paragraphs: int, per_document: int = 1000) -> Path:
    """A project of approved paragraphs; targets and approvals are set in bulk SQL (setup only)."""
    project = services.init_project(root / "proj", name="bench")
    sentences = split_sentences(SOURCE.format(n=0), "ru")
    with services.open_project_store(project) as store:
        documents = []
        for start in range(0, paragraphs, per_document):
            count = min(per_document, paragraphs - start)
            documents.append(
                NewDocument(
                    name=f"case-{start // per_document:03d}.txt",
                    source_lang="ru",
                    target_lang="en",
                    source_path="/bench",
                    sha256=f"{start:064d}",
                    encoding="utf-8",
                    imported_by="bench",
                    paragraphs=[
                        NewParagraph(
                            SOURCE.format(n=start + i), (*sentences[:-1], f"Абзац {start + i}.")
                        )
                        for i in range(count)
                    ],
                )
            )
        store.add_documents(documents)
    db = sqlite3.connect(project.database_path)
    with db:
        db.execute(
            "UPDATE paragraphs SET status = 'approved', version = 3, updated_by = 'bob', "
            "target_text = replace(?, '{n}', substr(source_text, instr(source_text, 'Абзац ') + 6, "
            "length(source_text) - instr(source_text, 'Абзац ') - 6))",
            (TARGET,),
        )
        for action, old, new, actor in (
            ("edit", "new", "edited", "alice"),
            ("status", "edited", "approved", "bob"),
        ):
            db.execute(
                "INSERT INTO history (paragraph_id, actor, action, old_status, new_status, "
                "old_target, new_target, created_at) SELECT id, ?, ?, ?, ?, '', target_text, "
                "'2026-01-01T00:00:00' FROM paragraphs",
                (actor, action, old, new),
            )
    db.close()
    return project.root


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process and its workers.

    CPU time (user + system) is reported beside wall time because it stays comparable on a
    machine other jobs are loading.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed: {error}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def summary(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall and CPU seconds, highest peak RSS."""
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def export_command(project: Path, fmt: str, out: Path) -> list[str]:
    return [
        str(BIN / "translator"),
        "--project",
        str(project),
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--force",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        started = time.perf_counter()
        project = build_project(work, args.paragraphs)
        print(
            f"setup: {args.paragraphs:,} approved paragraphs in "
            f"{time.perf_counter() - started:.1f} s"
        )
        results: dict[str, tuple[float, float, float]] = {}
        outputs = {
            fmt: work / (f"out-{fmt}" if fmt in PER_DOCUMENT else f"out.{fmt}") for fmt in FORMATS
        }
        for fmt in FORMATS:
            runs = [
                run_measured(export_command(project, fmt, outputs[fmt])) for _ in range(args.repeat)
            ]
            results[fmt] = summary(runs)
        po_file = outputs["po"]
        baselines = {
            "po2tmx": [str(BIN / "po2tmx"), "-l", "en", str(po_file), str(work / "tt.tmx")],
            "po2xliff": [str(BIN / "po2xliff"), str(po_file), str(work / "tt.xlf")],
        }
        for name, command in baselines.items():
            runs = [run_measured(command) for _ in range(args.repeat)]
            results[name] = summary(runs)
        print(f"\n{'format':10} {'wall s':>7} {'CPU s':>7} {'par/s':>8} {'peak MB':>8}  target")
        for name, (seconds, cpu, rss) in results.items():
            ok = "ok" if seconds < 10 and rss < 500 else "MISSED (<10 s, <500 MB)"
            ok = ok if name in FORMATS else "baseline"
            rate = args.paragraphs / seconds
            print(f"{name:10} {seconds:7.2f} {cpu:7.2f} {rate:8,.0f} {rss:8.0f}  {ok}")
        print("\nratios, baseline / ours (>= 1: ours at least as fast), wall and CPU time:")
        for ours, theirs in (("tmx", "po2tmx"), ("xliff", "po2xliff")):
            wall = results[theirs][0] / results[ours][0]
            cpu = results[theirs][1] / results[ours][1]
            verdict = "ok" if wall >= 1 else "MISSED"
            print(f"  {theirs} / {ours}: wall {wall:.2f}x  CPU {cpu:.2f}x  {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

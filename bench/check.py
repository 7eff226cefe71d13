"""Benchmark: `translator check` on a 50,000-paragraph project against Translate Toolkit's
`pofilter` on the same 50,000 units as a PO file, plus the incremental re-check after a save.

    .venv/bin/python bench/check.py [--units 50000] [--repeat 3] [--per-check] [--cores 1,2,4]

`translator check` is timed four ways: a first run (on a fresh copy of the project, no
findings stored yet: every paragraph analysed, everything written); `--full` on the checked
project (every paragraph analysed again, only differences written); a re-run with nothing
changed; and a re-run after 100 paragraphs were saved (a default run re-analyses only the
paragraphs changed since their last check, and redoes the project-wide checks over all of
them: see translator/checks/stamps.py). The first run and `--full` are the figures to
compare with pofilter, which analyses every unit each time. `--per-check` adds each check's
time alone, in this process, over the same units (where a full run spends its time).

Units are the sentence pairs of the parallel sample texts (corpora/ru_case_zhuravlev.txt and
en_case_zhuravlev.txt), each made distinct with a case number, with planted name variants
(Dmitry / Dmitriy / Zhurravlev for Dmitrii Zhuravlev) and number mismatches (1% each).
Both tools run as subprocesses from the command line (start-up included, from compiled
bytecode as an installed package runs; see main()); peak RSS is
polled with psutil; CPU seconds (user + system, the process and its workers) come from
getrusage(RUSAGE_CHILDREN), steadier than wall time on a shared machine. Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polib
import psutil
import razdel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from translator import services  # noqa: E402
from translator.core.models import ReviewStatus  # noqa: E402
from translator.services import checks  # noqa: E402
from translator.store import NewDocument, NewParagraph  # noqa: E402

BIN = Path(sys.executable).parent


def sentence_pairs() -> list[tuple[str, str]]:
    russian = (REPO / "corpora/ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    english = (REPO / "corpora/en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    pairs = []
    for ru, en in zip(russian, english, strict=True):
        ru_sentences = [s.text for s in razdel.sentenize(ru.strip())]
        en_sentences = [s.text for s in razdel.sentenize(en.strip())]
        if len(ru_sentences) == len(en_sentences):
            pairs.extend(zip(ru_sentences, en_sentences, strict=True))
        else:
            pairs.append((ru.strip(), en.strip()))
    return pairs


# Defendants of the synthetic cases: surnames in -ов/-ев decline alike, so swapping the stem
# keeps every Russian form grammatical (Журавлева, Журавлеву, Журавлевым, Журавлевых).
SURNAMES = (
    ("Журавлев", "Zhuravlev"),
    ("Соколов", "Sokolov"),
    ("Морозов", "Morozov"),
    ("Лебедев", "Lebedev"),
    ("Козлов", "Kozlov"),
    ("Новиков", "Novikov"),
    ("Воробьев", "Vorobyov"),
    ("Медведев", "Medvedev"),
    ("Голубев", "Golubev"),
    ("Тарасов", "Tarasov"),
    ("Беляев", "Belyaev"),
    ("Комаров", "Komarov"),
)
_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-3]\d)(?!\d|[.,]\d)")
_DAY = re.compile(r"(?<!\d)(?<!\d[.,])(?:[1-9]|[12]\d)(?= [^\W\d_]+ (?:19|20)\d\d)")
_COLONY = re.compile(r"(?<=ИК-)\d+|(?<=IK-)\d+|(?<=№ )\d+(?= \(ИК)|(?<=No\. )\d+(?= \(IK)")


def _vary(text: str, surname: tuple[str, str], lang: str, shifts: tuple[int, int, int]) -> str:
    """One case's version of a sentence: its defendant, its years, days and colony."""
    year_shift, day_shift, colony = shifts
    side = 0 if lang == "ru" else 1
    text = text.replace(SURNAMES[0][side], surname[side])
    text = _YEAR.sub(lambda m: str(int(m.group()) + year_shift), text)
    text = _DAY.sub(lambda m: str((int(m.group()) + day_shift - 1) % 28 + 1), text)
    return _COLONY.sub(lambda m: str(int(m.group()) + colony), text)


def make_units(count: int, seed: int = 1, per_document: int = 1000) -> list[tuple[str, str]]:
    """Realistic, mostly distinct paragraphs: each document is one case (its own defendant,
    years, days and colony number); a paragraph joins one to three consecutive sentence pairs
    and ends with a case reference. Planted: name variants and typos of the defendant
    (1% each) and number mismatches (1%)."""
    rng = random.Random(seed)
    pairs = sentence_pairs()
    units = []
    case: tuple[tuple[str, str], tuple[int, int, int]] = (SURNAMES[0], (0, 0, 6))
    for index in range(count):
        if index % per_document == 0:
            shifts = (rng.randint(-6, 3), rng.randint(0, 27), rng.randint(1, 60))
            case = (rng.choice(SURNAMES), shifts)
        surname, _ = case
        shifts = (case[1][0], (case[1][1] + rng.randint(0, 3)) % 28, case[1][2])
        first = rng.randrange(len(pairs))
        chosen = pairs[first : first + rng.choice((1, 1, 2, 2, 3))]
        ru = " ".join(_vary(r, surname, "ru", shifts) for r, _ in chosen)
        en = " ".join(_vary(e, surname, "en", shifts) for _, e in chosen)
        suffix = rng.randint(1, 99)
        ru, en = f"{ru} Дело № {index}-{suffix}.", f"{en} Case No. {index}-{suffix}."
        roll = rng.random()
        if roll < 0.01 and "Dmitrii" in en:
            en = en.replace("Dmitrii", rng.choice(["Dmitry", "Dmitriy"]))
        elif roll < 0.02 and surname[1] in en:
            doubled = rng.randrange(2, len(surname[1]) - 1)
            typo = surname[1][:doubled] + surname[1][doubled] + surname[1][doubled:]
            en = en.replace(surname[1], typo, 1)
        elif roll < 0.03:
            en = en.replace(f"Case No. {index}-", f"Case No. {index + 1}-")
        units.append((ru, en))
    return units


def build_project(root: Path, units: list[tuple[str, str]], per_document: int = 1000) -> Path:
    project = services.init_project(root / "bench-project", name="bench")
    with services.open_project_store(project) as store:
        documents = [
            NewDocument(
                name=f"doc{start // per_document:03}.txt",
                source_lang="ru",
                target_lang="en",
                source_path=f"doc{start}.txt",
                sha256=f"{start:064}",
                encoding="utf-8",
                imported_by="bench",
                paragraphs=[
                    NewParagraph(ru, [ru]) for ru, _ in units[start : start + per_document]
                ],
            )
            for start in range(0, len(units), per_document)
        ]
        store.add_documents(documents)
    db = sqlite3.connect(project.database_path)
    with db:
        db.executemany(
            "UPDATE paragraphs SET target_text = ?, status = 'machine', version = 2 WHERE id = ?",
            [(en, index) for index, (_, en) in enumerate(units, 1)],
        )
    db.close()
    return project.root


def write_po(path: Path, units: list[tuple[str, str]]) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for index, (ru, en) in enumerate(units):
        po.append(polib.POEntry(msgctxt=f"p{index}", msgid=ru, msgstr=en))
    po.save(str(path))


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall
    cpu: float  # user + system of the process and its children
    peak_mb: float  # resident, process and children together, polled


def run_measured(
    command: list[str], ok: tuple[int, ...] = (0, 1), cores: int | None = None
) -> Measured:
    """One run of `command` (on the first `cores` CPUs only, when given); an exit status
    outside `ok` stops the benchmark (a failed run is not a fast one)."""

    def pin() -> None:
        if cores is not None:
            os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cores])

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=pin
    )
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            rss = watched.memory_info().rss + sum(
                child.memory_info().rss for child in watched.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in ok:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(seconds, cpu, peak / 1e6)


def summary(runs: list[Measured]) -> str:
    wall = statistics.median(run.seconds for run in runs)
    cpu = statistics.median(run.cpu for run in runs)
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {max(r.peak_mb for r in runs):.0f} MB"


def per_check_seconds(project_root: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each check alone over every unit of the project, in this process
    (per-unit work only: group entries and contributions for project checks)."""
    from translator.checks.base import (
        CheckContext,
        ContributionProjectCheck,
        GroupedProjectCheck,
        ParagraphCheck,
    )
    from translator.checks.runner import CheckSuite

    project = services.locate_project(project_root)
    timings: dict[str, float] = {}
    with services.open_project_store(project) as store:
        started = time.perf_counter()
        units = checks._units(checks.check_store(store).check_units())
        timings["(load units)"] = time.perf_counter() - started
        suite = CheckSuite.build(CheckContext(project, store))
        for check in (*suite.paragraph_checks, *suite.project_checks):
            check.prepare(units)  # as a full run does (bulk loads before the per-unit work)
            runs = []
            for _ in range(repeat + 1):  # the first run fills the check's caches
                started = time.perf_counter()
                for unit in units:
                    if isinstance(check, ParagraphCheck):
                        list(check.check(unit))
                    elif isinstance(check, GroupedProjectCheck):
                        check.group_entries(unit)
                    elif isinstance(check, ContributionProjectCheck):
                        check.contribution(unit)
                runs.append(time.perf_counter() - started)
            timings[check.kind] = statistics.median(runs[1:])
    return timings


def incremental(project_root: Path, samples: int = 20) -> dict[str, list[float]]:
    """Seconds per re-check after saving one random paragraph, for three kinds of edit: one
    that leaves the names and terms as they were (most saves), one that misspells a name
    (the name clusters are recomputed) and one that renders a term another way (its
    term-inconsistent group, thousands of paragraphs, is re-checked)."""
    project = services.locate_project(project_root)
    timings: dict[str, list[float]] = {"text edit": [], "name edit": [], "term edit": []}
    with services.open_project_store(project) as store:
        rng = random.Random(3)
        last = _count(store)
        while min(len(series) for series in timings.values()) < samples:
            paragraph = store.paragraph(rng.randint(1, last))
            named = [en for _, en in SURNAMES if en in paragraph.target_text]
            if len(timings["text edit"]) < samples:
                kind, text = "text edit", paragraph.target_text.replace("Case", "Case file")
            elif named and len(timings["name edit"]) < samples:
                kind = "name edit"
                text = paragraph.target_text.replace(named[0], named[0][:-1] + "ff", 1)
            elif "penal colony" in paragraph.target_text:
                kind = "term edit"
                text = paragraph.target_text.replace("penal colony", "prison camp", 1)
            else:
                continue
            store.save_target(paragraph.id, paragraph.version, text, ReviewStatus.EDITED, "b")
            started = time.perf_counter()
            checks.recheck_paragraph(project, store, paragraph.id)
            timings[kind].append(time.perf_counter() - started)
    return timings


EDITS_BETWEEN_RUNS = 100


def save_edits(project_root: Path, count: int, edits: int, seed: int) -> None:
    """`edits` paragraphs saved with a changed target, as reviewers' saves leave them (a new
    version, status edited), written straight to the database between two timed runs."""
    rng = random.Random(seed)
    db = sqlite3.connect(services.locate_project(project_root).database_path)
    with db:
        db.executemany(
            "UPDATE paragraphs SET target_text = target_text || ' (reviewed)', "
            "status = 'edited', version = version + 1 WHERE id = ?",
            [(rng.randint(1, count),) for _ in range(edits)],
        )
    db.close()


def _count(store: object) -> int:
    return int(store._db.execute("SELECT MAX(id) FROM paragraphs").fetchone()[0])  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--recheck-only", action="store_true", help="skip the timed full runs")
    parser.add_argument("--per-check", action="store_true", help="also time each check alone")
    parser.add_argument(
        "--cores",
        default="",
        help="comma-separated CPU counts: also time the first run and --full pinned to each "
        "(translator check uses the CPUs it may run on; pofilter uses one whatever it gets)",
    )
    args = parser.parse_args()
    # pip compiles an installed package's modules (pofilter's among them) to bytecode; an
    # editable checkout's are compiled on first import, unless PYTHONDONTWRITEBYTECODE is
    # set, as on this project's machines: then every run would compile them again.
    # The package the `translator` command imports (it may be another checkout's than the
    # one this script imports from).
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, pathlib, translator; "
            "compileall.compile_dir(pathlib.Path(translator.__file__).parent, quiet=1)",
        ],
        check=True,
        cwd=tempfile.gettempdir(),
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        units = make_units(args.units)
        pristine = build_project(root, units)
        project_root = root / "checked-project"
        po_path = root / "units.po"
        write_po(po_path, units)

        def ours_cmd(project: Path, *extra: str) -> list[str]:
            return [str(BIN / "translator"), "--project", str(project), "check", "--json", *extra]

        theirs_cmd = [str(BIN / "pofilter"), str(po_path), str(root / "out.po")]
        if args.recheck_only:
            shutil.copytree(pristine, project_root)
            run_measured(ours_cmd(project_root), ok=(0,))
            for kind, timings in incremental(project_root).items():
                print(f"re-check ({kind}): median {statistics.median(timings) * 1000:.1f} ms")
            return
        first: list[Measured] = []
        for _ in range(args.repeat):  # each on a fresh copy: nothing stored yet
            shutil.rmtree(project_root, ignore_errors=True)
            shutil.copytree(pristine, project_root)
            first.append(run_measured(ours_cmd(project_root), ok=(0,)))
        full = [run_measured(ours_cmd(project_root, "--full"), ok=(0,)) for _ in range(args.repeat)]
        rerun = [run_measured(ours_cmd(project_root), ok=(0,)) for _ in range(args.repeat)]
        edited = []
        for attempt in range(args.repeat):
            save_edits(project_root, len(units), EDITS_BETWEEN_RUNS, seed=attempt)
            edited.append(run_measured(ours_cmd(project_root), ok=(0,)))
        theirs = [run_measured(theirs_cmd) for _ in range(args.repeat)]
        documents = -(-len(units) // 1000)
        print(f"units: {len(units):,} ({documents} documents); runs: {args.repeat} each, medians")
        print(f"translator check, first run (all checks incl. project-wide): {summary(first)}")
        print(f"translator check --full, re-run (every paragraph re-analysed): {summary(full)}")
        print(f"translator check, re-run, nothing changed: {summary(rerun)}")
        print(
            f"translator check, re-run after {EDITS_BETWEEN_RUNS} saved paragraphs: "
            f"{summary(edited)}"
        )
        print(f"pofilter (baseline, default tests): {summary(theirs)}")
        for label, runs in (
            ("first run", first),
            ("--full re-run", full),
            ("re-run, nothing changed", rerun),
            (f"re-run after {EDITS_BETWEEN_RUNS} saves", edited),
        ):
            wall = statistics.median(r.seconds for r in theirs) / statistics.median(
                r.seconds for r in runs
            )
            cpu = statistics.median(r.cpu for r in theirs) / statistics.median(r.cpu for r in runs)
            print(
                f"ratio pofilter / translator check ({label}): {wall:.1f}x wall, {cpu:.1f}x CPU "
                "(target >= 5x)"
            )
        for cores in [int(count) for count in args.cores.split(",") if count]:
            pinned_first = []
            for _ in range(args.repeat):
                shutil.rmtree(project_root, ignore_errors=True)
                shutil.copytree(pristine, project_root)
                pinned_first.append(run_measured(ours_cmd(project_root), ok=(0,), cores=cores))
            pinned_full = [
                run_measured(ours_cmd(project_root, "--full"), ok=(0,), cores=cores)
                for _ in range(args.repeat)
            ]
            baseline = statistics.median(r.seconds for r in theirs)
            first_wall = statistics.median(r.seconds for r in pinned_first)
            full_wall = statistics.median(r.seconds for r in pinned_full)
            print(
                f"on {cores} CPU(s): first run {first_wall:.2f} s ({baseline / first_wall:.1f}x), "
                f"--full {full_wall:.2f} s ({baseline / full_wall:.1f}x) vs pofilter "
                f"{baseline:.2f} s"
            )
        if args.per_check:
            print("each check alone, one process, per-unit work (median seconds):")
            for kind, seconds in per_check_seconds(project_root, args.repeat).items():
                print(f"  {kind:24} {seconds:6.3f}")
        for kind, timings in incremental(project_root).items():
            print(
                f"re-check of one paragraph after a save ({kind}): "
                f"median {statistics.median(timings) * 1000:.1f} ms, "
                f"max {max(timings) * 1000:.1f} ms over {len(timings)} saves (target < 100 ms)"
            )


if __name__ == "__main__":
    main()

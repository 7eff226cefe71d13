"""Responsiveness of the review workbench on a 20,000-paragraph document (headless Pilot).

Reports: time to the first rendered review screen (target <= 1.0 s), median time to move to
the next paragraph and render it (<= 30 ms), median time to save + re-check one paragraph
(<= 100 ms), and peak RSS. Baselines measured in the same run: Textual's stock OptionList
holding the same 20,000 rows (what a non-virtual list costs), a key bound to nothing (what
any key costs), and the bare store write without checks (what the re-check adds).

How "move and render" is timed. The figure that matters to a person is key-to-painted: from
the key reaching the app (the bench hands a Key event to the driver, as the terminal input
thread does) to the end of the first compositor update that has drawn the list, the source
panel and the target of the new paragraph. The app's `_display` (called with each
compositor update once it is rendered; headless, it then writes nothing) and those three
widgets' `render_lines` are wrapped with timestamps; moves are 40 ms apart (faster than
key repeat would not be a single move). CPU time over the same interval is reported too.

The Pilot figure (`await pilot.press("down"); await pilot.pause()`) is printed as well, but
it cannot go below ~60 ms whatever the app does: `press` runs `wait_for_idle(0)` twice
and `pause` once more, and each `wait_for_idle` sleeps in 20 ms steps
(textual._wait.SLEEP_GRANULARITY) until a step in which the process used under 1 ms of CPU
(SLEEP_IDLE). So it measures 3 x 20 ms plus 20 ms for every busy step, in 20 ms quanta.

    .venv/bin/python bench/tui.py [--paragraphs 20000] [--moves 200] [--saves 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import OptionList, TextArea

from translator import services
from translator.core.models import ReviewStatus
from translator.services import review
from translator.tui.app import ReviewApp
from translator.tui.screens.review import ReviewScreen
from translator.tui.widgets.paragraph_list import ParagraphList

SENTENCES = (
    "Суд приговорил Алексея Соколова к пяти годам колонии общего режима.",
    "Защита обжаловала приговор в апелляционном суде 12 марта 2025 года.",
    "Правозащитный центр признал его политическим заключённым.",
    "Адвокат Ирина Белоусова заявила, что дело сфабриковано.",
)
TARGETS = (
    "The court sentenced Aleksei Sokolov to five years in a general-regime penal colony.",
    "The defence appealed the verdict in the appellate court on 12 March 2025.",
    "The human rights centre recognised him as a political prisoner.",
    "Lawyer Irina Belousova said the case had been fabricated.",
)
SIZE = (120, 40)


def sentence_count(position: int) -> int:
    """Paragraph lengths vary as in a real text (one to three sentences, a long one every
    25th), so panel and editor heights change between neighbours."""
    return 8 if position % 25 == 24 else 1 + position % 3


def paragraph_text(sentences: tuple[str, ...], position: int, label: str) -> str:
    count = sentence_count(position)
    body = " ".join(sentences[(position + k) % 4] for k in range(count))
    return f"{body} {label} {position}."


def build_project(root: Path, count: int) -> tuple[services.ProjectStatus, Path]:
    project = services.init_project(root / "bench", name="bench")
    source = root / "big.txt"
    source.write_text(
        "\n\n".join(paragraph_text(SENTENCES, i, "Абзац") for i in range(count)) + "\n",
        encoding="utf-8",
    )
    with services.open_project_store(project) as store:
        services.import_sources(project, store, [source], actor="bench")
        document = store.find_document("big.txt")
        assert document is not None
        # Bench setup only: give every paragraph a machine target in one transaction.
        with store.transaction() as db:  # type: ignore[attr-defined]
            db.executemany(
                "UPDATE paragraphs SET target_text = ?, status = 'machine', version = 2 "
                "WHERE id = ?",
                [
                    (paragraph_text(TARGETS, p.position, "Paragraph"), p.id)
                    for p in store.paragraphs(document.id)
                ],
            )
        return services.project_status(store), project.root


class OptionListBaseline(App[None]):
    """The stock widget alternative: one Option per paragraph."""

    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield OptionList(*self.rows)


async def first_screen(project_root: Path) -> float:
    project = services.locate_project(project_root)
    with services.open_project_store(project) as store:
        started = time.perf_counter()
        app = ReviewApp(project, store, review.actor_for(project, "bench"), "big.txt")
        async with app.run_test(size=SIZE) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.current is not None):
                await pilot.pause()
            await pilot.pause()
            return time.perf_counter() - started


async def baseline_option_list(project_root: Path) -> float:
    project = services.locate_project(project_root)
    with services.open_project_store(project) as store:
        document = store.find_document("big.txt")
        assert document is not None
        started = time.perf_counter()
        rows = [s.source_start for s in review.paragraph_summaries(store, document.id)]
        app = OptionListBaseline(rows)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return time.perf_counter() - started


class PaintClock:
    """Timestamps of compositor updates and of the drawing of chosen widgets (see top)."""

    def __init__(self, app: App[Any], widgets: list[Widget]) -> None:
        self.frames: list[float] = []
        self.drawn: dict[Widget, float] = {}
        self.widgets = widgets
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.frames.append(time.perf_counter())

        setattr(app, "_display", timed_display)  # noqa: B010 (instance patch, bench only)
        for widget in widgets:
            setattr(widget, "render_lines", self._timed(widget, widget.render_lines))  # noqa: B010

    def _timed(self, widget: Widget, render_lines: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any) -> Any:
            lines = render_lines(*args)
            self.drawn[widget] = time.perf_counter()
            return lines

        return timed

    def painted_after(self, started: float) -> float | None:
        """When the first frame that drew every watched widget after `started` was out."""
        if len(self.drawn) < len(self.widgets) or min(self.drawn.values()) < started:
            return None
        last_drawn = max(self.drawn.values())
        return next((frame for frame in self.frames if frame >= last_drawn), None)


async def key_to_painted(app: App[Any], clock: PaintClock, key: str) -> tuple[float, float]:
    """Wall and CPU seconds from handing `key` to the driver to the frame that shows it."""
    driver = app._driver
    assert driver is not None
    started, cpu = time.perf_counter(), time.process_time()
    event = events.Key(key, None)
    event.set_sender(app)
    driver.send_message(event)
    while (painted := clock.painted_after(started)) is None:
        await asyncio.sleep(0.0005)
        if time.perf_counter() - started > 5:
            raise RuntimeError(f"no frame showed the move within 5 s ({key})")
    spent_cpu = time.process_time() - cpu
    await asyncio.sleep(0.04)
    return painted - started, spent_cpu


async def moves_and_saves(project_root: Path, moves: int, saves: int) -> dict[str, float]:
    project = services.locate_project(project_root)
    with services.open_project_store(project) as store:
        app = ReviewApp(project, store, review.actor_for(project, "bench"), "big.txt")
        async with app.run_test(size=SIZE) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.current is not None):
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            watched: list[Widget] = [
                screen.query_one(ParagraphList),
                screen.query_one("#source"),
                screen.query_one("#target"),
            ]
            clock = PaintClock(app, watched)
            await pilot.pause()
            painted_times, painted_cpu = [], []
            for _ in range(moves):
                wall, cpu_spent = await key_to_painted(app, clock, "down")
                painted_times.append(wall)
                painted_cpu.append(cpu_spent)
            idle_times, idle_cpu = [], []  # the Pilot floor: a key nothing is bound to
            for _ in range(moves // 2):
                started, cpu = time.perf_counter(), time.process_time()
                await pilot.press("z")
                await pilot.pause()
                idle_times.append(time.perf_counter() - started)
                idle_cpu.append(time.process_time() - cpu)
            move_times, move_cpu = [], []
            for _ in range(moves):
                started, cpu = time.perf_counter(), time.process_time()
                await pilot.press("down")
                await pilot.pause()
                move_times.append(time.perf_counter() - started)
                move_cpu.append(time.process_time() - cpu)
            save_times, recheck_times = [], []
            target = screen.query_one("#target", TextArea)
            for index in range(saves):
                target.load_text(target.text + f" (edit {index})")
                started = time.perf_counter()
                assert screen.save_if_changed()  # the UI waits for this part only
                save_times.append(time.perf_counter() - started)
                await app.workers.wait_for_complete()  # the background re-check
                recheck_times.append(time.perf_counter() - started)
                await pilot.press("down")
                await pilot.pause()
            bare_times = []
            current = screen.current
            assert current is not None
            version = current.version
            for index in range(saves):
                started = time.perf_counter()
                saved = store.save_target(
                    current.id, version, f"bare {index}", ReviewStatus.EDITED, "bench"
                )
                bare_times.append(time.perf_counter() - started)
                version = saved.version
    return {
        "painted": statistics.median(painted_times),
        "painted_p95": percentile95(painted_times),
        "painted_cpu": statistics.median(painted_cpu),
        "idle_key": statistics.median(idle_times),
        "idle_cpu": statistics.median(idle_cpu),
        "move_cpu": statistics.median(move_cpu),
        "recheck": statistics.median(recheck_times),
        "move": statistics.median(move_times),
        "move_p95": percentile95(move_times),
        "save": statistics.median(save_times),
        "bare_save": statistics.median(bare_times),
    }


def percentile95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def peak_rss_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="first-screen runs (median)")
    args = parser.parse_args()
    os.environ.setdefault("TRANSLATOR_USER", "bench")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        status, root = build_project(Path(folder), args.paragraphs)
        print(f"setup: {status.totals.total:,} paragraphs in {time.perf_counter() - started:.1f} s")
        firsts = [asyncio.run(first_screen(root)) for _ in range(args.runs)]
        baselines = [asyncio.run(baseline_option_list(root)) for _ in range(args.runs)]
        timings = asyncio.run(moves_and_saves(root, args.moves, args.saves))
    first, baseline = statistics.median(firsts), statistics.median(baselines)
    print(f"first rendered review screen: {first * 1000:.0f} ms (target <= 1000 ms)")
    print(
        f"  baseline, stock OptionList with the same rows: {baseline * 1000:.0f} ms "
        f"(ours is {baseline / first:.1f}x faster)"
    )
    print(
        f"next paragraph + render, key to painted frame: median "
        f"{timings['painted'] * 1000:.1f} ms, p95 {timings['painted_p95'] * 1000:.1f} ms "
        f"(target <= 30 ms); CPU in that interval: median "
        f"{timings['painted_cpu'] * 1000:.1f} ms"
    )
    print(
        f"  Pilot press('down') + pause(): median {timings['move'] * 1000:.1f} ms, "
        f"p95 {timings['move_p95'] * 1000:.1f} ms, CPU {timings['move_cpu'] * 1000:.1f} ms; "
        f"baseline, a key bound to nothing: {timings['idle_key'] * 1000:.1f} ms, CPU "
        f"{timings['idle_cpu'] * 1000:.1f} ms (Pilot floor: 3 idle waits of >= 20 ms)"
    )
    print(
        f"save one paragraph (what the screen waits for): median {timings['save'] * 1000:.2f} ms;"
        f" baseline bare store write {timings['bare_save'] * 1000:.2f} ms"
    )
    print(
        f"save + re-check (background worker done): median {timings['recheck'] * 1000:.0f} ms "
        "(target <= 100 ms)"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

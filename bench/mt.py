"""Machine-translation throughput with a transformer-base sized model (random weights).

Usage: .venv/bin/python bench/mt.py [--sentences 250] [--runs 5] [--argos-sentences 60]
                                     [--argos-runs 3]

Generates (into a temp dir, never committed) two Argos packages, en->ru and ru->en, with
transformer-base dimensions (6+6 layers, d_model 512, FFN 2048, 8 heads, 32k shared
vocabulary, int8); decoding is capped at 1.25 x the source length so that a model that
never emits end-of-sentence still produces realistic output lengths. Texts: the sentences
of corpora/ and ../shared/corpora/seeds/, repeated with a running number in every sentence
until there are --sentences distinct ones. It reports sentences/s and target tokens/s for:
  (a) translator's pipeline, end to end from the store: term guard (the project glossary,
      on by default), cache look-up, tokenising, batches, restoring terms, commits; fresh
      copy of the project (empty cache) every run;
  (b) raw ctranslate2 translate_batch on the same model inputs (the protected sentences),
      pre-tokenised, in the same length-sorted batches: the practical limit;
  (c) Argos-style: one translate_batch per paragraph, beam 4, 4 hypotheses (what
      argostranslate does per call), on the first --argos-sentences sentences; and (a) on
      the same subset at beam 4, for the ratio at equal beam size.
Fair comparison: (a) and (b) drive the very same loaded ctranslate2.Translator objects
(beam, max_batch_size 32 examples, decoding cap, int8, CTranslate2's default intra/inter
threads); model load and the one-off glossary compile are done before timing and printed
apart, so neither (a) nor (b) includes them. (a) and (b) alternate within each run (a b,
b a, ...) so a busy shared machine slows both alike: medians of --runs pairs, the ratio of
each pair, and the ratio of CPU time per sentence (all threads), which other processes on
the machine disturb far less than wall time. Targets (issue 3): (a) >= 0.9 x (b); (a) >= 2
x (c) at equal beam. Defaults keep the whole bench near 5 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpora", REPO.parent / "shared" / "corpora" / "seeds"]
LENGTH_RATIO = 1.25


def corpus_paragraphs() -> list[tuple[str, list[str]]]:
    """(language, sentences) per paragraph of every sample and seed text."""
    from translator.ingest.paragraphs import split_paragraphs
    from translator.ingest.reading import FORMATS
    from translator.ingest.sentences import split_sentences

    result: list[tuple[str, list[str]]] = []
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            fmt = FORMATS.get(path.suffix)
            if fmt is None or path.name == "README.md":
                continue
            for paragraph in split_paragraphs(path.read_text(encoding="utf-8"), fmt):
                cyrillic = sum("\u0400" <= c <= "\u04ff" for c in paragraph)
                lang = "ru" if cyrillic > len(paragraph) * 0.2 else "en"
                result.append((lang, list(split_sentences(paragraph, lang))))
    if not result:
        sys.exit("bench/mt.py: no texts in corpora/")
    return result


def _tag(sentence: str, copy: int) -> str:
    """Make a repeated sentence distinct: a running number before its final punctuation."""
    if copy == 0:
        return sentence
    match = re.search(r"[.!?…»”\"')]*$", sentence)
    cut = match.start() if match else len(sentence)
    return f"{sentence[:cut]} ({copy}){sentence[cut:]}"


def write_texts(folder: Path, total: int) -> list[tuple[Path, int]]:
    """Text files (one language each) holding `total` sentences; returns (file, sentences)."""
    base = corpus_paragraphs()
    files: list[tuple[Path, int]] = []
    written = copy = 0
    while written < total:
        by_lang: dict[str, list[str]] = {"ru": [], "en": []}
        counts = {"ru": 0, "en": 0}
        for lang, sentences in base:
            if written >= total:
                break
            take = sentences[: total - written]
            by_lang[lang].append(" ".join(_tag(s, copy) for s in take))
            counts[lang] += len(take)
            written += len(take)
        for lang, paragraphs in by_lang.items():
            if paragraphs:
                path = folder / f"{lang}_copy{copy:03d}.txt"
                path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
                files.append((path, counts[lang]))
        copy += 1
    return files


def build_models(folder: Path) -> None:
    from translator.mt.argos_packages import install_package_file
    from translator.mt.synthetic import ModelDimensions, build_argos_package

    training = [s for _, sentences in corpus_paragraphs() for s in sentences]
    for index, (source, target) in enumerate((("en", "ru"), ("ru", "en"))):
        package = folder / f"{source}_{target}.argosmodel"
        build_argos_package(
            package, source, target, ModelDimensions.transformer_base(), training, seed=index
        )
        install_package_file(package)
        package.unlink()


@dataclass
class Rate:
    sentences: int
    tokens: int
    seconds: float
    cpu_seconds: float = 0.0  # process CPU time (all threads) over the same span

    @property
    def cpu_per_sentence(self) -> float:
        return self.cpu_seconds / self.sentences

    @property
    def per_second(self) -> float:
        return self.sentences / self.seconds

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds


def make_project(folder: Path, files: Sequence[Path]) -> Path:
    from translator import services

    project = services.init_project(folder, name="bench")
    with services.open_project_store(project) as store:
        services.import_sources(project, store, list(files), actor="bench")
    return folder


Direction = tuple[str, str]


class Engines:
    """Engines loaded once, before any timing, and shared by (a), (b) and (c)."""

    def __init__(self, beam: int, batch: int) -> None:
        from translator.mt.argos_packages import find_model
        from translator.mt.engine import CTranslate2Engine, EngineOptions

        self.tokens = 0  # hypothesis tokens the pipeline's engines detokenised

        bench = self

        class CountingEngine(CTranslate2Engine):
            def detokenize(self, tokens: Sequence[str]) -> str:
                bench.tokens += len(tokens)
                return super().detokenize(tokens)

        started = time.perf_counter()
        self.by_beam: dict[int, dict[Direction, CountingEngine]] = {}
        for beam_size in sorted({beam, 4}):
            options = EngineOptions(
                beam_size=beam_size,
                max_batch_size=batch,
                max_length_ratio=LENGTH_RATIO,
                max_length_extra=0,
            )
            engines = self.by_beam.setdefault(beam_size, {})
            for direction in (("en", "ru"), ("ru", "en")):
                model = find_model(*direction)
                assert model is not None
                engines[direction] = CountingEngine(model, options)
        self.load_seconds = time.perf_counter() - started

    def factory(self, beam: int) -> Any:
        def engine_for(model: Any, settings: Any) -> Any:
            return self.by_beam[beam][(model.from_code, model.to_code)]

        return engine_for


def _fresh_copy(template: Path, scratch: Path) -> Path:
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(template, scratch)
    return scratch


def warm_glossary(template: Path, scratch: Path) -> float:
    """Compile the project glossary once (cached per project path, as in a long session)."""
    from translator import services
    from translator.services import mt as mt_services

    project = services.locate_project(_fresh_copy(template, scratch))
    started = time.perf_counter()
    with services.open_project_store(project) as store:
        mt_services.project_term_guard(project, store)
    return time.perf_counter() - started


def run_pipeline(template: Path, scratch: Path, engines: Engines, beam: int) -> Rate:
    """(a): translate_project on a fresh copy of the imported project (empty cache)."""
    from translator import services
    from translator.services import mt as mt_services

    project = services.locate_project(_fresh_copy(template, scratch))
    mt = replace(project.config.mt, beam_size=beam, max_batch_size=engines_batch(engines))
    project = replace(project, config=replace(project.config, mt=mt))
    engines.tokens = 0
    with services.open_project_store(project) as store:
        cpu_started, started = time.process_time(), time.perf_counter()
        summary, _ = mt_services.translate_project(
            project, store, "bench", engine_factory=engines.factory(beam)
        )
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    return Rate(summary.total().translated, engines.tokens, seconds, cpu_seconds)


def engines_batch(engines: Engines) -> int:
    first = next(iter(next(iter(engines.by_beam.values())).values()))
    return int(first.options.max_batch_size)


def model_inputs(template: Path, scratch: Path) -> list[tuple[Direction, list[list[str]]]]:
    """Per direction: the paragraphs as lists of what the model sees (normalised sentences
    with glossary terms protected, exactly as the pipeline makes them), in store order."""
    from translator import services
    from translator.mt.assemble import normalise_sentence
    from translator.services import mt as mt_services
    from translator.store.mt_queries import MtQueries

    project = services.locate_project(_fresh_copy(template, scratch))
    with services.open_project_store(project) as store:
        assert isinstance(store, MtQueries)
        guard = mt_services.project_term_guard(project, store)
        paragraphs = store.paragraphs_for_mt()
    work: dict[Direction, list[list[str]]] = {}
    for paragraph in paragraphs:
        source, target = paragraph.source_lang, paragraph.target_lang
        work.setdefault((source, target), []).append(
            [
                normalise_sentence(
                    guard.protect(normalise_sentence(s.source_text), source, target).text
                )
                for s in paragraph.sentences
            ]
        )
    return list(work.items())


def run_raw(
    work: list[tuple[Direction, list[list[str]]]], engines: Engines, beam: int, batch: int
) -> Rate:
    """(b): translate_batch alone on the pre-tokenised distinct model inputs, sorted and
    batched as the pipeline does (length, then text)."""
    from translator.mt.engine import decoding_cap

    total_sentences = total_tokens = 0
    seconds = cpu_seconds = 0.0
    for direction, paragraphs in work:
        engine = engines.by_beam[beam][direction]
        distinct = sorted(
            {s for paragraph in paragraphs for s in paragraph}, key=lambda s: (len(s), s)
        )
        tokenized = engine.tokenize(distinct)
        translator = engine._translator  # the very ctranslate2.Translator, called raw
        cpu_started, started = time.process_time(), time.perf_counter()
        for start in range(0, len(tokenized), batch):
            chunk = tokenized[start : start + batch]
            results = translator.translate_batch(
                chunk,
                max_batch_size=batch,
                beam_size=beam,
                num_hypotheses=1,
                max_decoding_length=decoding_cap(chunk, engine.options),
                replace_unknowns=True,
            )
            total_tokens += sum(len(r.hypotheses[0]) for r in results)
        seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
        total_sentences += len(distinct)
    return Rate(total_sentences, total_tokens, seconds, cpu_seconds)


def run_argos_style(work: list[tuple[Direction, list[list[str]]]], engines: Engines) -> Rate:
    """(c): what argostranslate does per call: one paragraph, beam 4, 4 hypotheses."""
    total_sentences = total_tokens = 0
    seconds = 0.0
    for direction, paragraphs in work:
        engine = engines.by_beam[4][direction]
        translator = engine._translator
        started = time.perf_counter()
        for paragraph in paragraphs:
            tokenized = engine.tokenize(paragraph)
            cap = max(1, math.ceil(max(len(t) for t in tokenized) * LENGTH_RATIO))
            results = translator.translate_batch(
                tokenized,
                replace_unknowns=True,
                max_batch_size=32,
                batch_type="tokens",
                beam_size=4,
                num_hypotheses=4,
                length_penalty=0.2,
                return_scores=True,
                max_decoding_length=cap,
            )
            [engine.detokenize(r.hypotheses[0]) for r in results]
            total_tokens += sum(len(r.hypotheses[0]) for r in results)
            total_sentences += len(paragraph)
        seconds += time.perf_counter() - started
    return Rate(total_sentences, total_tokens, seconds)


def median_rate(rates: list[Rate]) -> Rate:
    middle = statistics.median(rate.seconds for rate in rates)
    return min(rates, key=lambda rate: abs(rate.seconds - middle))


def show(label: str, rates: list[Rate]) -> Rate:
    rate = median_rate(rates)
    each = ", ".join(f"{r.per_second:.1f}" for r in rates)
    print(
        f"{label}: {rate.sentences} sentences in {rate.seconds:.1f} s = "
        f"{rate.per_second:,.1f} sentences/s, {rate.tokens_per_second:,.0f} target tokens/s "
        f"(median of {len(rates)}; runs: {each} sentences/s)",
        flush=True,
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=250)
    parser.add_argument("--argos-sentences", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5, help="(a)/(b) pairs")
    parser.add_argument("--argos-runs", type=int, default=3, help="runs of (c) and (a) at beam 4")
    parser.add_argument("--beam", type=int, default=2, help="beam size of (a) and (b)")
    parser.add_argument("--batch", type=int, default=32, help="max_batch_size of (a) and (b)")
    args = parser.parse_args()

    bench_started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-mt-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ["ARGOS_PACKAGES_DIR"] = str(scratch / "packages")
        started = time.perf_counter()
        build_models(scratch)
        print(f"models built in {time.perf_counter() - started:.0f} s", flush=True)
        texts = scratch / "texts"
        texts.mkdir()
        full = make_project(
            scratch / "full", [path for path, _ in write_texts(texts, args.sentences)]
        )
        subset_texts = scratch / "subset-texts"
        subset_texts.mkdir()
        subset_files = [path for path, _ in write_texts(subset_texts, args.argos_sentences)]
        subset = make_project(scratch / "subset", subset_files)
        work = scratch / "work"
        engines = Engines(args.beam, args.batch)
        glossary_seconds = warm_glossary(full, work)
        print(
            f"one-off, excluded from (a) and (b): loading {len(engines.by_beam) * 2} models "
            f"{engines.load_seconds:.2f} s, compiling the glossary {glossary_seconds:.2f} s",
            flush=True,
        )
        full_inputs = model_inputs(full, scratch / "inputs")
        subset_inputs = model_inputs(subset, scratch / "inputs")

        pipeline_rates: list[Rate] = []
        raw_rates: list[Rate] = []
        for run in range(args.runs):
            order = ("a", "b") if run % 2 == 0 else ("b", "a")
            for which in order:
                if which == "a":
                    pipeline_rates.append(run_pipeline(full, work, engines, args.beam))
                else:
                    raw_rates.append(run_raw(full_inputs, engines, args.beam, args.batch))
        a = show(f"(a) pipeline, beam {args.beam}", pipeline_rates)
        b = show(f"(b) raw translate_batch, beam {args.beam}", raw_rates)
        if {r.tokens for r in pipeline_rates} != {r.tokens for r in raw_rates}:
            print("  note: (a) and (b) produced different token counts", flush=True)
        c = show(
            "(c) Argos-style per paragraph, beam 4 x 4 hypotheses",
            [run_argos_style(subset_inputs, engines) for _ in range(args.argos_runs)],
        )
        a4 = show(
            "(a) pipeline on the (c) subset, beam 4",
            [run_pipeline(subset, work, engines, 4) for _ in range(args.argos_runs)],
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    paired = [x.per_second / y.per_second for x, y in zip(pipeline_rates, raw_rates, strict=True)]
    print(
        f"a/b = {a.per_second / b.per_second:.2f} (medians; median of the pairs "
        f"{statistics.median(paired):.2f}: "
        + ", ".join(f"{ratio:.2f}" for ratio in paired)
        + "; target >= 0.9)"
    )
    cpu_ratio = statistics.median(y.cpu_per_sentence for y in raw_rates) / statistics.median(
        x.cpu_per_sentence for x in pipeline_rates
    )
    print(f"a/b by CPU time per sentence = {cpu_ratio:.2f} (less sensitive to other load)")
    print(f"a/c = {a.per_second / c.per_second:.2f} (beam {args.beam} vs 4)")
    print(f"a/c at beam 4 = {a4.per_second / c.per_second:.2f} (target >= 2)")
    print(f"peak RSS {peak_mb:.0f} MB (the whole bench: 4 models loaded at once)")
    print(f"bench took {time.perf_counter() - bench_started:.0f} s")


if __name__ == "__main__":
    main()

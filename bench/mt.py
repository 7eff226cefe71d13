"""Machine-translation throughput with a transformer-base sized model (random weights).

Usage: .venv/bin/python bench/mt.py [--sentences 2000] [--argos-sentences 150] [--runs 1]

Generates (into a temp dir, never committed) two Argos packages, en->ru and ru->en, with
transformer-base dimensions (6+6 layers, d_model 512, FFN 2048, 8 heads, 32k shared
vocabulary, int8); decoding is capped at 1.25 x the source length so that a model that
never emits end-of-sentence still produces realistic output lengths. Texts: the sentences
of corpora/ and ../shared/corpora/seeds/, repeated with a running number in every sentence
until there are --sentences distinct ones. In one run it reports sentences/s and target
tokens/s for:
  (a) translator's pipeline, end to end from the store (cache, batches, commits), fresh
      cache each run;
  (b) raw ctranslate2 translate_batch on the pre-tokenised distinct sentences with the same
      settings (length-sorted batches, same beam and cap): the practical limit;
  (c) Argos-style: one translate_batch per paragraph, beam 4, 4 hypotheses (what
      argostranslate does per call), on the first --argos-sentences sentences; and (a) on
      the same subset at beam 4, for the ratio at equal beam size.
Targets (issue 3): (a) >= 0.9 x (b); (a) >= 2 x (c) at the same beam size. Medians of --runs.
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


def run_pipeline(template: Path, scratch: Path, beam: int, batch: int) -> Rate:
    """(a): translate_project on a fresh copy of the imported project."""
    from translator import services
    from translator.mt.argos_packages import InstalledModel
    from translator.mt.engine import CTranslate2Engine, EngineOptions
    from translator.project import MtSettings
    from translator.services import mt as mt_services

    tokens = [0]

    class CountingEngine(CTranslate2Engine):
        def translate_tokens(self, tokenized: Sequence[Sequence[str]]) -> list[list[str]]:
            outputs = super().translate_tokens(tokenized)
            tokens[0] += sum(len(output) for output in outputs)
            return outputs

    def factory(model: InstalledModel, settings: MtSettings) -> CTranslate2Engine:
        options = EngineOptions(
            beam_size=beam,
            max_batch_size=batch,
            max_length_ratio=LENGTH_RATIO,
            max_length_extra=0,
        )
        return CountingEngine(model, options)

    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(template, scratch)
    project = services.locate_project(scratch)
    project = replace(
        project,
        config=replace(project.config, mt=replace(project.config.mt, beam_size=beam)),
    )
    with services.open_project_store(project) as store:
        started = time.perf_counter()
        summary, _ = mt_services.translate_project(project, store, "bench", engine_factory=factory)
        seconds = time.perf_counter() - started
    return Rate(summary.total().translated, tokens[0], seconds)


def _store_work(template: Path) -> list[tuple[tuple[str, str], list[list[str]]]]:
    """Per direction: paragraphs as lists of normalised sentences, in store order."""
    from translator import services
    from translator.mt.assemble import normalise_sentence
    from translator.store.mt_queries import MtQueries

    project = services.locate_project(template)
    with services.open_project_store(project) as store:
        assert isinstance(store, MtQueries)
        paragraphs = store.paragraphs_for_mt()
    work: dict[tuple[str, str], list[list[str]]] = {}
    for paragraph in paragraphs:
        work.setdefault((paragraph.source_lang, paragraph.target_lang), []).append(
            [normalise_sentence(s.source_text) for s in paragraph.sentences]
        )
    return list(work.items())


def _engine(source: str, target: str, beam: int, batch: int) -> Any:
    from translator.mt.argos_packages import find_model
    from translator.mt.engine import CTranslate2Engine, EngineOptions

    model = find_model(source, target)
    assert model is not None
    options = EngineOptions(
        beam_size=beam, max_batch_size=batch, max_length_ratio=LENGTH_RATIO, max_length_extra=0
    )
    return CTranslate2Engine(model, options)


def run_raw(template: Path, beam: int, batch: int) -> Rate:
    """(b): translate_batch alone on pre-tokenised distinct sentences, length-sorted."""
    from translator.mt.engine import decoding_cap

    total_sentences = total_tokens = 0
    seconds = 0.0
    for (source, target), paragraphs in _store_work(template):
        engine = _engine(source, target, beam, batch)
        distinct = sorted({s for paragraph in paragraphs for s in paragraph}, key=len)
        tokenized = engine.tokenize(distinct)
        translator = engine._translator  # the very ctranslate2.Translator, called raw
        started = time.perf_counter()
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
        total_sentences += len(distinct)
    return Rate(total_sentences, total_tokens, seconds)


def run_argos_style(template: Path) -> Rate:
    """(c): what argostranslate does per call: one paragraph, beam 4, 4 hypotheses."""
    total_sentences = total_tokens = 0
    seconds = 0.0
    for (source, target), paragraphs in _store_work(template):
        engine = _engine(source, target, 4, 32)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--argos-sentences", type=int, default=150)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--beam", type=int, default=2, help="beam size of (a) and (b)")
    parser.add_argument("--batch", type=int, default=32, help="max_batch_size of (a) and (b)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-mt-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ["ARGOS_PACKAGES_DIR"] = str(scratch / "packages")
        started = time.perf_counter()
        build_models(scratch)
        print(f"models built in {time.perf_counter() - started:.0f} s", flush=True)
        texts = scratch / "texts"
        texts.mkdir()
        files = write_texts(texts, args.sentences)
        full = make_project(scratch / "full", [path for path, _ in files])
        subset_texts = scratch / "subset-texts"
        subset_texts.mkdir()
        subset_files = [path for path, _ in write_texts(subset_texts, args.argos_sentences)]
        subset = make_project(scratch / "subset", subset_files)

        def measure(label: str, run: Any) -> Rate:
            rates = [run() for _ in range(args.runs)]
            rate = median_rate(rates)
            print(
                f"{label}: {rate.sentences} sentences in {rate.seconds:.1f} s = "
                f"{rate.per_second:,.1f} sentences/s, {rate.tokens_per_second:,.0f} "
                "target tokens/s",
                flush=True,
            )
            return rate

        work = scratch / "work"
        a = measure(
            f"(a) pipeline, beam {args.beam}",
            lambda: run_pipeline(full, work, args.beam, args.batch),
        )
        b = measure(
            f"(b) raw translate_batch, beam {args.beam}",
            lambda: run_raw(full, args.beam, args.batch),
        )
        c = measure(
            "(c) Argos-style per paragraph, beam 4 x 4 hypotheses", lambda: run_argos_style(subset)
        )
        a4 = measure(
            "(a) pipeline on the (c) subset, beam 4",
            lambda: run_pipeline(subset, work, 4, args.batch),
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"a/b = {a.per_second / b.per_second:.2f} (target >= 0.9)")
    print(f"a/c = {a.per_second / c.per_second:.2f} (beam {args.beam} vs 4)")
    print(f"a/c at beam 4 = {a4.per_second / c.per_second:.2f} (target >= 2)")
    print(f"peak RSS {peak_mb:.0f} MB (the whole bench, both models loaded in turn)")


if __name__ == "__main__":
    main()

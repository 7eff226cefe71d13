"""Sentence splitters for English, measured: translator's (razdel + repair) against pysbd.

Usage: .venv/bin/python bench/segmenters.py [--runs 5]

Speed: English paragraphs of corpora/ and ../shared/corpora/seeds/, median of runs.
Accuracy: the sentence counts corpora/README.md documents for en_case_zhuravlev.txt, and
a list of legal-abbreviation cases that must stay one sentence (or split where shown).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pysbd
from razdel import sentenize

from translator.ingest.paragraphs import text_paragraphs
from translator.ingest.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpora" / "seeds"
DOCUMENTED_COUNTS = [1, 4, 4, 3, 4, 4, 3, 4, 2, 3, 4, 3, 3, 4]
CASES = [
    ("He was fined under Art. 20.3 of the Code. He appealed.", 2),
    ("He is held in Colony No. 2 in the region. Mr. Smith visited him.", 2),
    ("A. Sokolov said so. The court disagreed.", 2),
    ("On 18 Dec. 2025 the court ruled. It was 2 p.m. on May 27.", 2),
    ("D. A. Zhuravlev was moved to IK-6. Ms Belousova objected.", 2),
    ("The case cites Burkov v. Google. It was heard in Moscow.", 2),
]


def english_paragraphs() -> list[str]:
    texts = [(REPO / "corpora" / "en_case_zhuravlev.txt").read_text(encoding="utf-8")]
    if SEEDS.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return [p for text in texts for p in text_paragraphs(text)]


def ours(paragraph: str) -> list[str]:
    return list(split_sentences.__wrapped__(paragraph, "en"))  # uncached, for a fair timing


def razdel_plain(paragraph: str) -> list[str]:
    return [s.text for s in sentenize(paragraph)]


_PYSBD = pysbd.Segmenter(language="en", clean=False)


def pysbd_split(paragraph: str) -> list[str]:
    return [s.strip() for s in _PYSBD.segment(paragraph) if s.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paragraphs = english_paragraphs()
    case_paragraphs = text_paragraphs(
        (REPO / "corpora" / "en_case_zhuravlev.txt").read_text(encoding="utf-8")
    )
    splitters: dict[str, Callable[[str], list[str]]] = {
        "translator (razdel + repair)": ours,
        "razdel alone": razdel_plain,
        "pysbd": pysbd_split,
    }
    print(f"{len(paragraphs)} English paragraphs, {args.runs} runs each")
    for name, split in splitters.items():
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for paragraph in paragraphs:
                split(paragraph)
            timings.append(time.perf_counter() - started)
        rate = len(paragraphs) / statistics.median(timings)
        documented = sum(
            len(split(p)) == n for p, n in zip(case_paragraphs, DOCUMENTED_COUNTS, strict=True)
        )
        cases = sum(len(split(text)) == n for text, n in CASES)
        print(
            f"{name:30} {rate:10,.0f} paragraphs/s   documented counts "
            f"{documented}/{len(DOCUMENTED_COUNTS)}   abbreviation cases {cases}/{len(CASES)}"
        )


if __name__ == "__main__":
    main()

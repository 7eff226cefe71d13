"""Name variants: pairwise precision and recall, and throughput on 50,000 paragraphs.

Run as `.venv/bin/python bench/names_eval.py`. Precision and recall are over same-entity
decisions: on the labelled set (tests/data/names_labelled.json) each case is one pair of
spellings; on the sample corpus every pair of spellings in one cluster is a decision, scored
against the groups corpora/README.md documents.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from itertools import combinations
from pathlib import Path

from translator.ingest import parse_source, read_source
from translator.names import NameUnit, find_name_variants

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "names_labelled.json"
CORPUS = ROOT / "corpora"
# corpora/README.md: every English spelling of the main person, by component.
CORPUS_GOLD = [{"Dmitrii", "Dmitry", "Dmitriy"}, {"Zhuravlev", "Zhurravlev", "Zhuarvlev"}]


def case_units(case: dict[str, object]) -> list[NameUnit]:
    texts = case["texts"]
    russian = case.get("ru") or []
    assert isinstance(texts, list) and isinstance(russian, list)
    return [
        NameUnit(index, "en", text, "ru", russian[index] if index < len(russian) else "")
        for index, text in enumerate(texts, start=1)
    ]


def predicted_same(case: dict[str, object]) -> bool:
    """Whether some cluster lists both spellings of the case."""
    clusters = find_name_variants(case_units(case))
    return any(
        {case["a"], case["b"]} <= {spelling.text for spelling in cluster.spellings}
        for cluster in clusters
    )


def precision_recall(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def labelled_scores() -> tuple[float, float, list[str]]:
    cases = json.loads(LABELLED.read_text(encoding="utf-8"))["cases"]
    tp = fp = fn = 0
    misses = []
    for case in cases:
        guess = predicted_same(case)
        tp += guess and case["same"]
        fp += guess and not case["same"]
        fn += case["same"] and not guess
        if guess != case["same"]:
            misses.append(f"{case['id']}: expected same={case['same']}")
    precision, recall = precision_recall(tp, fp, fn)
    return precision, recall, misses


def corpus_units() -> list[NameUnit]:
    """Every paragraph of the sample corpus, English and Russian, one unit each."""
    units = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in {".txt", ".md", ".html"} or path.name == "README.md":
            continue
        document = parse_source(read_source(path, 10**7))
        for paragraph in document.paragraphs:
            units.append(
                NameUnit(
                    len(units) + 1,
                    document.source_lang,
                    paragraph.source_text,
                    document.target_lang,
                    "",
                )
            )
    return units


def corpus_scores() -> tuple[float, float]:
    clusters = find_name_variants(corpus_units())
    predicted = {
        frozenset(pair)
        for cluster in clusters
        for pair in combinations([spelling.text for spelling in cluster.spellings], 2)
    }
    gold = {frozenset(pair) for group in CORPUS_GOLD for pair in combinations(sorted(group), 2)}
    tp = len(predicted & gold)
    return precision_recall(tp, len(predicted - gold), len(gold - predicted))


FIRST = ["Aleksei", "Alexei", "Dmitrii", "Dmitry", "Yelena", "Elena", "Pavel", "Anna", "Irina"]
LAST = ["Sokolov", "Zhuravlev", "Markova", "Belousova", "Kolesnikov", "Ivanov", "Petrova"]
PLACES = ["Yekaterinburg", "Ekaterinburg", "Perm", "Moscow", "Nizhny Novgorod", "Kazan"]
FILLER_TEXT = (
    "the court said that the appeal would be heard in the regional court after the "
    "lawyers had filed their complaints about the conditions in the colony and the "
    "prosecutor asked for a longer sentence while relatives waited outside for news"
)
FILLER = FILLER_TEXT.split()
RUSSIAN = [
    "Суд в Екатеринбурге продлил арест Алексея Соколова, сообщила адвокат Ирина Белоусова, "
    "и отказал в жалобе защиты, хотя Соколову нужна медицинская помощь в колонии.",
    "Дмитрий Журавлев и его брат Павел Журавлев обратились к судье Дмитрию Колесникову, "
    "а жена Журавлева Анна ждала новостей у здания суда в Перми.",
    "Члены ОНК Е. В. Маркова и О. С. Рябов посетили колонию в Нижнем Новгороде и "
    "рассказали о жалобах заключенных на условия содержания и на отказ в свиданиях.",
]


def synthetic_units(count: int, seed: int = 7) -> list[NameUnit]:
    """Paragraphs of about 60 words with a few names each, English source; every other one
    has a Russian target (analysed for name variants too)."""
    rng = random.Random(seed)
    units = []
    for index in range(count):
        words = rng.choices(FILLER, k=52)
        words[0] = words[0].capitalize()
        words.insert(10, f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        words.insert(25, f"in {rng.choice(PLACES)}")
        words.insert(40, f"Mr {rng.choice(LAST)}")
        russian = RUSSIAN[index % len(RUSSIAN)] if index % 2 else ""
        units.append(NameUnit(index, "en", " ".join(words) + ".", "ru", russian))
    return units


def throughput(count: int = 50_000, runs: int = 3) -> float:
    units = synthetic_units(count)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        find_name_variants(units)
        timings.append(time.perf_counter() - started)
    return count / statistics.median(timings)


def main() -> None:
    precision, recall, misses = labelled_scores()
    print(f"labelled set: precision {precision:.3f}  recall {recall:.3f}")
    for miss in misses:
        print(f"  miss: {miss}")
    precision, recall = corpus_scores()
    print(f"sample corpus: precision {precision:.3f}  recall {recall:.3f}")
    print(f"throughput: {throughput():,.0f} units/s (50,000 synthetic units, median of 3)")


if __name__ == "__main__":
    main()

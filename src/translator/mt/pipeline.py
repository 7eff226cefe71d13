"""Batch pre-translation: every sentence that needs MT, deduplicated, cached, length-sorted.

Flow per language direction: collect the sentences of the paragraphs to translate,
normalise them, run them through the term guard (the model sees the protected text),
look the model inputs up in the cache, translate the rest in length-sorted batches, and
after each batch commit the new cache rows plus every paragraph the batch completed. A
killed run therefore loses at most the batch in flight; the next run finds the rest cached.
An engine that can work in the background (`SubmittingEngine`) gets the next batch before
the current one is stored, so the model is never idle while Python works.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from translator.core.models import ReviewStatus
from translator.core.mt import ProtectedSentence, TermGuard, TranslationEngine
from translator.mt.assemble import join_sentences, normalise_sentence
from translator.store.mt_queries import MtParagraph, MtQueries, ParagraphMt, SentenceMt

# (sentences done, sentences to translate) across all directions of the run
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class DirectionSummary:
    """Every sentence of the run is counted once: translated, cached or failed."""

    sentences: int = 0  # sentence occurrences in the paragraphs to translate
    translated: int = 0  # distinct model inputs the model translated in this run
    cached: int = 0  # occurrences answered by the cache or an identical sentence
    failed: int = 0  # occurrences the model failed on (their paragraphs stay as they were)
    paragraphs: int = 0  # paragraphs written
    skipped: int = 0  # paragraphs changed by someone during the run, left alone
    unchanged: int = 0  # re-translated paragraphs whose MT came out the same (not rewritten)


@dataclass(slots=True)
class MtSummary:
    directions: dict[str, DirectionSummary] = field(default_factory=dict)

    def total(self) -> DirectionSummary:
        total = DirectionSummary()
        for part in self.directions.values():
            for name in DirectionSummary.__slots__:
                setattr(total, name, getattr(total, name) + getattr(part, name))
        return total


@dataclass(slots=True)
class _Occurrence:
    paragraph: MtParagraph
    index: int  # sentence index in the paragraph
    protected: ProtectedSentence
    key: str  # the normalised model input: the cache key


@dataclass(slots=True)
class _ParagraphWork:
    paragraph: MtParagraph
    occurrences: list[_Occurrence]
    missing: int  # model inputs not translated yet


@runtime_checkable
class SubmittingEngine(TranslationEngine, Protocol):
    """An engine that can translate a batch in the background (CTranslate2Engine): `submit`
    returns at once, calling what it returns waits for the translations."""

    def submit(
        self, sentences: Sequence[str], source_lang: str, target_lang: str
    ) -> Callable[[], list[str]]: ...


_PendingBatch = Callable[[], dict[str, str | None]]


def _translate_batch(
    engine: TranslationEngine, batch: list[str], source: str, target: str
) -> dict[str, str | None]:
    """Translate one batch; if the model fails on it, retry sentence by sentence."""
    try:
        return dict(zip(batch, engine.translate(batch, source, target), strict=True))
    except (RuntimeError, ValueError):
        outputs: dict[str, str | None] = {}
        for key in batch:
            try:
                outputs[key] = engine.translate([key], source, target)[0]
            except (RuntimeError, ValueError):
                outputs[key] = None
        return outputs


def _direction(paragraph: MtParagraph) -> tuple[str, str]:
    return paragraph.source_lang, paragraph.target_lang


def _protect(guard: TermGuard | None, text: str, source: str, target: str) -> ProtectedSentence:
    if guard is None:
        return ProtectedSentence(original=text, text=text)
    return guard.protect(text, source, target)


def _finish(work: _ParagraphWork, raw: Mapping[str, str], guard: TermGuard | None) -> ParagraphMt:
    """Restore guarded terms per sentence and join the sentences in order."""
    results: list[SentenceMt] = []
    for occurrence in work.occurrences:
        output = raw[occurrence.key]
        if guard is None:
            results.append(SentenceMt(occurrence.paragraph.sentences[occurrence.index].id, output))
            continue
        restored = guard.restore(output, occurrence.protected)
        sentence_id = occurrence.paragraph.sentences[occurrence.index].id
        results.append(SentenceMt(sentence_id, restored.text, tuple(restored.problems)))
    paragraph = work.paragraph
    target = join_sentences(
        paragraph.source_text,
        [sentence.source_text for sentence in paragraph.sentences],
        [result.translation for result in results],
    )
    return ParagraphMt(paragraph.id, paragraph.version, target, tuple(results))


class TranslationRun:
    """One pre-translation run over a store: engines per direction, an optional term guard."""

    def __init__(
        self,
        store: MtQueries,
        engines: Mapping[tuple[str, str], TranslationEngine],
        actor: str,
        *,
        batch_size: int = 32,
        guard: TermGuard | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.engines = engines
        self.actor = actor
        self.batch_size = max(1, batch_size)
        self.guard = guard
        self.progress = progress
        self.summary = MtSummary()
        self._done = 0
        self._total = 0

    def run(self, paragraphs: Sequence[MtParagraph]) -> MtSummary:
        by_direction: dict[tuple[str, str], list[MtParagraph]] = {}
        for paragraph in paragraphs:
            if paragraph.sentences:
                by_direction.setdefault(_direction(paragraph), []).append(paragraph)
        plans = [self._plan(direction, items) for direction, items in by_direction.items()]
        self._total = sum(len(plan[2]) for plan in plans)
        self._report()
        for direction, works, pending, raw in plans:
            self._translate_direction(direction, works, pending, raw)
        return self.summary

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self._done, self._total)

    def _plan(
        self, direction: tuple[str, str], paragraphs: list[MtParagraph]
    ) -> tuple[tuple[str, str], list[_ParagraphWork], list[str], dict[str, str]]:
        """Occurrences per paragraph, the cache hits, and the distinct inputs left to do."""
        source, target = direction
        summary = self.summary.directions.setdefault(f"{source}→{target}", DirectionSummary())
        works: list[_ParagraphWork] = []
        for paragraph in paragraphs:
            occurrences = []
            for index, sentence in enumerate(paragraph.sentences):
                protected = _protect(
                    self.guard, normalise_sentence(sentence.source_text), source, target
                )
                key = normalise_sentence(protected.text)
                occurrences.append(_Occurrence(paragraph, index, protected, key))
            works.append(_ParagraphWork(paragraph, occurrences, 0))
            summary.sentences += len(occurrences)
        engine = self.engines[direction]
        keys = {o.key for work in works for o in work.occurrences}
        raw = self.store.mt_cache_get(engine.model_id, keys)
        pending = sorted(keys - raw.keys(), key=lambda key: (len(key), key))
        for work in works:
            work.missing = len({o.key for o in work.occurrences if o.key not in raw})
        return direction, works, pending, raw

    def _translate_direction(
        self,
        direction: tuple[str, str],
        works: list[_ParagraphWork],
        pending: list[str],
        raw: dict[str, str],
    ) -> None:
        source, target = direction
        summary = self.summary.directions[f"{source}→{target}"]
        engine = self.engines[direction]
        waiting: dict[str, list[_ParagraphWork]] = {}
        for work in works:
            for key in {o.key for o in work.occurrences if o.key not in raw}:
                waiting.setdefault(key, []).append(work)
        # Paragraphs answered entirely from the cache go first, in one commit.
        self._commit(engine.model_id, {}, [w for w in works if w.missing == 0], raw, summary)
        failed_keys: set[str] = set()
        batches = [
            pending[start : start + self.batch_size]
            for start in range(0, len(pending), self.batch_size)
        ]
        submitted = [self._submit(engine, batches[0], source, target)] if batches else []
        for number, batch in enumerate(batches):
            if number + 1 < len(batches):  # the model starts on it while we store this one
                submitted.append(self._submit(engine, batches[number + 1], source, target))
            outputs = submitted.pop(0)()
            fresh = {key: text for key, text in outputs.items() if text is not None}
            failed_keys.update(key for key, text in outputs.items() if text is None)
            raw.update(fresh)
            summary.translated += len(fresh)
            completed: list[_ParagraphWork] = []
            for key in fresh:
                for work in waiting.pop(key, []):
                    work.missing -= 1
                    if work.missing == 0:
                        completed.append(work)
            self._commit(engine.model_id, fresh, completed, raw, summary)
            self._done += len(batch)
            self._report()
        summary.failed += sum(1 for work in works for o in work.occurrences if o.key in failed_keys)
        summary.cached += summary.sentences - summary.translated - summary.failed

    def _submit(
        self, engine: TranslationEngine, batch: list[str], source: str, target: str
    ) -> _PendingBatch:
        """Start a batch on an engine that can work in the background (one batch ahead);
        any other engine translates it when the result is asked for."""
        if not isinstance(engine, SubmittingEngine):
            return lambda: _translate_batch(engine, batch, source, target)
        try:
            collect = engine.submit(batch, source, target)
        except (RuntimeError, ValueError):
            return lambda: _translate_batch(engine, batch, source, target)

        def result() -> dict[str, str | None]:
            try:
                return dict(zip(batch, collect(), strict=True))
            except (RuntimeError, ValueError):
                return _translate_batch(engine, batch, source, target)

        return result

    def _commit(
        self,
        model_id: str,
        fresh: Mapping[str, str],
        completed: list[_ParagraphWork],
        raw: Mapping[str, str],
        summary: DirectionSummary,
    ) -> None:
        if not fresh and not completed:
            return
        results = []
        for work in completed:
            result = _finish(work, raw, self.guard)
            old = work.paragraph
            if old.status is ReviewStatus.MACHINE and old.target_text == result.target_text:
                summary.unchanged += 1
                continue
            results.append(result)
        applied = self.store.apply_mt_batch(model_id, fresh, results, self.actor)
        summary.paragraphs += applied.written
        summary.skipped += applied.skipped

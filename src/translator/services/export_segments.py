"""Target sentences for the segmented exports (XLIFF 1.2 and 2.0).

Splitting targets into sentences (razdel plus the ingest repair pass) is most of such an
export's CPU time. Large exports hand it to worker processes up front, one job per chunk of
a document, and the writer takes each document's sentences when it reaches that document:
the main process writes the first documents while the workers split the later ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from typing import overload

from translator.formats.base import ExportDocument, ExportUnit

PARALLEL_SEGMENT_MIN_UNITS = 5000
SEGMENT_CHUNK = 1000

SentencesChunk = list[tuple[str, ...]]


def wants_target_sentences(unit: ExportUnit) -> bool:
    """Only a target beside a source of several sentences can be segmented like it."""
    return bool(unit.target) and len(unit.source_sentences) > 1


def split_chunk(chunk: list[tuple[str, str]]) -> SentencesChunk:
    """Sentences of each (text, language); run in a worker process."""
    from translator.ingest.sentences import split_sentences

    return [split_sentences(text, lang) for text, lang in chunk]


def _with_sentences(
    units: Sequence[ExportUnit], sentences: Iterator[tuple[str, ...]]
) -> list[ExportUnit]:
    return [
        replace(unit, target_sentences=next(sentences)) if wants_target_sentences(unit) else unit
        for unit in units
    ]


class SegmentedUnits(Sequence[ExportUnit]):
    """A document's units whose target sentences come from workers; waited for on first use."""

    def __init__(self, units: Sequence[ExportUnit], jobs: list[Future[SentencesChunk]]) -> None:
        self._pending = units
        self._jobs = jobs
        self._units: list[ExportUnit] | None = None

    def _resolved(self) -> list[ExportUnit]:
        if self._units is None:
            sentences = iter([s for job in self._jobs for s in job.result()])
            self._units = _with_sentences(self._pending, sentences)
        return self._units

    def __len__(self) -> int:
        return len(self._pending)

    @overload
    def __getitem__(self, index: int) -> ExportUnit: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ExportUnit]: ...

    def __getitem__(self, index: int | slice) -> ExportUnit | Sequence[ExportUnit]:
        return self._resolved()[index]

    def __iter__(self) -> Iterator[ExportUnit]:
        return iter(self._resolved())


def _chunks(document: ExportDocument) -> list[list[tuple[str, str]]]:
    wanted = [
        (unit.target, document.target_lang)
        for unit in document.units
        if wants_target_sentences(unit)
    ]
    return [wanted[i : i + SEGMENT_CHUNK] for i in range(0, len(wanted), SEGMENT_CHUNK)]


@contextmanager
def segmented(documents: list[ExportDocument]) -> Iterator[list[ExportDocument]]:
    """The documents with target sentences filled in, for use inside the `with` block.

    Small exports, or a machine with one core, split in this process, up front.
    """
    chunks = [_chunks(document) for document in documents]
    wanted = sum(len(chunk) for per_document in chunks for chunk in per_document)
    workers = min(sum(len(per_document) for per_document in chunks), os.cpu_count() or 1)
    if wanted < PARALLEL_SEGMENT_MIN_UNITS or workers < 2:
        yield [
            replace(
                document,
                units=_with_sentences(
                    document.units,
                    iter([s for chunk in per_document for s in split_chunk(chunk)]),
                ),
            )
            for document, per_document in zip(documents, chunks, strict=True)
        ]
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield [
            replace(
                document,
                units=SegmentedUnits(
                    document.units, [pool.submit(split_chunk, chunk) for chunk in per_document]
                ),
            )
            for document, per_document in zip(documents, chunks, strict=True)
        ]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

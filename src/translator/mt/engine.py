"""The Argos model engine: CTranslate2 + SentencePiece driven directly, loaded once per run.

argostranslate.translate is never called: its sentence splitter downloads a model at run
time and fails offline. We split sentences ourselves and do what its
`apply_packaged_translation` does (tokenise, optional target prefix, translate_batch,
detokenise, strip the prefix), in length-sorted batches across paragraphs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from translator.core.errors import TranslatorError
from translator.mt.argos_packages import InstalledModel

DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How the model is run; the defaults suit a CPU laptop (int8, small beam)."""

    device: str = "auto"  # cuda when ctranslate2 sees a GPU, else cpu
    compute_type: str = "auto"  # int8 on cpu, int8_float16 on cuda
    beam_size: int = 2
    max_batch_size: int = 32
    # Decoding stops at ratio x the longest source in the batch + extra tokens: a model
    # that never emits end-of-sentence cannot run away, real translations are not cut.
    max_length_ratio: float = 2.0
    max_length_extra: int = 8
    intra_threads: int = 0  # 0: CTranslate2's default (all physical cores)


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def resolve_compute_type(compute_type: str, device: str) -> str:
    if compute_type != "auto":
        return compute_type
    return "int8_float16" if device == "cuda" else "int8"


def decoding_cap(tokenized: Sequence[Sequence[str]], options: EngineOptions) -> int:
    longest = max((len(tokens) for tokens in tokenized), default=1)
    return max(1, math.ceil(longest * options.max_length_ratio) + options.max_length_extra)


class CTranslate2Engine:
    """`translator.core.mt.TranslationEngine` over one installed Argos package."""

    def __init__(self, model: InstalledModel, options: EngineOptions | None = None) -> None:
        import ctranslate2
        import sentencepiece as spm

        self.model = model
        self.options = options or EngineOptions()
        self.device = resolve_device(self.options.device)
        self.compute_type = resolve_compute_type(self.options.compute_type, self.device)
        try:
            self._translator: Any = ctranslate2.Translator(
                str(model.model_dir),
                device=self.device,
                compute_type=self.compute_type,
                intra_threads=self.options.intra_threads,
            )
            self._tokenizer: Any = spm.SentencePieceProcessor(model_file=str(model.tokenizer_path))
        except (RuntimeError, ValueError, OSError) as error:
            raise TranslatorError(
                f"{model.path}: cannot load the {model.pair} model ({error})"
            ) from error

    @property
    def model_id(self) -> str:
        return self.model.model_id

    def tokenize(self, sentences: Sequence[str]) -> list[list[str]]:
        return [list(tokens) for tokens in self._tokenizer.encode(list(sentences), out_type=str)]

    def detokenize(self, tokens: Sequence[str]) -> str:
        prefix = self.model.target_prefix
        pieces = list(tokens)
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        text = str(self._tokenizer.decode_pieces(pieces))
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return text.strip()

    def _translate_batch_args(self, tokenized: Sequence[Sequence[str]]) -> dict[str, Any]:
        """The translate_batch arguments of one batch, decoding capped relative to its
        longest source."""
        prefix = self.model.target_prefix
        return {
            "target_prefix": [[prefix] for _ in tokenized] if prefix else None,
            "max_batch_size": self.options.max_batch_size,
            "beam_size": self.options.beam_size,
            "num_hypotheses": 1,
            "max_decoding_length": decoding_cap(tokenized, self.options),
            "replace_unknowns": True,
        }

    def translate_tokens(self, tokenized: Sequence[Sequence[str]]) -> list[list[str]]:
        """One translate_batch call."""
        if not tokenized:
            return []
        results = self._translator.translate_batch(
            [list(tokens) for tokens in tokenized], **self._translate_batch_args(tokenized)
        )
        return [list(result.hypotheses[0]) for result in results]

    def _check_pair(self, source_lang: str, target_lang: str) -> None:
        if (source_lang, target_lang) != (self.model.from_code, self.model.to_code):
            raise TranslatorError(
                f"the {self.model.pair} model cannot translate {source_lang}→{target_lang}"
            )

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        self._check_pair(source_lang, target_lang)
        tokenized = self.tokenize(sentences)
        return [self.detokenize(tokens) for tokens in self.translate_tokens(tokenized)]

    def submit(
        self, sentences: Sequence[str], source_lang: str, target_lang: str
    ) -> Callable[[], list[str]]:
        """Queue a batch on CTranslate2's own worker and return at once; calling the result
        waits for the translations. The pipeline submits the next batch before it stores the
        current one, so the model never waits for Python (tokenising, the term guard, SQLite).
        """
        self._check_pair(source_lang, target_lang)
        tokenized = self.tokenize(sentences)
        if not tokenized:
            return list
        pending = self._translator.translate_batch(
            tokenized, asynchronous=True, **self._translate_batch_args(tokenized)
        )

        def collect() -> list[str]:
            return [self.detokenize(item.result().hypotheses[0]) for item in pending]

        return collect

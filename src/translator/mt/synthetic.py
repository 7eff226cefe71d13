"""Build tiny (or transformer-base sized) REAL Argos packages with random weights.

Tests and benchmarks need a model that goes through exactly the production path (zip ->
install -> ctranslate2 + SentencePiece) without downloading anything or needing torch:
SentencePiece is trained on a few sentences, the CTranslate2 Transformer spec is filled
with numpy random weights. The output is gibberish; its structure is what tests assert.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_TRAINING_TEXT = (
    "Суд приговорил Журавлева к 13 годам колонии строгого режима.",
    "The court sentenced Zhuravlev to 13 years in a strict-regime colony.",
    "Адвокат подал апелляционную жалобу в Пермский краевой суд.",
    "His lawyer filed an appeal with the Perm Regional Court.",
    "Правозащитники признали его политическим заключенным.",
    "Human rights defenders recognised him as a political prisoner.",
    "Его перевели в ИК-6 и четыре раза помещали в ШИЗО.",
    "He was moved to IK-6 and placed in ShIZO four times.",
)


@dataclass(frozen=True, slots=True)
class ModelDimensions:
    """Transformer sizes; the defaults make a model of a few dozen KB for tests."""

    encoder_layers: int = 1
    decoder_layers: int = 1
    d_model: int = 16
    heads: int = 2
    ffn: int = 32
    vocab_size: int = 96  # the shared vocabulary; padded beyond what SentencePiece learns
    quantization: str | None = None  # e.g. "int8": stored weights, as Argos ships them

    @classmethod
    def transformer_base(cls) -> ModelDimensions:
        """Vaswani et al.'s base model, the size of Argos's ru<->en packages."""
        return cls(6, 6, 512, 8, 2048, 32000, "int8")


def train_sentencepiece(
    sentences: Iterable[str], vocab_size: int, seed_sentences: Sequence[str] = ()
) -> bytes:
    """A unigram SentencePiece model (bytes); the vocabulary may end up smaller than asked."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([*seed_sentences, *sentences]),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        normalization_rule_name="identity",  # the pipeline normalises; keeps the file small
        minloglevel=2,
        num_threads=1,
    )
    return model.getvalue()


def _pieces(spm_model: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=spm_model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _random(rng: np.random.Generator, *shape: int) -> np.ndarray[Any, np.dtype[np.float32]]:
    scale = 1.0 / math.sqrt(shape[-1])
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def _fill_linear(spec: Any, rng: np.random.Generator, rows: int, cols: int) -> None:
    spec.weight = _random(rng, rows, cols)
    spec.bias = np.zeros(rows, dtype=np.float32)


def _fill_norm(spec: Any, d_model: int) -> None:
    spec.gamma = np.ones(d_model, dtype=np.float32)
    spec.beta = np.zeros(d_model, dtype=np.float32)


def _fill_ffn(spec: Any, rng: np.random.Generator, dims: ModelDimensions) -> None:
    _fill_norm(spec.layer_norm, dims.d_model)
    _fill_linear(spec.linear_0, rng, dims.ffn, dims.d_model)
    _fill_linear(spec.linear_1, rng, dims.d_model, dims.ffn)


def _fill_attention(
    spec: Any, rng: np.random.Generator, d_model: int, self_attention: bool
) -> None:
    _fill_norm(spec.layer_norm, d_model)
    if self_attention:  # fused query/key/value, then the output projection
        _fill_linear(spec.linear[0], rng, 3 * d_model, d_model)
    else:  # query, fused key/value, output projection
        _fill_linear(spec.linear[0], rng, d_model, d_model)
        _fill_linear(spec.linear[1], rng, 2 * d_model, d_model)
    _fill_linear(spec.linear[-1], rng, d_model, d_model)


def build_ctranslate2_model(
    output_dir: Path, vocabulary: Sequence[str], dims: ModelDimensions, seed: int = 0
) -> None:
    """Write a CTranslate2 Transformer (model.bin, config.json, shared vocabulary)."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(
        (dims.encoder_layers, dims.decoder_layers), dims.heads
    )
    vocab = len(vocabulary)
    for stack in (spec.encoder, spec.decoder):
        embeddings = stack.embeddings  # the encoder holds a list (one per source factor)
        for table in embeddings if isinstance(embeddings, list) else [embeddings]:
            table.weight = _random(rng, vocab, dims.d_model)
        _fill_norm(stack.layer_norm, dims.d_model)
    for layer in spec.encoder.layer:
        _fill_attention(layer.self_attention, rng, dims.d_model, self_attention=True)
        _fill_ffn(layer.ffn, rng, dims)
    for layer in spec.decoder.layer:
        _fill_attention(layer.self_attention, rng, dims.d_model, self_attention=True)
        _fill_attention(layer.attention, rng, dims.d_model, self_attention=False)
        _fill_ffn(layer.ffn, rng, dims)
    _fill_linear(spec.decoder.projection, rng, vocab, dims.d_model)
    spec.register_source_vocabulary(list(vocabulary))
    spec.register_target_vocabulary(list(vocabulary))
    spec.validate()
    spec.optimize(quantization=dims.quantization)
    output_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(output_dir))


def package_metadata(from_code: str, to_code: str, version: str) -> dict[str, object]:
    names = {"ru": "Russian", "en": "English"}
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }


def build_argos_package(
    destination: Path,
    from_code: str,
    to_code: str,
    dims: ModelDimensions | None = None,
    training_sentences: Sequence[str] = (),
    version: str = "1.0",
    seed: int = 0,
) -> Path:
    """Write `destination` (.argosmodel): a zip of one folder with metadata.json, model/
    and sentencepiece.model, laid out like the packages of the Argos index."""
    dims = dims or ModelDimensions()
    spm_model = train_sentencepiece(
        training_sentences, min(dims.vocab_size, 8000), DEFAULT_TRAINING_TEXT
    )
    vocabulary = _pieces(spm_model)
    vocabulary += [f"<extra_{i}>" for i in range(dims.vocab_size - len(vocabulary))]
    folder_name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as scratch:
        model_dir = Path(scratch) / "model"
        build_ctranslate2_model(model_dir, vocabulary, dims, seed)
        destination.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                f"{folder_name}/metadata.json",
                json.dumps(package_metadata(from_code, to_code, version), indent=2),
            )
            archive.writestr(f"{folder_name}/sentencepiece.model", spm_model)
            for file in sorted(model_dir.iterdir()):
                archive.write(file, f"{folder_name}/model/{file.name}")
    return destination


class CopyEngine:
    """A `TranslationEngine` that returns its input unchanged: a "model" that keeps every
    term marker perfectly, so the term guard's restore and inflection path can be measured
    and tested apart from what a real (or random) model does to the markers."""

    model_id = "synthetic:copy"

    def translate(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        return list(sentences)

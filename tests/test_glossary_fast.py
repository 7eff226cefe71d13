"""Fast paths of the term checks (issue 5 speed) agree with the general paths they stand for."""

from __future__ import annotations

from pathlib import Path

from translator.checks.term_consistency import _LATIN_CASED, _TOKEN
from translator.glossary.loading import shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import TermStatus

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
FORBIDDEN = ["Federal Prison Service", "Penal Code", "labour camp", "gaol", "attorney"]
TRICKY = [
    "ShIZO, SHIZO and shizo; O'Brien’s IK-2, naïve Ébert ФСИН-ShIZO x_ABC _Abc",
    "The FSIN's «SIZO-1» and pre-trial detention-centres’ LABOUR-CAMP gaols",
    "ATTORNEY attorneys’ Gaol, labour camps, Federal Prison Services",
]


def _texts() -> list[str]:
    english = (CORPUS / "en_case_zhuravlev.txt").read_text("utf-8").split("\n\n")
    planted = [
        f"{text} The {FORBIDDEN[n % len(FORBIDDEN)]} said so." for n, text in enumerate(english)
    ]
    return [*english, *planted, *TRICKY]


def test_forbidden_prefilter_agrees_with_the_full_candidates() -> None:
    """`forbidden_in` walks only from words that can start a forbidden term; it must find
    a forbidden candidate exactly when the full candidate list holds one."""
    index = GlossaryIndex(shipped_glossary())
    held = 0
    for text in _texts():
        full = any(
            m.term is not None and m.term.status is TermStatus.FORBIDDEN
            for m in GlossaryIndex(index.glossary).candidates(text, "en", patterns=False)
        )
        assert index._holds_forbidden_candidate(text, "en") == full, text
        held += full
    assert held > 10


def test_latin_cased_tokens_are_the_ascii_tokens_not_in_lower_case() -> None:
    texts = [*_texts(), *(CORPUS / "ru_case_zhuravlev.txt").read_text("utf-8").split("\n\n")]
    found = 0
    for text in texts:
        general = [t for t in _TOKEN.findall(text) if t.isascii() and not t.islower()]
        assert _LATIN_CASED.findall(text) == general, text
        found += len(general)
    assert found > 100

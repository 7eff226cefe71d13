"""Where the shipped term base is found: inside the package (so wheels carry it), then the
repository checkout, then nowhere (a one-line error naming both places)."""

from __future__ import annotations

from pathlib import Path

import pytest

import translator.glossary.loading as loading
from translator.glossary.files import GlossaryFileError

REPO = Path(__file__).resolve().parents[1]
CANONICAL = REPO / "glossary" / loading.SHIPPED_NAME
PACKAGED = Path(loading.__file__).resolve().parent / "data" / loading.SHIPPED_NAME


def test_the_package_holds_the_shipped_term_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loading.ENVIRONMENT_VARIABLE, raising=False)
    assert PACKAGED.read_bytes() == CANONICAL.read_bytes()  # a link, never a stale copy
    assert loading.shipped_glossary_path() == PACKAGED
    assert len(loading.shipped_glossary()) >= 60


def test_checkout_is_the_fallback_and_a_link_checked_out_as_text_is_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(loading.ENVIRONMENT_VARIABLE, raising=False)
    package = tmp_path / "src" / "translator" / "glossary"
    (package / "data").mkdir(parents=True)
    module = package / "loading.py"
    module.write_text("", encoding="utf-8")
    monkeypatch.setattr(loading, "__file__", str(module))
    with pytest.raises(GlossaryFileError, match="the shipped glossary is missing"):
        loading.shipped_glossary_path()
    link_as_text = package / "data" / loading.SHIPPED_NAME
    link_as_text.write_text("../../../../glossary/legal-ru-en.tbx", encoding="utf-8")
    checkout = tmp_path / "glossary" / loading.SHIPPED_NAME
    checkout.parent.mkdir()
    checkout.write_bytes(CANONICAL.read_bytes())
    assert loading.shipped_glossary_path() == checkout
    link_as_text.write_bytes(CANONICAL.read_bytes())
    assert loading.shipped_glossary_path() == link_as_text


def test_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(loading.ENVIRONMENT_VARIABLE, str(tmp_path / "own.tbx"))
    assert loading.shipped_glossary_path() == tmp_path / "own.tbx"

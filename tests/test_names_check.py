"""The name-variant project check turns clusters into findings."""

from __future__ import annotations

from translator.checks.base import CheckContext, CheckUnit
from translator.checks.name_variants import NameVariantCheck
from translator.core.findings import Severity


def _unit(pid: int, russian: str, english: str, duplicate_of: int | None = None) -> CheckUnit:
    return CheckUnit(
        paragraph_id=pid,
        document_id=1,
        document_name="case.txt",
        position=pid,
        source_lang="ru",
        target_lang="en",
        source_text=russian,
        target_text=english,
        status="edited",
        duplicate_of=duplicate_of,
    )


def test_one_finding_per_cluster_with_the_documented_data() -> None:
    units = [
        _unit(1, "Дмитрий Журавлев задержан.", "Dmitrii Zhuravlev was detained."),
        _unit(2, "Дмитрий Журавлев обжаловал.", "Dmitriy Zhuravlev appealed."),
        _unit(3, "Журавлева перевели.", "Mr Zhuravlev was moved."),
        _unit(4, "Журавлев болен.", "Mr Zhurravlev is ill."),
        _unit(5, "Журавлев болен.", "Mr Zhurravlev is ill.", duplicate_of=4),
    ]
    check = NameVariantCheck.from_context(CheckContext())
    findings = sorted(check.check_project(units), key=lambda finding: finding.data["reason"])
    assert [f.kind for f in findings] == ["name-variant", "name-variant"]
    variant, typo = findings
    assert (
        variant.severity is Severity.ERROR and variant.data["reason"] == "transliteration variant"
    )
    # the canonical is always one of the spellings: here written nowhere, so count 0
    assert variant.data["spellings"] == {"Dmitry": 0, "Dmitrii": 1, "Dmitriy": 1}
    assert variant.data["notes"]["Dmitry"] == "suggested"
    assert variant.data["canonical"] == "Dmitry" and variant.data["source"] == "Дмитрий"
    assert variant.data["paragraphs_by_spelling"] == {"Dmitry": [], "Dmitrii": [1], "Dmitriy": [2]}
    assert variant.paragraph_ids == (1, 2)
    assert typo.data["reason"] == "typo" and typo.data["canonical"] == "Zhuravlev"
    assert typo.data["spellings"] == {"Zhuravlev": 3, "Zhurravlev": 1}  # the duplicate is skipped
    assert "Zhurravlev" in typo.message


def test_glossary_preference_and_house_scheme_are_honoured() -> None:
    units = [
        _unit(1, "Дмитрий Журавлев задержан.", "Dmitry Zhuravlev was detained."),
        _unit(2, "Дмитрий Журавлев обжаловал.", "Dmitriy Zhuravlev appealed."),
    ]
    icao = NameVariantCheck(house_scheme="icao_doc_9303")
    assert [f.data["canonical"] for f in icao.check_project(units)] == ["Dmitrii"]
    glossary = NameVariantCheck(preferred={"Дмитрий": "Dmitriy"})
    assert [f.data["canonical"] for f in glossary.check_project(units)] == ["Dmitriy"]

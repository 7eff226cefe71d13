"""The canonical spelling of a cluster: the correct spelling wins over its typos, it is
always one of the listed spellings, and the glossary's resolved names decide it."""

from __future__ import annotations

import json

import pytest

from tests.checks_support import add_document
from tests.conftest import RunCli
from translator.core.models import ReviewStatus
from translator.names import NameUnit, NameVariantCluster, find_name_variants
from translator.project import Project
from translator.store import ProjectStore


def _units(*texts: str) -> list[NameUnit]:
    return [NameUnit(i, "en", text, "ru", "") for i, text in enumerate(texts, start=1)]


def _one(clusters: list[NameVariantCluster]) -> NameVariantCluster:
    assert len(clusters) == 1, clusters
    return clusters[0]


@pytest.mark.parametrize(
    ("texts", "counts"),
    [
        # the correct spelling only opens sentences: still a name, the typos' root
        (
            ("Sokolov said. Sokolov left. Sokolov came.", "Mr Sokollov said.", "Mr Sokolvo said."),
            {"Sokolov": 3, "Sokollov": 1, "Sokolvo": 1},
        ),
        # as many typos as correct spellings: one cluster, the correct one counted in it
        (
            ("Mr Sokolov said.", "Mr Sokollov said.", "Mr Sokolvo said."),
            {"Sokolov": 1, "Sokollov": 1, "Sokolvo": 1},
        ),
    ],
)
def test_the_correct_spelling_is_in_the_cluster_and_canonical(
    texts: tuple[str, ...], counts: dict[str, int]
) -> None:
    cluster = _one(find_name_variants(_units(*texts)))
    assert cluster.canonical == "Sokolov" and cluster.reason == "typo"
    assert cluster.counts() == counts
    notes = {s.text: s.note for s in cluster.spellings}
    assert notes["Sokolov"] == "" and notes["Sokollov"].startswith("typo")
    assert cluster.paragraphs_by_spelling()["Sokolov"][0] == 1


def test_sentence_initial_capitalised_words_alone_are_not_names() -> None:
    assert find_name_variants(_units("Meanwhile nothing.", "Meanwhile more.")) == []


def test_the_canonical_is_always_a_listed_spelling() -> None:
    units = [
        NameUnit(1, "en", "Dmitrii Zhuravlev was detained.", "ru", "Дмитрий Журавлев задержан."),
        NameUnit(2, "en", "Dmitriy Zhuravlev appealed.", "ru", "Дмитрий Журавлев обжаловал."),
    ]
    cluster = _one(find_name_variants(units))
    assert cluster.canonical == "Dmitry"  # the house (Wikipedia) rendering, written nowhere
    suggested = cluster.spellings[0]
    assert (suggested.text, suggested.count, suggested.note) == ("Dmitry", 0, "suggested")


def test_a_preferred_full_name_sets_that_person_only() -> None:
    units = _units(
        "Dmitry Zhuravlev was detained.",
        "Dmitriy Zhuravlev appealed.",
        "Judge Dmitry Kolesnikov read it.",
        "Judge Dmitriy Kolesnikov left.",
    )
    preferred = {"Dmitry Zhuravlev": "Dmitrii Zhuravlev", "Dmitrii Zhuravlev": "Dmitrii Zhuravlev"}
    clusters = {c.entity: c for c in find_name_variants(units, preferred=preferred)}
    assert clusters["Dmitrii Zhuravlev"].canonical == "Dmitrii"
    assert clusters["Dmitry Kolesnikov"].canonical == "Dmitry"  # another man: majority


def test_check_resolve_check_uses_the_resolved_spelling(
    project: Project, store: ProjectStore, run_cli: RunCli
) -> None:
    pairs = [
        ("Дмитрий Журавлев осужден.", "Dmitrii Zhuravlev was sentenced."),
        ("Дмитрия Журавлева перевели.", "Dmitry Zhuravlev was moved."),
        ("Дмитрий Журавлев болен.", "Dmitriy Zhuravlev is ill."),
        ("Судья Дмитрий Колесников огласил приговор.", "Judge Dmitry Kolesnikov read it."),
    ]
    add_document(project, store, "case.txt", pairs, status=ReviewStatus.APPROVED)

    def name_findings() -> list[dict[str, object]]:
        result = run_cli("--project", project.root, "check", "--kind", "name-variant", "--json")
        assert result.exit_code == 0, result.stderr
        return list(json.loads(result.stdout))

    [before] = name_findings()
    assert before["canonical"] == "Dmitry"  # the house scheme, before anyone decided
    resolved = run_cli(
        "--project", project.root, "resolve", "Dmitry Zhuravlev", "--canonical", "Dmitrii Zhuravlev"
    )
    assert resolved.exit_code == 0, resolved.stderr
    assert name_findings() == []  # the variants are gone
    # new paragraphs bring the variants back: the glossary's spelling is the one to use
    more = [
        ("Дмитрий Журавлев здоров.", "Dmitry Zhuravlev is well."),
        ("Дмитрий Журавлев вернулся.", "Dmitriy Zhuravlev came back."),
    ]
    add_document(project, store, "more.txt", more, status=ReviewStatus.APPROVED)
    [after] = name_findings()
    assert after["canonical"] == "Dmitrii" and "use Dmitrii" in str(after["message"])
    assert after["entity"] == "Dmitrii Zhuravlev"
    assert after["spellings"] == {"Dmitrii": 3, "Dmitriy": 1, "Dmitry": 1}

"""services.workbench for the conflicts screen: clusters from a real check run, their
context lines, the choice of canonical spellings and its validation."""

from __future__ import annotations

import pytest

from tests.checks_support import add_document
from tests.review_helpers import import_name_variants
from translator.core.errors import TranslatorError
from translator.core.models import Paragraph
from translator.project import Project
from translator.services import workbench
from translator.store import ProjectStore


def cluster_with(store: ProjectStore, spelling: str) -> workbench.NameCluster:
    clusters = workbench.name_clusters(store)
    return next(c for c in clusters if spelling in c.spellings)


def test_every_spelling_has_context_lines_with_paragraph_references(
    project: Project, store: ProjectStore
) -> None:
    planted = import_name_variants(project, store)
    cluster = cluster_with(store, "Dmitriy")
    written = [spelling for spelling, count in cluster.spellings.items() if count]
    assert set(written) == {"Dmitrii", "Dmitriy", "Dmitry"}
    for spelling in written:
        lines = cluster.contexts[spelling]
        assert len(lines) == min(cluster.spellings[spelling], workbench.CONTEXTS_PER_SPELLING)
        for line in lines:
            assert line.text[line.start : line.end] == spelling
            assert not line.in_source
            document, _, position = line.label.partition(" ¶")
            assert document == "names.txt"
            paragraph = planted[int(position) - 1]
            assert line.text in paragraph.target_text
    ill = cluster.contexts["Dmitriy"][0]
    assert (ill.label, ill.text) == ("names.txt ¶4", planted[3].target_text)


def test_context_is_the_sentence_around_the_spelling(project: Project, store: ProjectStore) -> None:
    import_name_variants(project, store)
    first = cluster_with(store, "Dmitriy").contexts["Dmitrii"][0]
    assert first.label == "names.txt ¶1"
    assert first.text == "Dmitrii Zhuravlev was sentenced to 13 years."  # not the next one


def test_contexts_are_limited_per_spelling(project: Project, store: ProjectStore) -> None:
    import_name_variants(project, store)
    cluster = cluster_with(store, "Dmitriy")
    limited = workbench.name_contexts(store, cluster.paragraphs_by_spelling, per_spelling=1)
    assert {spelling: len(lines) for spelling, lines in limited.items()} == {
        spelling: min(1, len(ids)) for spelling, ids in cluster.paragraphs_by_spelling.items()
    }


def test_source_text_gives_the_context_when_no_target_writes_it(
    project: Project, store: ProjectStore
) -> None:
    pairs = [
        ("Aleksei Sokolov was detained in Yekaterinburg.", ""),
        ("Later Alexei Sokolov was released.", ""),
    ]
    paragraphs: list[Paragraph] = add_document(project, store, "en.txt", pairs, lang="en")
    contexts = workbench.name_contexts(store, {"Alexei": [paragraphs[1].id]})
    (line,) = contexts["Alexei"]
    assert line.in_source and line.label == "en.txt ¶2"
    assert line.text[line.start : line.end] == "Alexei"


def test_a_long_sentence_is_cut_to_a_window_around_the_spelling() -> None:
    text = "Before. " + "word " * 40 + "Zhurravlev " + "word " * 40 + "end. After."
    at = text.index("Zhurravlev")
    snippet, start = workbench.context_snippet(text, at, at + len("Zhurravlev"), width=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 42
    assert snippet[start : start + len("Zhurravlev")] == "Zhurravlev"
    assert "Before" not in snippet and "After" not in snippet


def test_an_inflected_form_is_found_by_its_start() -> None:
    text = "Суд арестовал Журавлева. Защита обжаловала."
    contexts = workbench._context_in(text, "Журавлев", "doc ¶1", in_source=True)
    assert contexts is not None
    assert contexts.text == "Суд арестовал Журавлева."
    assert contexts.text[contexts.start : contexts.end] == "Журавлев"


def _cluster(canonical: str, spellings: dict[str, int]) -> workbench.NameCluster:
    return workbench.NameCluster(
        finding_id=1,
        entity="Pravovaya",
        canonical=canonical,
        spellings=spellings,
        paragraphs_by_spelling={s: [] for s in spellings},
        contexts={},
    )


@pytest.mark.parametrize(
    "spellings",
    [
        {"Provavaya": 2},  # the check's older layout: the suggestion is not a spelling
        {"Pravovaya": 0, "Provavaya": 2},  # the suggestion listed with count 0
    ],
)
def test_choices_always_offer_the_suggested_canonical_first_when_unwritten(
    spellings: dict[str, int],
) -> None:
    assert _cluster("Pravovaya", spellings).choices == ["Pravovaya", "Provavaya"]


def test_choices_keep_the_order_of_written_spellings() -> None:
    cluster = _cluster("Dmitry", {"Dmitrii": 8, "Dmitriy": 4, "Dmitry": 3})
    assert cluster.choices == ["Dmitrii", "Dmitriy", "Dmitry"]


def test_canonical_spelling_is_normalised_and_never_empty() -> None:
    assert workbench.canonical_spelling("  Dmitrii   Zhuravlev ") == "Dmitrii Zhuravlev"
    for empty in ("", "   ", "\t\n"):
        with pytest.raises(TranslatorError, match="canonical spelling is empty"):
            workbench.canonical_spelling(empty)


def test_apply_refuses_an_empty_canonical_and_changes_nothing(
    project: Project, store: ProjectStore
) -> None:
    planted = import_name_variants(project, store)
    before = [store.paragraph(p.id) for p in planted]
    with pytest.raises(TranslatorError, match="empty"):
        workbench.apply_resolution(project, store, cluster_with(store, "Dmitriy"), " ", None)
    assert [store.paragraph(p.id) for p in planted] == before

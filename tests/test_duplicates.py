"""Duplicate paragraphs: exact repeats and cut-off teasers of a later full paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.ingest import parse_source, read_source
from translator.ingest.duplicates import MIN_PREFIX_CHARS, find_duplicates

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seeds"

FULL = (
    "Суд признал адвоката виновным по ч. 2 ст. 20.3 КоАП РФ и назначил ему штраф "
    "в размере двух тысяч рублей, защита намерена обжаловать решение."
)
OTHER = "Правозащитники считают преследование политически мотивированным."
THIRD = "The court refused to release the lawyer on parole this time."


def _cut(chars: int) -> str:
    """FULL cut off after at most `chars` characters, at the end of a word (as pages cut)."""
    return FULL[:chars].rsplit(" ", 1)[0]


def test_no_duplicates_in_distinct_paragraphs() -> None:
    assert find_duplicates([FULL, OTHER, THIRD]) == [None, None, None]


def test_empty_list() -> None:
    assert find_duplicates([]) == []


def test_exact_repeats_point_to_the_first_occurrence() -> None:
    assert find_duplicates([OTHER, FULL, THIRD, FULL, FULL]) == [None, None, None, 1, 1]


@pytest.mark.parametrize(
    "variant",
    [FULL.upper(), FULL.replace(" ", "  "), FULL.replace(" ", "\n", 3), f"  {FULL}\t"],
    ids=["case", "doubled-spaces", "line-breaks", "padding"],
)
def test_case_and_whitespace_differences_still_repeat(variant: str) -> None:
    assert find_duplicates([FULL, variant]) == [None, 0]


def test_cut_off_prefix_points_to_the_later_full_paragraph() -> None:
    teaser = _cut(60)
    assert find_duplicates([teaser, OTHER, FULL]) == [2, None, None]


def test_prefix_at_the_minimum_length_counts() -> None:
    teaser = FULL[:MIN_PREFIX_CHARS]
    assert len(teaser) == MIN_PREFIX_CHARS >= 40
    assert find_duplicates([teaser, FULL]) == [1, None]


def test_short_prefix_such_as_a_heading_is_not_a_duplicate() -> None:
    heading = "Суд признал адвоката виновным"  # the later paragraph happens to start with it
    assert len(heading) < MIN_PREFIX_CHARS
    assert find_duplicates([heading, FULL]) == [None, None]


def test_prefix_of_an_earlier_paragraph_is_not_marked() -> None:
    assert find_duplicates([FULL, FULL[:60]]) == [None, None]


def test_chain_of_prefixes_resolves_to_the_full_paragraph() -> None:
    assert find_duplicates([_cut(50), _cut(80), FULL]) == [2, 2, None]


def test_repeat_of_a_teaser_resolves_to_the_full_paragraph() -> None:
    teaser = _cut(60)
    assert find_duplicates([teaser, teaser, FULL]) == [2, 2, None]


def test_teaser_before_a_repeat_of_an_earlier_full_paragraph_is_marked() -> None:
    # full, teaser, full again: the teaser is cut from a later paragraph, which repeats the
    # first; every link must end at a paragraph that is not itself a duplicate.
    assert find_duplicates([FULL, _cut(60), FULL]) == [None, 0, 0]


def test_links_always_end_at_a_non_duplicate() -> None:
    paragraphs = [_cut(50), _cut(60), OTHER, _cut(60), FULL, FULL.lower(), _cut(50)]
    links = find_duplicates(paragraphs)
    for target in links:
        assert target is None or links[target] is None


def test_cut_helper_cuts_at_word_ends() -> None:
    for chars in (50, 60, 80):
        teaser = _cut(chars)
        assert len(teaser) >= MIN_PREFIX_CHARS
        assert FULL.startswith(teaser + " ")
        assert not teaser.endswith(".")


def test_prefix_must_be_a_prefix_not_just_a_shared_start() -> None:
    fork = FULL[:60] + " и другое окончание этого предложения."
    assert find_duplicates([fork, FULL]) == [None, None]


# --- cut-offs are cut at words; a complete sentence or heading is no cut-off -------------


@pytest.mark.parametrize("end", [".", "!", "?", ":", "!»", '."', "?”", ".)"])
def test_complete_heading_that_begins_the_next_paragraph_is_not_a_duplicate(end: str) -> None:
    heading = "Правозащитники требуют освободить адвоката Соколова" + end
    paragraph = heading + " Об этом говорится в заявлении, опубликованном во вторник."
    assert len(heading) >= MIN_PREFIX_CHARS
    assert find_duplicates([heading, paragraph]) == [None, None]


def test_prefix_that_stops_inside_a_word_is_not_a_cut_off() -> None:
    singular = "The regional court refused to release the lawyer"
    plural = "The regional court refused to release the lawyers of Memorial on parole."
    assert len(singular) >= MIN_PREFIX_CHARS and plural.startswith(singular)
    assert find_duplicates([singular, plural]) == [None, None]


def test_cut_off_after_a_comma_is_found() -> None:
    teaser = FULL[: FULL.index(",") + 1]  # "…двух тысяч рублей," as the seed page cuts
    assert find_duplicates([teaser, OTHER, FULL]) == [2, None, None]


@pytest.mark.parametrize("ellipsis", ["…", "...", " …", " ..."])
@pytest.mark.parametrize("chars", [50, 60, 80])
def test_teaser_ending_in_an_ellipsis_is_a_cut_off(chars: int, ellipsis: str) -> None:
    for teaser in (_cut(chars) + ellipsis, FULL[:chars] + ellipsis):  # at a word end, or in one
        assert find_duplicates([teaser, OTHER, FULL]) == [2, None, None], teaser


def test_ellipsis_teaser_needs_enough_text_before_the_ellipsis() -> None:
    teaser = FULL[: MIN_PREFIX_CHARS - 1] + "…"
    assert len(teaser) == MIN_PREFIX_CHARS
    assert find_duplicates([teaser, FULL]) == [None, None]


def test_ellipsis_teaser_of_a_different_paragraph_is_not_a_cut_off() -> None:
    assert find_duplicates([_cut(60) + " и другое…", FULL]) == [None, None]


# --- the real-world corpus --------------------------------------------------------------


SeedDocument = tuple[str, list[str], list[int | None]]  # name, paragraph texts, links


@pytest.fixture(scope="module")
def seed_documents() -> list[SeedDocument]:
    """Every seed imported the way the CLI imports it: read_source, then parse_source."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpora/seeds not present: real-world corpus absent")
    documents: list[SeedDocument] = []
    for path in sorted(SEEDS.iterdir()):
        parsed = parse_source(read_source(path, max_bytes=10 * 1024 * 1024))
        texts = [paragraph.source_text for paragraph in parsed.paragraphs]
        links = [paragraph.duplicate_of for paragraph in parsed.paragraphs]
        documents.append((path.name, texts, links))
    assert documents, f"{SEEDS} holds no files"
    return documents


def test_seeds_exactly_one_file_has_duplicates(seed_documents: list[SeedDocument]) -> None:
    with_duplicates = [
        name for name, _, links in seed_documents if any(link is not None for link in links)
    ]
    assert len(with_duplicates) == 1, with_duplicates


def test_seed_cut_off_paragraph_links_to_its_later_full_version(
    seed_documents: list[SeedDocument],
) -> None:
    cut_offs = [
        (index, target)
        for _, texts, links in seed_documents
        for index, target in enumerate(links)
        if target is not None
        and len(texts[index]) < len(texts[target])
        and texts[target].startswith(texts[index])
    ]
    assert cut_offs, "no cut-off paragraph linked to its full version"
    assert all(index < target for index, target in cut_offs)


def test_seed_exact_repeat_links_to_an_earlier_identical_paragraph(
    seed_documents: list[SeedDocument],
) -> None:
    repeats = [
        (index, target)
        for _, texts, links in seed_documents
        for index, target in enumerate(links)
        if target is not None and texts[index] == texts[target]
    ]
    assert repeats, "no exact repeat linked to an identical paragraph"
    assert all(target < index for index, target in repeats)


def test_seed_duplicates_are_all_repeats_or_cut_offs(seed_documents: list[SeedDocument]) -> None:
    for name, texts, links in seed_documents:
        for index, target in enumerate(links):
            if target is None:
                continue
            short, full = texts[index].casefold(), texts[target].casefold()
            assert full.startswith(short), f"{name}: paragraph {index} -> {target}"
            assert links[target] is None, f"{name}: {target} is itself a duplicate"

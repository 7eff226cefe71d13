"""Glossary use cases: the project's term base (seeded from the shipped one), its editing,
import/export, and what MT and the checks need from it (a term guard, a compiled index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translator.core.errors import ProjectConfigError, TranslatorError
from translator.glossary.csv_format import write_csv
from translator.glossary.enforce import GlossaryTermGuard
from translator.glossary.files import GlossaryFileError
from translator.glossary.loading import format_of, read_glossary, shipped_glossary
from translator.glossary.matcher import GlossaryIndex
from translator.glossary.model import (
    Concept,
    ConceptMerge,
    Glossary,
    MergeOutcome,
    Term,
    TermStatus,
)
from translator.glossary.morphology import is_russian
from translator.glossary.patterns import ArticleStyle
from translator.glossary.tbx import write_tbx
from translator.project import Project
from translator.store import ProjectStore
from translator.store.glossary_queries import GlossaryQueries

SEEDED_STATE = "shipped_glossary"
SYSTEM_ACTOR = "translator"


def _queries(store: ProjectStore) -> GlossaryQueries:
    if not isinstance(store, GlossaryQueries):
        raise TranslatorError("this project store has no glossary support")
    return store


def article_style(project: Project | None) -> ArticleStyle:
    """`[glossary] article_style` in translator.toml: "long" (default) or "short"."""
    if project is None:
        return ArticleStyle.LONG
    try:
        return ArticleStyle.parse(project.config.glossary.article_style)
    except ValueError as error:
        raise ProjectConfigError(
            f"{project.config_path}: glossary.article_style: {error}"
        ) from error


# -- the project's glossary ------------------------------------------------------------------
def ensure_seeded(store: ProjectStore, actor: str = SYSTEM_ACTOR) -> bool:
    """Copy the shipped term base into a project that never had it; True if it did now.

    Runs at `translator init` and, for projects made before the glossary existed, on first
    use. Recorded in the store, so removing every term does not bring them back.
    """
    queries = _queries(store)
    if queries.glossary_state(SEEDED_STATE) is not None:
        return False
    shipped = shipped_glossary()
    return queries.seed_glossary(shipped.concepts, actor, SEEDED_STATE, shipped.fingerprint())


def project_glossary(store: ProjectStore) -> Glossary:
    ensure_seeded(store)
    return _queries(store).glossary()


_INDEX_CACHE: dict[tuple[str, str, str], GlossaryIndex] = {}


def project_index(project: Project | None, store: ProjectStore) -> GlossaryIndex:
    """The compiled index of the project's glossary, reused while the glossary is unchanged."""
    ensure_seeded(store)
    queries = _queries(store)
    style = article_style(project)
    key = (str(queries.path), queries.glossary_revision(), style.value)
    index = _INDEX_CACHE.get(key)
    if index is None:
        _INDEX_CACHE.clear()  # one project at a time in practice; never grow without bound
        index = _INDEX_CACHE[key] = GlossaryIndex(queries.glossary(), style)
    return index


def term_guard(project: Project | None, store: ProjectStore) -> GlossaryTermGuard:
    """The TermGuard to pass to services.mt.translate_project(guard=...)."""
    return GlossaryTermGuard(project_index(project, store))


# -- listing and editing ---------------------------------------------------------------------
def list_concepts(store: ProjectStore, search: str | None = None) -> list[Concept]:
    """All concepts, or those with a term containing `search` or found in it by lemma
    («колонии» finds «колония»)."""
    concepts = list(project_glossary(store).concepts)
    if not search:
        return concepts
    needle = search.casefold()
    index = GlossaryIndex(Glossary.of(concepts))
    found = {m.concept for lang in ("ru", "en") for m in index.find(search, lang)}
    return [
        concept
        for concept in concepts
        if concept.key in found
        or needle in concept.key.casefold()
        or any(needle in term.text.casefold() for term in concept.terms)
    ]


def _status(value: str | TermStatus) -> TermStatus:
    try:
        return TermStatus(value)
    except ValueError:
        raise TranslatorError(
            f"unknown status '{value}' (use preferred, admitted or forbidden)"
        ) from None


def add_term(
    store: ProjectStore,
    ru: str,
    en: str,
    actor: str,
    status: str | TermStatus = TermStatus.PREFERRED,
    note: str = "",
    concept_key: str | None = None,
) -> Concept:
    """Add a ru/en pair. It joins the concept named by `concept_key`, else the concept that
    already has this Russian term, else a new concept `user:<ru>`. `status` is the English
    rendering's (forbid a rendering with status=forbidden)."""
    ru, en = " ".join(ru.split()), " ".join(en.split())
    if not ru or not en:
        raise TranslatorError("both a Russian and an English term are needed")
    if not is_russian(ru):
        raise TranslatorError(f"'{ru}' is not Russian: give the Russian term first")
    en_status = _status(status)
    ensure_seeded(store)
    queries = _queries(store)
    concept: Concept | None = None
    if concept_key:
        concept = queries.glossary_concept(concept_key)
        if concept is None:
            raise TranslatorError(f"no glossary concept '{concept_key}'")
    else:
        for candidate in queries.glossary().concepts:
            if any(t.lang == "ru" and t.text.casefold() == ru.casefold() for t in candidate.terms):
                concept = candidate
                break
    if concept is None:
        concept = Concept(concept_key or f"user:{ru.casefold()}", (), "", note)
    terms = [t for t in concept.terms if not (t.lang == "en" and t.text == en)]
    if not any(t.lang == "ru" and t.text.casefold() == ru.casefold() for t in terms):
        has_ru = any(t.lang == "ru" for t in terms)
        terms.append(Term(ru, "ru", TermStatus.ADMITTED if has_ru else TermStatus.PREFERRED))
    if en_status is TermStatus.PREFERRED:  # one house rendering: the old one becomes admitted
        terms = [
            replace(t, status=TermStatus.ADMITTED)
            if t.lang == "en" and t.status is TermStatus.PREFERRED
            else t
            for t in terms
        ]
    terms.append(Term(en, "en", en_status, note=note if concept.terms else ""))
    updated = replace(concept, terms=tuple(terms), note=concept.note or note)
    queries.put_glossary_concepts([updated], actor)
    return updated


def remove_term(store: ProjectStore, what: str) -> list[str]:
    """Remove the concept with key `what`, else every term written `what`. Returns the keys
    of the concepts removed or changed; nothing matching is an error."""
    ensure_seeded(store)
    queries = _queries(store)
    if queries.delete_glossary_concept(what):
        return [what]
    touched = queries.delete_glossary_terms(what)
    if not touched:
        raise TranslatorError(f"no glossary concept or term '{what}'")
    return touched


def add_preferred_spelling(
    store: ProjectStore,
    canonical: str,
    forbidden_variants: Sequence[str],
    actor: str = SYSTEM_ACTOR,
    note: str = "",
) -> Concept:
    """Record a resolved name: `canonical` preferred, the variants forbidden (so the
    term-forbidden check flags them). Used by `translator resolve`."""
    canonical = " ".join(canonical.split())
    if not canonical:
        raise TranslatorError("the preferred spelling is empty")
    lang = "ru" if is_russian(canonical) else "en"
    ensure_seeded(store)
    queries = _queries(store)
    variants = [" ".join(v.split()) for v in forbidden_variants]
    variants = [v for v in dict.fromkeys(variants) if v and v != canonical]
    spellings = {canonical, *variants}
    # A name resolved before (under any of these spellings) is updated, never duplicated.
    existing = next(
        (
            concept
            for concept in queries.glossary().concepts
            if concept.key.startswith("name:") and any(t.text in spellings for t in concept.terms)
        ),
        None,
    )
    key = existing.key if existing else f"name:{canonical}"
    terms = [Term(canonical, lang, TermStatus.PREFERRED, "properNoun")]
    if existing is not None:
        terms += [t for t in existing.terms if t.text != canonical and t.text not in variants]
    terms += [
        Term(v, "ru" if is_russian(v) else "en", TermStatus.FORBIDDEN, "properNoun")
        for v in variants
    ]
    concept = Concept(key, tuple(terms), "name", note or (existing.note if existing else ""))
    queries.put_glossary_concepts([concept], actor)
    return concept


# -- files ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GlossaryImport:
    """What an import did, concept by concept, so the CLI can name every change."""

    results: tuple[ConceptMerge, ...]

    def having(self, outcome: MergeOutcome) -> list[ConceptMerge]:
        return [result for result in self.results if result.outcome is outcome]

    @property
    def added(self) -> int:
        return len(self.having(MergeOutcome.NEW))

    @property
    def merged(self) -> int:
        return len(self.having(MergeOutcome.MERGED))

    @property
    def replaced(self) -> int:
        return len(self.having(MergeOutcome.REPLACED))

    @property
    def unchanged(self) -> int:
        return len(self.having(MergeOutcome.UNCHANGED))


def import_glossary(
    store: ProjectStore,
    path: Path,
    actor: str,
    fmt: str | None = None,
    replace: bool = False,
    encoding: str | None = None,
) -> GlossaryImport:
    """Import a TBX or CSV/TSV file: parsed completely first, then written in one
    transaction, so a bad file changes nothing. A concept whose key is already stored is
    merged into it (new terms added, statuses updated, nothing stored dropped) unless
    `replace`, which swaps the whole concept for the file's. `encoding` overrides the
    detection for a CSV/TSV file."""
    incoming = read_glossary(path, fmt, encoding)
    ensure_seeded(store)
    results = _queries(store).import_glossary_concepts(incoming.concepts, actor, replace)
    return GlossaryImport(tuple(results))


def export_glossary(
    store: ProjectStore, path: Path, fmt: str | None = None, force: bool = False
) -> int:
    """Write the project glossary to a TBX or CSV/TSV file atomically; returns concepts.
    An existing file is kept (GlossaryFileError) unless `force`."""
    fmt = format_of(path, fmt)
    if path.is_dir():
        raise GlossaryFileError(path, "is a folder; name the file to write")
    if not force and path.exists():
        raise GlossaryFileError(path, "already exists; pass --force to overwrite")
    glossary = project_glossary(store)
    if fmt == "tbx":
        write_tbx(glossary, path, overwrite=force)
    else:
        write_csv(glossary, path, overwrite=force)
    return len(glossary)


# -- for the workbench and the checks -----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TermOccurrence:
    """A term found in a text and the rendering the other language must use."""

    source: str
    target: str
    concept: str
    status: TermStatus
    start: int
    end: int


def terms_in_text(
    project: Project | None, store: ProjectStore, text: str, lang: str
) -> list[TermOccurrence]:
    """Glossary terms in `text` with their required renderings (the TUI shows them)."""
    index = project_index(project, store)
    target_lang = "en" if lang == "ru" else "ru"
    return [
        TermOccurrence(
            match.text,
            index.rendering(match, target_lang) or "",
            match.concept,
            match.status,
            match.start,
            match.end,
        )
        for match in index.find(text, lang)
    ]

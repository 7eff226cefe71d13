"""Migration 3: the project glossary (issue 4): concepts and their terms in both languages.

A term's `context` is non-empty when its sense depends on context (model.Term.context).
`glossary_state` remembers that the shipped term base was copied in, so a project whose
user removed every term is not silently re-seeded.
"""

SQL = """
    CREATE TABLE glossary_concepts (
        id         INTEGER PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,
        subject    TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE glossary_terms (
        id         INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES glossary_concepts(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
        text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
        status     TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'forbidden')),
        pos        TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        keep_as_is INTEGER NOT NULL DEFAULT 0 CHECK (keep_as_is IN (0, 1)),
        context    TEXT NOT NULL DEFAULT '',
        UNIQUE (concept_id, lang, text)
    );
    CREATE INDEX glossary_terms_concept ON glossary_terms(concept_id, position);
    CREATE TABLE glossary_state (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """

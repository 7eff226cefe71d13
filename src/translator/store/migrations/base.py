"""Migration 1: documents, paragraphs, sentences, history, comments."""

SQL = """
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        source_path TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        encoding    TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
    );
    CREATE INDEX documents_sha256 ON documents(sha256);
    CREATE TABLE paragraphs (
        id           INTEGER PRIMARY KEY,
        document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        source_text  TEXT NOT NULL,
        target_text  TEXT NOT NULL DEFAULT '',
        status       TEXT NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'machine', 'edited', 'approved', 'rejected')),
        version      INTEGER NOT NULL DEFAULT 1,
        duplicate_of INTEGER REFERENCES paragraphs(id),
        updated_by   TEXT,
        updated_at   TEXT,
        UNIQUE (document_id, position)
    );
    CREATE INDEX paragraphs_status ON paragraphs(status);
    CREATE TABLE sentences (
        id                  INTEGER PRIMARY KEY,
        paragraph_id        INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        position            INTEGER NOT NULL,
        source_text         TEXT NOT NULL,
        machine_translation TEXT,
        UNIQUE (paragraph_id, position)
    );
    CREATE TABLE history (
        id           INTEGER PRIMARY KEY,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        actor        TEXT NOT NULL,
        action       TEXT NOT NULL,
        old_status   TEXT,
        new_status   TEXT,
        old_target   TEXT,
        new_target   TEXT,
        note         TEXT,
        created_at   TEXT NOT NULL
    );
    CREATE INDEX history_paragraph ON history(paragraph_id, id);
    CREATE TABLE comments (
        id           INTEGER PRIMARY KEY,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        author       TEXT NOT NULL,
        body         TEXT NOT NULL,
        created_at   TEXT NOT NULL
    );
    CREATE INDEX comments_paragraph ON comments(paragraph_id, id);
    """

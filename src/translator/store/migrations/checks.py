"""Migration 4: stored findings (issue 5).

Findings are rows so the review UI can list them per document without re-running checks,
and so a user can dismiss one (as in Weblate). A dismissal is keyed by the finding's
fingerprint (kind, group, paragraphs, message), so it survives re-runs that find the same
problem again, and lapses by itself when the problem changes. A full run keeps the row of a
finding it finds again (same fingerprint, severity and data: store/check_writes.py), so a
finding's id and created_at stay put while the problem does.

`check_groups` is the index project-wide checks keep: which paragraphs belong to which group
(an identical source, a source term) and what each contributes (its approved target, the
term's rendering). One changed paragraph then re-checks only its own groups.
`check_runs` records which kinds have had a full run, i.e. whose index is complete.
"""

SQL = """
    CREATE TABLE findings (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        severity    TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
        message     TEXT NOT NULL,
        data        TEXT NOT NULL DEFAULT '{}',
        group_key   TEXT,
        fingerprint TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE INDEX findings_kind_group ON findings(kind, group_key);
    CREATE TABLE finding_paragraphs (
        finding_id        INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        paragraph_id      INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        paragraph_version INTEGER NOT NULL,
        PRIMARY KEY (finding_id, paragraph_id)
    ) WITHOUT ROWID;
    CREATE INDEX finding_paragraphs_paragraph ON finding_paragraphs(paragraph_id);
    CREATE TABLE finding_dismissals (
        fingerprint  TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        dismissed_by TEXT NOT NULL,
        dismissed_at TEXT NOT NULL
    );
    CREATE TABLE check_groups (
        kind         TEXT NOT NULL,
        group_key    TEXT NOT NULL,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        value        TEXT NOT NULL,
        PRIMARY KEY (kind, group_key, paragraph_id)
    ) WITHOUT ROWID;
    CREATE INDEX check_groups_paragraph ON check_groups(paragraph_id, kind);
    CREATE TABLE check_runs (
        kind         TEXT PRIMARY KEY,
        completed_at TEXT NOT NULL
    );
    """

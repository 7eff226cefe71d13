"""Migration 6: source updates: archived paragraphs, previous sources (issue 8).

A paragraph removed from its source is archived (kept with its history, left out of every
normal query); an edited one keeps the source it had before, for the review screen's diff.
Documents count their revisions, so an update planned on a stale read is refused.
"""

SQL = """
    ALTER TABLE paragraphs ADD COLUMN previous_source TEXT;
    ALTER TABLE paragraphs ADD COLUMN archived_at TEXT;
    ALTER TABLE paragraphs ADD COLUMN archived_by TEXT;
    ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    """

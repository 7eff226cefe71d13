"""Migration 2: machine-translation cache and per-sentence MT problems (issue 3).

The cache holds the model's raw output for one model input (the normalised, term-protected
sentence), so re-runs, duplicate paragraphs and repeated sentences are translated once.
"""

SQL = """
    CREATE TABLE mt_cache (
        model_id    TEXT NOT NULL,
        source_key  TEXT NOT NULL,
        translation TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (model_id, source_key)
    ) WITHOUT ROWID;
    ALTER TABLE sentences ADD COLUMN mt_model TEXT;
    ALTER TABLE sentences ADD COLUMN mt_problems TEXT;
    """

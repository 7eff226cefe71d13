"""Migration 8: the project checks' index with its group keys stored once (issue 5).

`check_groups` repeated each entry's kind and group key on every row, and a name-variant
key is a paragraph's whole serialised name contribution: 175,000 rows and 68 MB for a
50,000-paragraph project, most of it the same few thousand strings. Now each (kind, group
key) is one `check_keys` row and an entry is (key id, paragraph, value): a fifth of the
size, and a full run's index write takes half the time. `check_groups` stays as a view with
the old columns, for reading.

A key whose last entry is gone may stay behind; readers only ever reach keys through
entries, and a full run of the kind removes them.
"""

SQL = """
    CREATE TABLE check_keys (
        id        INTEGER PRIMARY KEY,
        kind      TEXT NOT NULL,
        group_key TEXT NOT NULL,
        UNIQUE (kind, group_key)
    );
    CREATE TABLE check_entries (
        key_id       INTEGER NOT NULL REFERENCES check_keys(id) ON DELETE CASCADE,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        value        TEXT NOT NULL,
        PRIMARY KEY (key_id, paragraph_id)
    ) WITHOUT ROWID;
    INSERT INTO check_keys (kind, group_key)
        SELECT DISTINCT kind, group_key FROM check_groups ORDER BY kind, group_key;
    INSERT INTO check_entries (key_id, paragraph_id, value)
        SELECT check_keys.id, check_groups.paragraph_id, check_groups.value
        FROM check_groups JOIN check_keys USING (kind, group_key)
        ORDER BY check_keys.id, check_groups.paragraph_id;
    DROP TABLE check_groups;
    CREATE INDEX check_entries_paragraph ON check_entries(paragraph_id);
    CREATE VIEW check_groups (kind, group_key, paragraph_id, value) AS
        SELECT check_keys.kind, check_keys.group_key, check_entries.paragraph_id,
               check_entries.value
        FROM check_entries JOIN check_keys ON check_keys.id = check_entries.key_id;
    """

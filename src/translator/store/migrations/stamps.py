"""Migration 7: check stamps (issue 5).

A stamp is a digest of everything a paragraph's per-paragraph check results were computed
from: its texts, languages, status, place and version, and the check suite (code, kinds,
glossary). A full run re-analyses only the paragraphs whose stamp differs and keeps the
stored findings and index entries of the others (translator/checks/stamps.py).

No foreign key: a stamp is content-derived, so a row left behind by a deleted paragraph can
never match another paragraph's content by accident; full runs rewrite the table anyway.
"""

SQL = """
    CREATE TABLE check_stamps (
        paragraph_id INTEGER PRIMARY KEY,
        stamp        BLOB NOT NULL
    );
    """

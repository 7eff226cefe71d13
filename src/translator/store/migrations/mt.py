"""Migration 2: machine-translation cache and per-sentence MT problems (issue 3)."""

SQL = ""

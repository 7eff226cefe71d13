"""Names spelt several ways: one person's or place's name in several romanisations or typos.

Public API: `find_name_variants` over paragraph units, `extract_names` for one text, and
the records they use. See `cluster` for how spellings are grouped and why.
"""

from __future__ import annotations

from translator.names.cluster import find_name_variants
from translator.names.extract import extract_names
from translator.names.model import NameMention, NameUnit, NameVariantCluster, Spelling

__all__ = [
    "NameMention",
    "NameUnit",
    "NameVariantCluster",
    "Spelling",
    "extract_names",
    "find_name_variants",
]

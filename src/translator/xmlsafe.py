"""The one lxml parser for XML written elsewhere (term bases, XLIFF, PO-adjacent files).

No entity expansion, no DTD loading or validation, no network, no huge trees; comments and
processing instructions dropped. Callers add their own refusal of entity declarations.
"""

from __future__ import annotations

from lxml import etree


def untrusted_xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )

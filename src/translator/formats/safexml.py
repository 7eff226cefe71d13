"""Reading XML files from elsewhere without trusting them.

No entity expansion, no DTD loading, no network; a DOCTYPE that declares entities or names an
external DTD is refused outright (billion laughs, external entities), before anything is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from translator.formats.base import FormatError
from translator.xmlsafe import untrusted_xml_parser


def parse_untrusted(path: Path) -> etree._Element:
    """The root element of `path`, or FormatError naming the file and what is wrong."""
    try:
        tree = etree.parse(str(path), untrusted_xml_parser())
    except OSError as error:
        raise FormatError(path, f"cannot read ({error})") from error
    except etree.XMLSyntaxError as error:
        raise FormatError(path, f"not well-formed XML ({error.msg})") from error
    docinfo: Any = tree.docinfo  # lxml-stubs lack system_url and DTD.iterentities
    internal = docinfo.internalDTD
    if internal is not None and (list(internal.iterentities()) or list(internal.iterelements())):
        raise FormatError(path, "refused: the DOCTYPE declares entities or elements")
    if docinfo.system_url or docinfo.public_id or docinfo.externalDTD is not None:
        raise FormatError(path, "refused: the DOCTYPE points to an external DTD")
    for node in tree.iter(etree.Entity):
        raise FormatError(path, f"refused: entity reference {node.text}")
    return tree.getroot()


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname


def text_of(element: etree._Element | None) -> str:
    """All text inside an element, markup (mrk, g, ph content) flattened away."""
    if element is None:
        return ""
    return "".join(str(text) for text in element.itertext())

"""Streaming XML text for the exchange formats: escaping done once, here.

lxml's incremental writer re-declares namespaces on every element it is handed, which bloats
a 50,000-unit file; these helpers write plain text inside one declared root instead, and the
readers in the tests (lxml, Translate Toolkit) check every file stays well-formed.
"""

from __future__ import annotations

from translator.formats.base import xml_text

_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


def text(value: str) -> str:
    """Character data; a carriage return is kept as a reference (parsers would drop it)."""
    # str.replace is a no-op scan when the character is absent: faster than str.translate
    return (
        xml_text(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def attributes(values: dict[str, str]) -> str:
    """` name="value"` pairs, in the given order."""
    return "".join(
        f' {name}="{xml_text(value).translate(_ATTRIBUTE)}"' for name, value in values.items()
    )


def element(name: str, content: str, attrs: dict[str, str] | None = None) -> str:
    """An element holding already-escaped `content`."""
    opening = f"{name}{attributes(attrs) if attrs else ''}"
    return f"<{opening}>{content}</{name}>" if content else f"<{opening}/>"

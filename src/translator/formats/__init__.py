"""Exchange formats (PO, XLIFF 1.2/2.0, TMX, DOCX, Markdown/HTML, text): one module each.

Nothing is imported eagerly: `translator.formats.registry` names them all.
"""

"""The legal-term glossary: TBX/CSV term bases, Russian-aware term matching, MT protection."""

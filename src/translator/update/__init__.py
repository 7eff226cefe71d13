"""Source updates: aligning a changed source text with the stored paragraphs."""

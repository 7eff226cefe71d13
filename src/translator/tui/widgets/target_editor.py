"""The review screen's target editor: a TextArea of fixed height that loads a new text
without asking the whole screen for a layout pass."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import TextArea


class TargetEditor(TextArea):
    """TextArea's `virtual_size` is a layout reactive (right for an auto-height editor): every
    text whose wrapped height differs from the last one would reflow and repaint the whole
    screen, which is most of the cost of moving to the next paragraph. With a fixed height
    the new extent only moves this widget's own scroll limits, so set it without layout.
    Showing or hiding the scrollbar still lays out, as it changes the text width."""

    def _refresh_size(self) -> None:
        height = self.styles.height
        if height is None or not height.is_cells:
            super()._refresh_size()
            return
        if self.soft_wrap:
            size = Size(0, self.wrapped_document.height)
        else:  # +1 width for the cursor resting at the end of the line, as TextArea does
            width, lines = self.document.get_size(self.indent_width)
            size = Size(width + self.gutter_width + 1, lines)
        if size != self.virtual_size:
            self.set_reactive(TextArea.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self._refresh_scrollbars()

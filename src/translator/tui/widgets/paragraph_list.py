"""The review screen's paragraph list: one line per paragraph, drawn only when visible.

A Line-API ScrollView: 20,000 paragraphs cost 20,000 small records, not 20,000 widgets,
and moving the cursor redraws two lines. Drawn lines are cached by what they show, so a
one-line scroll (every visible line is repainted) draws one new line, not forty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from translator.core.models import ReviewStatus
from translator.tui.widgets.status_badge import STATUS_COLOURS, STATUS_LETTERS


@dataclass(frozen=True, slots=True)
class ListRow:
    """What one list line shows: number, status, finding marker and the first words."""

    paragraph_id: int
    position: int
    status: ReviewStatus
    findings: int
    text: str


_NUMBER_STYLE = Style(color="grey62")
_MARKER_STYLE = Style(color="red", bold=True)
_CURSOR_STYLE = Style(bgcolor="grey35")
_CURSOR_FOCUSED_STYLE = Style(bgcolor="dark_blue", bold=True)


class ParagraphList(ScrollView, can_focus=True):
    """Virtual list of paragraphs; posts `Highlighted` when the cursor moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=False)

    class Highlighted(Message):
        def __init__(self, index: int, row: ListRow) -> None:
            super().__init__()
            self.index = index
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[ListRow] = []
        # index -> (what the line showed: row, cursor style, width; the drawn line)
        self._drawn: dict[int, tuple[tuple[ListRow, int, int], Strip]] = {}

    @property
    def rows(self) -> Sequence[ListRow]:
        return self._rows

    @property
    def current(self) -> ListRow | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def set_rows(self, rows: Sequence[ListRow], cursor: int = 0) -> None:
        self._rows = list(rows)
        self._drawn.clear()
        self.virtual_size = Size(self.size.width, len(self._rows))
        target = max(0, min(cursor, len(self._rows) - 1))
        if target == self.cursor and self._rows:
            self._announce(target)
        self.cursor = target
        self.refresh()

    def update_row(self, row: ListRow) -> None:
        for index, existing in enumerate(self._rows):
            if existing.paragraph_id == row.paragraph_id:
                self._rows[index] = row
                self.refresh_line(index - int(self.scroll_offset.y))
                return

    def index_of(self, paragraph_id: int) -> int | None:
        for index, row in enumerate(self._rows):
            if row.paragraph_id == paragraph_id:
                return index
        return None

    # -- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = self._rows[index]
        cursor_style = 0 if index != self.cursor else 2 if self.has_focus else 1
        key = (row, cursor_style, width)
        drawn = self._drawn.get(index)
        if drawn is not None and drawn[0] == key:
            return drawn[1]
        if len(self._drawn) > 4 * max(1, self.size.height):  # only what is near the screen
            self._drawn.clear()
        strip = self._draw(row, cursor_style, width)
        self._drawn[index] = (key, strip)
        return strip

    def _draw(self, row: ListRow, cursor_style: int, width: int) -> Strip:
        status_style = Style(color="black", bgcolor=STATUS_COLOURS[row.status], bold=True)
        marker = f"!{row.findings}" if row.findings else ""
        segments = [
            Segment(f"{row.position + 1:>6} ", _NUMBER_STYLE),
            Segment(STATUS_LETTERS[row.status], status_style),
            Segment(f"{marker:<3} ", _MARKER_STYLE),
            Segment(" ".join(row.text.split())),
        ]
        strip = Strip(segments).crop_extend(0, width, self.rich_style)
        if cursor_style:
            strip = strip.apply_style(_CURSOR_FOCUSED_STYLE if cursor_style == 2 else _CURSOR_STYLE)
        return strip

    def notify_style_update(self) -> None:
        """A theme or CSS change restyles every line: forget the drawn ones."""
        self._drawn.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self._refresh_cursor_line()

    def on_blur(self) -> None:
        self._refresh_cursor_line()

    def _refresh_cursor_line(self) -> None:
        self.refresh_line(self.cursor - int(self.scroll_offset.y))

    # -- moving ---------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        self.refresh_line(old - top)
        height = self.scrollable_content_region.height
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh_line(new - int(self.scroll_offset.y))
        self._announce(new)

    def _announce(self, index: int) -> None:
        if 0 <= index < len(self._rows):
            self.post_message(self.Highlighted(index, self._rows[index]))

    def move_to(self, index: int) -> None:
        if self._rows:
            self.cursor = max(0, min(index, len(self._rows) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        self.move_to(int(self.scroll_offset.y) + event.y)

"""Table drawn for a person on a terminal: a table when it fits, else a compact layout.

Imported only when a table is drawn (render.py), and the only module besides chart.py that
imports Rich. The layout is chosen by what fits the terminal, never by cutting:

- Citations are footnotes: a table cell shows `[1]`, and a numbered list of sources (id and
  paragraphs) follows the answer, the way reference works cite. Ids stay whole there.
- A table is drawn only when every number, id and period fits whole in its column, no word
  is folded, and no record takes more than MAX_LINES lines. Column widths are computed here
  and handed to Rich, so what was checked is what is drawn.
- Otherwise each record takes a few lines: its lead cells (what it is about) in bold, then
  the other non-empty cells as `Header: value` pieces packed into indented lines. A record
  with no value in a column leaves that column out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Final

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from .rows import Cell, Column, Row, Table, flat, groups, human

if TYPE_CHECKING:
    from .figures import Chart

NARROW: Final = 50  # below this many columns, no table: every record in the compact layout
WIDE: Final = 6  # a single record with more fields than this is shown one field a line
MAX_LINES: Final = 3  # a table row taller than this reads worse than the compact layout
SEPARATOR: Final = " · "  # between the pieces of a compact record
INDENT: Final = 2
LONG_VALUE: Final = 24  # a value longer than this holds words of the source: it may wrap


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits with 1 here, which means "no result" to szfacts' callers.
        raise BrokenPipeError


class Footnotes:
    """Numbers for citations, in order of first use: a cell shows `[1]`, the list says what."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, cell: Cell | object) -> str:
        """The footnote marks of a citation cell ('[1]', '[1,3]'); empty when it cites nothing."""
        cited = cell if isinstance(cell, list) else [cell]
        numbers = [
            self.numbers.setdefault(str(c), len(self.numbers) + 1) for c in cited if c
        ]  # fmt: skip
        return f"[{','.join(map(str, numbers))}]" if numbers else ""

    def lines(self) -> list[str]:
        """The numbered list: '[1] sz-daily-2022 ¶4'."""
        return [f"[{number}] {cited}" for cited, number in self.numbers.items()]


def draw(table: Table, out: IO[str]) -> None:
    """Draw rows on a terminal (or for one, with --format table), fitted to its width."""
    # Nothing szfacts prints is Rich markup or holds emoji codes: with both off, no header
    # or title can be reinterpreted, and Rich skips loading its emoji table (~2.5 ms).
    console = _Console(file=out, highlight=False, soft_wrap=False, markup=False, emoji=False)
    width = console.width
    notes = Footnotes()
    if table.meta is not None:
        _meta(table.meta, console)
    if table.group_key is not None and table.title:
        console.print(Text(table.title, style="bold"))  # the answer's title, over its groups
        console.print()
    laid = [
        (title, [[_text(row, column, notes) for column in table.columns] for row in members])
        for title, members in groups(table)
    ]
    marks = [[_marks(row, table.columns) for row in members] for _, members in groups(table)]
    fits = [_fit(table.columns, texts, width) if width >= NARROW else None for _, texts in laid]
    # One layout for the whole answer: its groups read alike, tables or compact records.
    compact = any(w is None for w in fits) or (
        len(table.records) == 1 and len(table.columns) > WIDE
    )
    for (title, texts), widths, marked in zip(laid, fits, marks, strict=True):
        if compact or widths is None:
            _compact(title, table.columns, texts, console, len(table.records) == 1, marked)
        else:
            console.print(_table(title, table.columns, texts, widths, marked))
            console.print()
    if notes.numbers:
        listing = Text(no_wrap=True, overflow="fold")
        listing.append("Sources\n", style="bold")
        listing.append("\n".join(" " * INDENT + line for line in notes.lines()) + "\n")
        console.print(listing)
    _chart(table.chart, console)


Mark = tuple[str, str] | None  # words of a cell to style, and the style


def _marks(row: Row, columns: Sequence[Column]) -> list[Mark]:
    """For each cell of a row, the words to style in it: a claim's figure, a verdict."""
    found: list[Mark] = []
    for column in columns:
        words = row.get(column.highlight) if column.highlight else None
        value = row.get(column.key)
        if isinstance(words, str) and words:
            found.append((words, "bold reverse"))
        elif column.tones and isinstance(value, str) and value in column.tones:
            found.append((value, column.tones[value]))
        else:
            found.append(None)
    return found


def _highlighted(text: Text, marks: Iterable[Mark]) -> Text:
    """A text with the marked words (across line breaks too) in their style."""
    for mark in marks:
        if mark is not None:
            pattern = r"\s+".join(re.escape(part) for part in mark[0].split())
            text.highlight_regex(rf"(?<![\w-]){pattern}(?![\w-])", style=mark[1])
    return text


def _styled_cells(record: Text, cells: list[str], marks: list[Mark]) -> Text:
    """A compact record with each cell's marked words styled inside that cell only."""
    for cell, mark in zip(cells, marks, strict=True):
        if mark is None or not cell.split():
            continue
        found = re.search(r"\s+".join(re.escape(w) for w in cell.split()), record.plain)
        words = r"\s+".join(re.escape(part) for part in mark[0].split())
        if found is not None:
            inside = re.search(rf"(?<![\w-]){words}(?![\w-])", found.group())
            if inside is not None:
                start = found.start() + inside.start()
                record.stylize(mark[1], start, found.start() + inside.end())
    return record


def _text(row: Row, column: Column, notes: Footnotes) -> str:
    """A cell as a person reads it: footnote marks for citations, '' for no value."""
    value = row.get(column.key)
    if column.cite:
        return notes.mark(value)
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(flat(v) for v in value)
    if isinstance(value, str):
        return value
    return human(value, column)


def _whole(column: Column) -> bool:
    return column.numeric or column.whole or column.cite


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _cell_lines(text: str, column: Column) -> list[str]:
    # Several values in one numeric cell ('2.42; 2.4') stand one a line, as does a date.
    if column.numeric:
        return [part for line in text.split("\n") for part in line.split("; ")]
    return text.split("\n")


def _least(text: str, column: Column) -> int:
    """The narrowest a cell can be: a number, id or period whole; text by its longest word."""
    if column.numeric:
        # A value is whole unless it is a phrase (the source's words beside the number),
        # which wraps between words like text.
        return max((_longest_word(v) if cell_len(v) > LONG_VALUE else cell_len(v)
                    for v in _cell_lines(text, column)), default=0)  # fmt: skip
    if _whole(column):
        return _widest_line(text)
    return _longest_word(text)


def _height(text: str, column: Column, width: int) -> int:
    """How many lines a cell takes in a column of that width."""
    if column.numeric:
        return sum(_wrapped_lines(v, width) for v in _cell_lines(text, column))
    if _whole(column):
        return len(text.split("\n"))
    return _wrapped_lines(text, width)


def _fit(columns: Sequence[Column], texts: list[list[str]], width: int) -> list[int] | None:
    """Column widths that show every cell whole within `width`, or None when none do.

    A number, id, period or footnote column is as wide as its widest line; a text column
    may wrap, but never narrower than its longest word. Text columns give up width widest
    first (as Rich would), and no row may then wrap to more than MAX_LINES lines.
    """
    least: list[int] = []
    most: list[int] = []
    for index, column in enumerate(columns):
        cells = [row[index] for row in texts]
        least.append(max([_longest_word(column.header), 1, *(_least(c, column) for c in cells)]))
        lines = (_widest_line(line) for c in cells for line in _cell_lines(c, column))
        most.append(max(least[-1], cell_len(column.header), *lines))
    # A simple-head table without edges: between two columns, a space of padding on each
    # side of a one-space rule.
    room = width - (3 * len(columns) - 3)
    if sum(least) > room:
        return None
    widths = list(most)
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > least[i]]
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    for row in texts:
        if any(_height(c, k, w) > MAX_LINES for c, k, w in zip(row, columns, widths, strict=True)):
            return None
    return widths


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines greedy word wrapping (Rich's) takes for text within width."""
    return sum(len(_wrap(paragraph, width)) for paragraph in text.split("\n"))


def _wrap(text: str, width: int) -> list[str]:
    """One line of text wrapped between words (greedy, as Rich does) to `width` cells.

    A word longer than the width stands alone on its line (Rich then folds it).
    """
    lines: list[list[str]] = [[]]
    used = 0
    for word in text.split():
        size = cell_len(word)
        if used and used + 1 + size > width:
            lines.append([word])
            used = size
        else:
            lines[-1].append(word)
            used += size + (1 if used else 0)
    return [" ".join(words) for words in lines]


def _table(
    title: str | None, columns: Sequence[Column], texts: list[list[str]], widths: list[int],
    marks: list[list[Mark]],
) -> RichTable:  # fmt: skip
    table = RichTable(
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for column, size in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify="right" if column.numeric else "left",
            width=size,
            overflow="fold",
            no_wrap=_whole(column) and not column.numeric,
        )
    for row, marked in zip(texts, marks, strict=True):
        table.add_row(*(_highlighted(_cell(text, column), [mark]) for text, column, mark
                        in zip(row, columns, marked, strict=True)))  # fmt: skip
    return table


def _cell(text: str, column: Column) -> Text:
    # Knowledge-file text is shown as text, never parsed as Rich markup.
    if not text:
        return Text("—", style="dim")
    return Text("\n".join(_cell_lines(text, column)))


def _compact(
    title: str | None,
    columns: Sequence[Column],
    texts: list[list[str]],
    console: Console,
    one_a_line: bool,
    marks: list[list[Mark]],
) -> None:
    """Each record as a bold lead line and its other cells packed into indented lines.

    The lines are laid out here and printed as one text: a print per line would cost a
    Rich render each.
    """
    block = Text(no_wrap=True, overflow="fold")
    if title:
        block.append(title + "\n", style="bold")
    # A single record is a list of its fields; otherwise each record is led by what it is about.
    leads = [] if one_a_line else [i for i, c in enumerate(columns) if c.lead] or [0]
    width = console.width
    room = max(width - INDENT, 20)
    for row, marked in zip(texts, marks, strict=True):
        record = Text(no_wrap=True, overflow="fold")
        # The lead breaks between its cells, so that a period or id is never split.
        lead = [row[i].replace("\n", SEPARATOR) for i in leads if row[i]]
        for line in _packed(lead, width):
            for part in _wrap(SEPARATOR.join(line), width):
                record.append(part + "\n", style="bold")
        pieces = _pieces(columns, row, leads)
        indent = 0 if one_a_line else INDENT
        for line in [[p] for p in pieces] if one_a_line else _packed(pieces, room):
            for part in _wrap(SEPARATOR.join(line), width - indent):
                record.append(" " * indent + part + "\n")
        block.append_text(_styled_cells(record, row, marked))
    console.print(block)


def _pieces(columns: Sequence[Column], row: list[str], leads: list[int]) -> list[str]:
    """A record's cells other than its lead, as 'Header: value'; a unit joins its number."""
    pieces: list[str] = []
    for index, cell in enumerate(row):
        if not cell or index in leads:
            continue
        text = cell.replace("\n", " " if columns[index].numeric else SEPARATOR)
        after_number = index > 0 and columns[index - 1].numeric and row[index - 1]
        if columns[index].key == "unit" and after_number and index - 1 not in leads:
            pieces[-1] += f" {text}"  # 'Value: 2.7 RMB 100 million'
        else:
            pieces.append(f"{columns[index].header}: {text}")
    return pieces


def _packed(pieces: list[str], room: int) -> list[list[str]]:
    """Pieces in lines of at most `room` cells, in order; a longer piece has a line alone."""
    lines: list[list[str]] = []
    used = room + 1
    for piece in pieces:
        size = cell_len(piece)
        if lines and used + len(SEPARATOR) + size <= room:
            lines[-1].append(piece)
            used += len(SEPARATOR) + size
        else:
            lines.append([piece])
            used = size
    return lines


def _meta(meta: Row, console: Console) -> None:
    """The one object an answer is about (a source, an entity, a record), a field a line."""
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in meta.items():
        if value is None or value == []:
            continue
        text = ", ".join(flat(v) for v in value) if isinstance(value, list) else flat(value)
        grid.add_row(Text(key), Text(text))
    console.print(grid)
    console.print()


def _chart(chart: Chart | None, console: Console) -> None:
    """Draw a series after its table: on a terminal only, never in a pipe (see chart.py)."""
    if chart is not None and chart.kind == "series":
        from .chart import draw as draw_chart
        from .chart import drawable

        if drawable(chart):
            draw_chart(chart, console)

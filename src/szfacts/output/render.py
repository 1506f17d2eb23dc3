"""The only module that knows output formats: rows in, text out.

Queries hand over a `Rows`: records of one kind, all with the same keys. This module writes
them as a Rich table (imported only here, only then), TSV, CSV, JSON, JSON Lines, Markdown
or bare values. Data goes to the stream given; notes are the caller's to print on stderr.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Final, NamedTuple

from szfacts.errors import UsageProblem, shown

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .figures import Chart

FORMATS: Final = ("table", "tsv", "csv", "json", "jsonl", "markdown", "value", "vega-lite")
CITATION_FORMATS: Final = ("bibtex", "csl-json")  # for sources only
NARROW: Final = 50  # below this many columns a table shows one record after another
WIDE: Final = 6  # a single record with more fields than this is shown the same way

Cell = str | int | float | bool | None | list[str] | list[int] | dict[str, object]
Row = dict[str, Cell]


class Column(NamedTuple):
    """A column of the human formats (table, Markdown): a header over a row key."""

    key: str
    header: str
    numeric: bool = False  # right-aligned, and never cut or wrapped
    grouped: bool = True  # a numeric column's numbers get thousands separators (not years)


class Rows(NamedTuple):
    """Records of one kind with stable keys, and how to show them to a person."""

    kind: str
    keys: tuple[str, ...]  # every key of every row, in the order TSV/CSV/JSON use
    columns: tuple[Column, ...]  # what a table shows
    rows: list[Row]
    value_key: str = "value"  # what --format value prints
    title: str | None = None
    group_key: str | None = None  # a table per value of this key
    group_titles: Mapping[str, str] | None = None
    meta: Row | None = None  # one object shown above the rows (e.g. the source itself)
    meta_name: str = "meta"
    flat_keys: tuple[str, ...] | None = None  # TSV/CSV keys when some keys are JSON-only
    chart: Chart | None = None  # drawn after a table on a terminal; --format vega-lite


class Answer(NamedTuple):
    """Rows to print, and notes for stderr that qualify them."""

    rows: Rows
    notes: tuple[str, ...] = ()


def choose_format(option: str | None, stdout_is_terminal: bool) -> str:
    """The output format: the one asked for, else a table on a terminal and TSV in a pipe."""
    if option is None:
        return "table" if stdout_is_terminal else "tsv"
    wanted = option.strip().lower()
    if wanted in CITATION_FORMATS:
        return wanted  # render() refuses them for rows that are not sources
    if wanted not in FORMATS:
        import difflib

        close = difflib.get_close_matches(wanted, FORMATS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise UsageProblem(f"unknown format {shown(option)}; {hint}formats: {', '.join(FORMATS)}")
    return wanted


def render(rows: Rows, fmt: str, out: IO[str], header: bool = True) -> None:
    """Write rows to out in the format given (one of FORMATS)."""
    if fmt in CITATION_FORMATS:
        _citations(rows, fmt, out)
    elif fmt == "table":
        _table(rows, out)
    elif fmt in ("tsv", "csv"):
        _delimited(rows, out, header, "\t" if fmt == "tsv" else ",")
    elif fmt == "json":
        import json

        records = [_json_row(rows.keys, r) for r in rows.rows]
        document: object = records
        if rows.meta is not None:
            document = {rows.meta_name: rows.meta, "records": records}
        json.dump(document, out, ensure_ascii=False, indent=2, allow_nan=False)
        out.write("\n")
    elif fmt == "jsonl":
        import json

        for row in rows.rows:
            out.write(json.dumps(_json_row(rows.keys, row), ensure_ascii=False, allow_nan=False))
            out.write("\n")
    elif fmt == "markdown":
        _markdown(rows, out, header)
    elif fmt == "value":
        for row in rows.rows:
            out.write(flat(row.get(rows.value_key)) + "\n")
    elif fmt == "vega-lite":
        _vega_lite(rows, out)
    else:  # pragma: no cover - choose_format rejects other names
        raise UsageProblem(f"unknown format {fmt!r}")


def _vega_lite(rows: Rows, out: IO[str]) -> None:
    if rows.chart is None or not rows.chart.points:
        raise UsageProblem(
            "vega-lite draws series and comparisons: use it with `compare ENTITY --indicator ID`,"
            " `indicator ID --entity ENTITY` or `compare ENTITY ENTITY...`"
        )
    import json

    from .vegalite import spec

    json.dump(spec(rows.chart), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _citations(rows: Rows, fmt: str, out: IO[str]) -> None:
    from .citation import bibtex, csl_json

    if rows.meta is not None and rows.meta_name == "source":
        sources: list[Row] = [rows.meta]
    elif rows.kind == "source":
        sources = rows.rows
    else:
        raise UsageProblem(f"{fmt} cites sources: use it with `szfacts source [ID]`")
    out.write(bibtex(sources) if fmt == "bibtex" else csl_json(sources))


def render_sections(sections: Mapping[str, Rows], fmt: str, out: IO[str], header: bool) -> None:
    """Write several kinds of rows.

    JSON: one object with an array per section; JSON Lines: each record tagged with its
    section; any other format: exactly one section.
    """
    import json

    if fmt == "json":
        document = {
            name: [_json_row(rows.keys, r) for r in rows.rows] for name, rows in sections.items()
        }
        json.dump(document, out, ensure_ascii=False, indent=2, allow_nan=False)
        out.write("\n")
    elif fmt == "jsonl":
        for name, rows in sections.items():
            for row in rows.rows:
                record = {"section": name, **_json_row(rows.keys, row)}
                out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    elif len(sections) == 1:
        render(next(iter(sections.values())), fmt, out, header)
    else:
        raise UsageProblem(
            f"{fmt} holds one kind of record: add --section NAME, or use json or jsonl"
        )


def flat(cell: Cell | object) -> str:
    """A cell as one line of text: numbers unformatted, lists joined by commas, None empty."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return repr(cell) if not cell.is_integer() or abs(cell) >= 1e16 else str(int(cell))
    if isinstance(cell, list):
        return ",".join(flat(c) for c in cell)
    if isinstance(cell, dict):
        import json

        return json.dumps(cell, ensure_ascii=False, separators=(",", ":"))
    # Tabs and line breaks would break the one-record-a-line contract of TSV.
    return str(cell).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def human(value: Cell | object, column: Column) -> str:
    """A cell as a person reads it in a table or Markdown: numbers with thousands separators.

    Only the numbers of numeric columns are grouped (51000 is 51,000; 3.93 stays 3.93); text
    the row builders made for people already carries its own; machine formats never call this.
    """
    text = flat(value)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if column.numeric and column.grouped and number and "e" not in text and "inf" not in text:
        return group_digits(text)
    return text


def group_digits(number: str) -> str:
    """A plain decimal number with its integer digits in groups of three: '-19,800.5'."""
    sign = "-" if number.startswith("-") else ""
    whole, dot, fraction = number.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}" if whole.isdigit() else number


def _json_row(keys: Sequence[str], row: Row) -> Row:
    out: Row = {}
    for key in keys:
        value = row.get(key)
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        out[key] = value
    return out


def _delimited(rows: Rows, out: IO[str], header: bool, delimiter: str) -> None:
    keys = rows.flat_keys or rows.keys
    if delimiter == "\t":
        if header:
            out.write("\t".join(keys) + "\n")
        for row in rows.rows:
            out.write("\t".join(flat(row.get(k)) for k in keys) + "\n")
        return
    import csv

    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(keys)
    for row in rows.rows:
        writer.writerow([flat(row.get(k)) for k in keys])


def _groups(rows: Rows) -> list[tuple[str | None, list[Row]]]:
    if rows.group_key is None:
        return [(rows.title, rows.rows)]
    groups: dict[str, list[Row]] = {}
    for row in rows.rows:
        groups.setdefault(flat(row.get(rows.group_key)), []).append(row)
    titles = rows.group_titles or {}
    return [(titles.get(key, key), members) for key, members in groups.items()]


def _markdown(rows: Rows, out: IO[str], header: bool) -> None:
    def cell(value: Cell | object, column: Column | None = None) -> str:
        return (human(value, column) if column else flat(value)).replace("|", "\\|")

    first = True
    if rows.meta is not None:
        for key, value in rows.meta.items():
            out.write(f"- **{key}**: {cell(value)}\n")
        first = False
    for title, members in _groups(rows):
        if not first:
            out.write("\n")
        first = False
        if title:
            out.write(f"**{cell(title)}**\n\n")
        if header:
            out.write("| " + " | ".join(c.header for c in rows.columns) + " |\n")
            out.write("|" + "|".join("---:" if c.numeric else "---" for c in rows.columns) + "|\n")
        for row in members:
            out.write("| " + " | ".join(cell(row.get(c.key), c) for c in rows.columns) + " |\n")


def _vertical(rows: Rows, console: Console) -> None:
    """Each record as `Header: value` lines: what a table becomes on a very narrow terminal."""
    from rich.text import Text

    for title, members in _groups(rows):
        if title:
            console.print(Text(title, style="bold"), overflow="fold")
        for row in members:
            console.print()
            for column in rows.columns:
                line = Text(f"{column.header.replace(chr(10), ' ')}: ", style="bold")
                line.append_text(_cell_text(row.get(column.key), column))
                console.print(line, overflow="fold")
        console.print()


def _cell_text(value: Cell | object, column: Column) -> Text:
    from rich.text import Text

    # Knowledge-file text is shown as text, never parsed as Rich markup.
    if value is None or value == []:
        return Text("—", style="dim")
    return Text(value if isinstance(value, str) else human(value, column))


def _table(rows: Rows, out: IO[str]) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with 1 here, which means "no result" to szfacts' callers.
            raise BrokenPipeError

    # Nothing szfacts prints is Rich markup or holds emoji codes: with both off, no header
    # or title can be reinterpreted, and Rich skips loading its emoji table (~2.5 ms).
    console = PipeAwareConsole(
        file=out, highlight=False, soft_wrap=False, markup=False, emoji=False
    )
    if console.width < NARROW or (len(rows.rows) == 1 and len(rows.columns) > WIDE):
        # A narrow terminal, or a single record of many fields: one `Header: value` a line
        # reads better than a table squeezed into columns a few characters wide.
        _vertical(rows, console)
        _chart(rows, console)
        return
    if rows.meta is not None:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column(overflow="fold")
        for key, value in rows.meta.items():
            grid.add_row(Text(key), Text(flat(value)))
        console.print(grid)
        console.print()
    groups = list(_groups(rows))
    if any(_too_wide(rows.columns, members, console.width, cell_len) for _, members in groups):
        # The numbers alone would not fit side by side: rather than let the table drop or cut
        # a column, show one record after another, where every number stays whole.
        _vertical(rows, console)
        _chart(rows, console)
        return
    for title, members in groups:
        table = Table(
            title=Text(title, style="bold") if title else None,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            header_style="bold",
        )
        for column in rows.columns:
            # A number is never cut or wrapped: its column is at least as wide as its widest
            # value, and the text columns wrap to make room.
            widest = max((cell_len(human(r.get(column.key), column)) for r in members), default=1)
            table.add_column(
                column.header,
                justify="right" if column.numeric else "left",
                overflow="fold",
                min_width=widest if column.numeric else None,
            )
        for row in members:
            table.add_row(*(_cell_text(row.get(c.key), c) for c in rows.columns))
        console.print(table)
    _chart(rows, console)


def _chart(rows: Rows, console: Console) -> None:
    """Draw a series after its table: on a terminal only, never in a pipe (see chart.py)."""
    if rows.chart is not None and rows.chart.kind == "series":
        from .chart import draw, drawable

        if drawable(rows.chart):
            draw(rows.chart, console)


def _too_wide(
    columns: Sequence[Column], members: Sequence[Row], width: int, cell_len: Callable[[str], int]
) -> bool:
    """Whether a table's numeric columns, never wrapped, leave no room for the others."""
    needed = 0
    for column in columns:
        if column.numeric:
            needed += max((cell_len(human(r.get(column.key), column)) for r in members), default=1)
        else:
            needed += 6  # the least a wrapped text column can sensibly take
        needed += 2  # padding between columns
    return needed > width

"""What every answer is made of, before any format: a Table of records, and cell text.

An answer builder (`rank.rank_answer`, ...) turns a question's answer into an `Answer`: a
`Table` (its `records`, dicts with stable `keys`, and the `columns` a person sees) and
notes for stderr. render.py writes
a table in each format, and table.py draws it on a terminal; both import this module, never
each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from .figures import Chart

Cell = str | int | float | bool | None | list[str] | list[int] | dict[str, object]
Row = dict[str, Cell]


class Column(NamedTuple):
    """A column of the human formats (table, Markdown): a header over a row key."""

    key: str
    header: str
    numeric: bool = False  # right-aligned, and never cut or wrapped
    grouped: bool = True  # a numeric column's numbers get thousands separators (not years)
    whole: bool = False  # never wrapped: ids and periods
    cite: bool = False  # a citation: a footnote mark in a table, the source list below it
    lead: bool = False  # what a record is about: the first line of the compact layout
    highlight: str | None = None  # the row key of words to stand out in this cell (a figure)
    tones: Mapping[str, str] | None = None  # a Rich style for some values of this column


class Table(NamedTuple):
    """Records of one kind with stable keys, and how to show them to a person."""

    kind: str
    keys: tuple[str, ...]  # every key of every row, in the order TSV/CSV/JSON use
    columns: tuple[Column, ...]  # what a table shows
    records: list[Row]
    value_key: str | None = "value"  # the number --format value prints; None: there is none
    value_of_meta: bool = False  # --format value prints the meta record's number (why ID)
    title: str | None = None
    group_key: str | None = None  # a table per value of this key
    group_titles: Mapping[str, str] | None = None
    meta: Row | None = None  # one object shown above the rows (e.g. the source itself)
    meta_name: str = "meta"
    flat_keys: tuple[str, ...] | None = None  # TSV/CSV keys when some keys are JSON-only
    chart: Chart | None = None  # drawn after a table on a terminal; --format vega-lite


class Answer(NamedTuple):
    """A table to print, and notes for stderr that qualify it."""

    table: Table
    notes: tuple[str, ...] = ()


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
    the answer builders made for people already carries its own; machine formats never call this.
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


def groups(table: Table) -> list[tuple[str | None, list[Row]]]:
    """The records in their groups (a table each), with each group's title."""
    if table.group_key is None:
        return [(table.title, table.records)]
    found: dict[str, list[Row]] = {}
    for row in table.records:
        found.setdefault(flat(row.get(table.group_key)), []).append(row)
    titles = table.group_titles or {}
    return [(titles.get(key, key), members) for key, members in found.items()]


BOUNDS: Final = {
    "over": "a lower bound", "at-least": "a lower bound", "under": "an upper bound",
    "at-most": "an upper bound", "nearly": "an upper bound",
}  # fmt: skip


def value_notes(name: str, said: str, qualifier: object, target: bool) -> list[str]:
    """What a bare value leaves unsaid: that it is a bound or approximate, or a target."""
    notes = []
    if qualifier in BOUNDS:
        notes.append(f"note: {name} is {said}, {BOUNDS[str(qualifier)]}, not an exact value")
    elif qualifier == "about":
        notes.append(f"note: {name} is {said}, approximate, not an exact value")
    if target:
        notes.append(f"note: {name} is a target, not an achievement")
    return notes

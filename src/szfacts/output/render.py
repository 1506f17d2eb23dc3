"""The only module that knows output formats: rows in, text out.

Queries hand over a `Table`: records of one kind, all with the same keys. This module writes
them as a Rich table (imported only here, only then), TSV, CSV, JSON, JSON Lines, Markdown
or bare values. Data goes to the stream given; notes are the caller's to print on stderr.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import IO, Final

from szfacts.errors import UsageProblem, quoted

from .rows import Cell, Column, Row, Table, flat, groups, human, value_notes

ROW_FORMATS: Final = ("table", "tsv", "csv", "json", "jsonl", "markdown")
FORMATS: Final = (*ROW_FORMATS, "value", "vega-lite")
CITATION_FORMATS: Final = ("bibtex", "csl-json")  # for sources only
FORMAT_NAMES: Final = (*FORMATS, *CITATION_FORMATS, "sqlite", "text")
# What each command accepts, in the order its --help lists them: the one table that the
# help text, shell completion and the refusal of any other format are made from.
COMMAND_FORMATS: Final[dict[str, tuple[str, ...]]] = {
    "rank": (*ROW_FORMATS, "value"),
    "indicator": (*ROW_FORMATS, "value", "vega-lite"),
    "compare": (*ROW_FORMATS, "value", "vega-lite"),
    "source": (*ROW_FORMATS, *CITATION_FORMATS),
    "search": ROW_FORMATS,
    "entity": (*ROW_FORMATS, "value"),
    "timeline": (*ROW_FORMATS, "value"),
    "why": (*ROW_FORMATS, "value"),
    "export": (*ROW_FORMATS, "sqlite"),
    "check": ("text", "json"),
    "verify": ROW_FORMATS,
    "info": ROW_FORMATS,
}
FORMAT_GLOSS: Final = {
    "value": "the bare number of each record, one a line",
    "vega-lite": "a chart of a series or a comparison",
    "bibtex": "citations",
    "csl-json": "citations",
    "sqlite": "a database file, with --out",
    "text": "one line per finding",
}


def format_help(command: str) -> str:
    """The --format help of a command: exactly the formats it accepts, and the default."""
    accepted = COMMAND_FORMATS[command]
    names = [f"{name} ({FORMAT_GLOSS[name]})" if name in FORMAT_GLOSS else name
             for name in accepted]  # fmt: skip
    default = (f"Default: {accepted[0]}." if accepted[0] != "table"
               else "Default: table on a terminal, tsv in a pipe.")  # fmt: skip
    return f"{', '.join(names[:-1])} or {names[-1]}. {default}"


def choose_format(
    option: str | None, stdout_is_terminal: bool, accepted: Sequence[str] = FORMATS
) -> str:
    """The output format: the one asked for, else a table on a terminal and TSV in a pipe.

    A format the command does not accept (`accepted`) is a usage error naming the ones it does.
    """
    if option is None:
        if "table" not in accepted:
            return accepted[0]
        return "table" if stdout_is_terminal else "tsv"
    wanted = option.strip().lower()
    if wanted not in accepted:
        if wanted in FORMAT_NAMES:
            what, hint = "this command has no format", ""
        else:
            import difflib

            close = difflib.get_close_matches(wanted, accepted, n=1)
            what, hint = "unknown format", f"did you mean {close[0]}? " if close else ""
        raise UsageProblem(f"{what} {quoted(option)}; {hint}formats: {', '.join(accepted)}")
    return wanted


def render(table: Table, fmt: str, out: IO[str], header: bool = True) -> tuple[str, ...]:
    """Write rows to out in the format given (one of FORMATS); return notes for stderr.

    Only `value` has notes of its own: what a bare number leaves unsaid (a bound, a target).
    """
    if fmt == "value":
        return _values(table, out)
    if fmt in CITATION_FORMATS:
        _citations(table, fmt, out)
    elif fmt == "table":
        from .table import draw

        draw(table, out)
    elif fmt in ("tsv", "csv"):
        _delimited(table, out, header, "\t" if fmt == "tsv" else ",")
    elif fmt == "json":
        import json

        records = [_json_row(table.keys, r) for r in table.records]
        document: object = records
        if table.meta is not None:
            document = {table.meta_name: table.meta, "records": records}
        json.dump(document, out, ensure_ascii=False, indent=2, allow_nan=False)
        out.write("\n")
    elif fmt == "jsonl":
        import json

        for row in table.records:
            out.write(json.dumps(_json_row(table.keys, row), ensure_ascii=False, allow_nan=False))
            out.write("\n")
    elif fmt == "markdown":
        _markdown(table, out, header)
    elif fmt == "vega-lite":
        _vega_lite(table, out)
    else:  # pragma: no cover - choose_format rejects other names
        raise UsageProblem(f"unknown format {fmt!r}")
    return ()


def _values(table: Table, out: IO[str]) -> tuple[str, ...]:
    """The bare number of each record, one a line; stderr says what a number leaves out.

    A record with no number (a band in a ranking, a statement) is an empty line, so that
    line N is still record N. An answer whose records have no single value refuses.
    """
    if table.value_key is None:
        raise UsageProblem(
            f"value prints one number per record, and {table.kind} records have none: "
            "use tsv, csv or json"
        )
    records = [table.meta] if table.value_of_meta and table.meta is not None else table.records
    notes: list[str] = []
    for row in records:
        value = row.get(table.value_key)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        out.write((flat(value) if number else "") + "\n")
        name = flat(row.get("id") or row.get("entity"))
        said = flat(row.get("value_text") or row.get("position") or value)
        if not number:
            notes.append(f"note: {name} has no number ({said or 'no value'}): an empty line")
        notes += value_notes(name, said, row.get("qualifier"), row.get("status") == "target")
    return tuple(notes)


def _vega_lite(table: Table, out: IO[str]) -> None:
    if table.chart is None or not table.chart.points:
        raise UsageProblem(
            "vega-lite draws series and comparisons: use it with `compare ENTITY --indicator ID`,"
            " `indicator ID --entity ENTITY` or `compare ENTITY ENTITY...`"
        )
    import json

    from .vegalite import spec

    json.dump(spec(table.chart), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _citations(table: Table, fmt: str, out: IO[str]) -> None:
    from .citation import bibtex, csl_json

    if table.meta is not None and table.meta_name == "source":
        sources: list[Row] = [table.meta]
    elif table.kind == "source":
        sources = table.records
    else:
        raise UsageProblem(f"{fmt} cites sources: use it with `szfacts source [ID]`")
    out.write(bibtex(sources) if fmt == "bibtex" else csl_json(sources))


def render_sections(sections: Mapping[str, Table], fmt: str, out: IO[str], header: bool) -> None:
    """Write several kinds of rows.

    JSON: one object with an array per section; JSON Lines: each record tagged with its
    section; any other format: exactly one section.
    """
    import json

    if fmt == "json":
        document = {
            name: [_json_row(table.keys, r) for r in table.records]
            for name, table in sections.items()
        }
        json.dump(document, out, ensure_ascii=False, indent=2, allow_nan=False)
        out.write("\n")
    elif fmt == "jsonl":
        for name, table in sections.items():
            for row in table.records:
                record = {"section": name, **_json_row(table.keys, row)}
                out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    elif len(sections) == 1:
        render(next(iter(sections.values())), fmt, out, header)
    else:
        raise UsageProblem(
            f"{fmt} holds one kind of record: add --section NAME, or use json or jsonl"
        )


def _json_row(keys: Sequence[str], row: Row) -> Row:
    out: Row = {}
    for key in keys:
        value = row.get(key)
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        out[key] = value
    return out


def _delimited(table: Table, out: IO[str], header: bool, delimiter: str) -> None:
    keys = table.flat_keys or table.keys
    if delimiter == "\t":
        if header:
            out.write("\t".join(keys) + "\n")
        for row in table.records:
            out.write("\t".join(flat(row.get(k)) for k in keys) + "\n")
        return
    import csv

    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(keys)
    for row in table.records:
        writer.writerow([flat(row.get(k)) for k in keys])


def _emphasised(text: str, row: Row, column: Column) -> str:
    """A Markdown cell with its highlighted words (a claim's figure) in bold, once."""
    words = row.get(column.highlight) if column.highlight else None
    if not isinstance(words, str) or not words or words not in text:
        return text
    return text.replace(words, f"**{words}**", 1)


def _markdown(table: Table, out: IO[str], header: bool) -> None:
    def cell(value: Cell | object, column: Column | None = None) -> str:
        # One line a cell (flat() folds line breaks), and no `|` that would end it early.
        text = human(value, column) if column else flat(value)
        return text.replace("\n", " ").replace("|", "\\|")

    first = True
    if table.meta is not None:
        for key, value in table.meta.items():
            out.write(f"- **{key}**: {cell(value)}\n")
        first = False
    for title, members in groups(table):
        if not first:
            out.write("\n")
        first = False
        if title:
            out.write(f"**{cell(title)}**\n\n")
        if header:
            out.write("| " + " | ".join(cell(c.header) for c in table.columns) + " |\n")
            out.write("|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|\n")
        for row in members:
            cells = [_emphasised(cell(row.get(c.key), c), row, c) for c in table.columns]
            out.write("| " + " | ".join(cells) + " |\n")

"""What `export --format sqlite` writes: its tables, columns and views, and their meanings.

The same table serves the SQL that creates the database (database.py) and the Datasette
metadata that describes it to a reader, so the two can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    Source,
    Statement,
)

from .records import in_unit

# ruff: noqa: E501  (the table of tables and columns reads best one column a line)

MARKER: Final = "szfacts_export"  # the table that says a file is an szfacts export
FORMAT: Final = 1  # the export's own format version, in that table and the metadata


class Context(NamedTuple):
    """What a column may need beside its record: the knowledge base, the reports' conflicts."""

    kb: KnowledgeBase
    conflicts: Mapping[str, tuple[str, ...]]


class Col(NamedTuple):
    """A column: its name, SQL type, meaning (for Datasette), and how its value is got.

    The value is the record's attribute of the same name unless `get` says otherwise;
    lists and tuples are stored as JSON arrays, true and false as 1 and 0.
    """

    name: str
    sql: str
    description: str
    get: Callable[[Any, Context], object] | None = None

    def value(self, record: Any, context: Context) -> object:
        """The value stored for a record."""
        value = getattr(record, self.name) if self.get is None else self.get(record, context)
        if isinstance(value, list | tuple):
            return json.dumps(list(value), ensure_ascii=False)
        return int(value) if isinstance(value, bool) else value


def _of_records(
    kind: type[Any],
    description: str,
    records: Callable[[KnowledgeBase], Iterable[Any]],
    columns: list[Col],
    shown_otherwise: tuple[str, ...] = (),
) -> SqlTable:
    """A table of one record kind: the columns given, then one for each other field.

    A field added to a record class is a column of its table with no edit here: its SQL
    type follows its annotation, its description the field's `doc` metadata.
    `shown_otherwise` names the fields given by the columns in another form (a ratio as
    three columns, a derivation as its formula and the table of inputs).
    """
    import dataclasses

    named = {column.name for column in columns} | set(shown_otherwise)
    others = [
        Col(field.name, _SQL_TYPES.get(str(field.type), "TEXT"), field.metadata.get("doc", ""))
        for field in dataclasses.fields(kind)
        if field.name not in named
    ]
    return SqlTable(description, records, [*columns, *others])


_SQL_TYPES: Final = {
    "str": "TEXT NOT NULL", "str | None": "TEXT", "int": "INTEGER NOT NULL",
    "int | None": "INTEGER", "float": "REAL NOT NULL", "float | None": "REAL",
    "bool": "INTEGER NOT NULL",
}  # fmt: skip


class SqlTable(NamedTuple):
    """A table: what it holds, the records a row is made of, and its columns in order.

    The one declaration of a table: database.py creates and fills it from this, and the
    Datasette metadata describes it from this, so order, values and meanings never drift.
    """

    description: str
    records: Callable[[KnowledgeBase], Iterable[Any]]
    columns: list[Col]

    def rows(self, context: Context) -> list[tuple[object, ...]]:
        """Every row of the table, its values in the columns' order."""
        return [
            tuple(column.value(record, context) for column in self.columns)
            for record in self.records(context.kb)
        ]


TABLES: Final[dict[str, SqlTable]] = {
    "sources": _of_records(
        Source,
        "The documents facts come from: who wrote and carried them, when, where.",
        lambda kb: kb.sources,
        [
        Col("id", "TEXT PRIMARY KEY", "Source id, as facts.toml and szfacts give it"),
        Col("title", "TEXT NOT NULL", "Title, or a description where the page has none"),
        Col("kind", "TEXT NOT NULL", "News article, news item, city profile, ..."),
        Col("publisher", "TEXT NOT NULL", "Who wrote it"),
        Col("outlet", "TEXT", "Who carried it, when not the publisher"),
        Col("published", "TEXT NOT NULL", "Publication date, at the precision known", lambda r, _: r.published.text),
        Col("published_note", "TEXT", "How the date (or paragraph count) was established"),
        Col("origin", "TEXT NOT NULL", "Who the figures originally come from"),
        Col("language", "TEXT NOT NULL", "Language code (en, zh)"),
        Col("paragraphs", "INTEGER NOT NULL", "Number of body paragraphs"),
        Col("url", "TEXT", "Web address of the page"),
        Col("url_note", "TEXT", "Why there is no address, where it is unknown"),
        Col("mirrors", "TEXT NOT NULL", "Other addresses of the same text (JSON array)"),
        Col("author", "TEXT", "The writer, where named"),
    ], ()),
    "entities": _of_records(
        Entity,
        "Cities, provinces, countries, groups, organisations and people.",
        lambda kb: kb.entities,
        [
        Col("id", "TEXT PRIMARY KEY", "Entity id"),
        Col("kind", "TEXT NOT NULL", "country, province, municipality, city, group, organisation, person"),
        Col("name", "TEXT NOT NULL", "English name"),
        Col("name_zh", "TEXT", "Chinese name, where known for certain"),
        Col("aliases", "TEXT NOT NULL", "Other names (JSON array)"),
        Col("region", "TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED", "Enclosing entity"),
        Col("members", "TEXT NOT NULL", "For a group: its member entities (JSON array)"),
    ], ()),
    "units": SqlTable(
        "Units with their dimension and scale.",
        lambda kb: kb.units,
        [
        Col("name", "TEXT PRIMARY KEY", "The unit as figures are written in it"),
        Col("dimension", "TEXT NOT NULL", "What it measures; different dimensions never mix"),
        Col("factor", "REAL NOT NULL", "Size in the dimension's base unit (1e9 for a billion yuan)"),
        Col("note", "TEXT", "Note"),
    ]),
    "indicators": _of_records(
        Indicator,
        "What is measured, in which unit, by whose method.",
        lambda kb: kb.indicators,
        [
        Col("id", "TEXT PRIMARY KEY", "Indicator id"),
        Col("name", "TEXT NOT NULL", "Name"),
        Col("name_zh", "TEXT", "Chinese name"),
        Col("topic", "TEXT", "What compare groups it under"),
        Col("unit", "TEXT NOT NULL", "Unit of its figures"),
        Col("definition", "TEXT NOT NULL", "What it measures"),
        Col("method", "TEXT", "Whose definition the figures follow"),
        Col("keywords", "TEXT NOT NULL", "Other words for it in prose, which verify reads (JSON array)"),
        Col("change_of", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a change: the indicator it is the change of"),
        Col("change", "TEXT", "relative or absolute, for a change"),
        Col("ratio_numerator", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a density: its numerator", lambda r, _: r.ratio.numerator if r.ratio else None),
        Col("ratio_denominator", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a density: its denominator", lambda r, _: r.ratio.denominator if r.ratio else None),
        Col("ratio_per", "REAL", "For a density: per how many of the denominator", lambda r, _: r.ratio.per if r.ratio else None),
    ], ("ratio",)),
    "observations": _of_records(
        Observation,
        "One figure each, with its unit, period, status and source.",
        lambda kb: kb.observations,
        [
        Col("id", "TEXT PRIMARY KEY", "Observation id"),
        Col("indicator", "TEXT NOT NULL REFERENCES indicators(id)", "What it measures"),
        Col("entity", "TEXT NOT NULL REFERENCES entities(id)", "Who or what it is about"),
        Col("period", "TEXT", "Period as the source gives it (2021, 2021-end, 2020-08, ...)", lambda r, _: r.period.text if r.period else None),
        Col("period_label", "TEXT", "The period in words", lambda r, _: r.period.label() if r.period else None),
        Col("period_start", "TEXT", "First day of the period", lambda r, _: r.period.start.isoformat() if r.period else None),
        Col("period_end", "TEXT", "Last day of the period", lambda r, _: r.period.end.isoformat() if r.period else None),
        Col("period_note", "TEXT", "How a relative date was resolved"),
        Col("value", "REAL NOT NULL", "The number (a bound's limit for over/under)"),
        Col("value_text", "TEXT NOT NULL", "The value with its qualifier and the digits printed", lambda r, _: r.display()),
        Col("qualifier", "TEXT", "over, nearly, at-least, under, at-most, about, all"),
        Col("value_words", "TEXT", "The source's words, where the value reads them"),
        Col("unit", "TEXT NOT NULL", "Unit of the value as given"),
        Col("status", "TEXT NOT NULL", "actual, or target (a plan: never an achievement)"),
        Col("derived", "INTEGER NOT NULL", "1 when computed by szfacts from other figures"),
        Col("formula", "TEXT", "For a derived value: its formula", lambda r, _: r.derivation.formula if r.derivation else None),
        Col("note", "TEXT", "Note"),
        Col("source", "TEXT REFERENCES sources(id)", "Source (null for a derived value)"),
        Col("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
        Col("conflicts", "TEXT NOT NULL", "Reports of the same figure that disagree (JSON array of ids)", lambda r, c: c.conflicts.get(r.id, ())),
        Col("value_in_unit", "REAL NOT NULL", "The value in its indicator's unit (indicator_unit): one scale to sort and compare by", lambda r, c: in_unit(c.kb, r)),
        Col("indicator_unit", "TEXT NOT NULL", "The indicator's unit, the unit of value_in_unit", lambda r, c: c.kb.indicator(r.indicator).unit),
    ], ("decimals", "derivation")),
    "observation_inputs": SqlTable(
        "The inputs of each derived value's formula.",
        lambda kb: [(o.id, name, target) for o in kb.observations if o.derivation for name, target in o.derivation.inputs],
        [
        Col("observation", "TEXT NOT NULL REFERENCES observations(id) DEFERRABLE INITIALLY DEFERRED", "The derived value", lambda r, _: r[0]),
        Col("name", "TEXT NOT NULL", "Name in the formula", lambda r, _: r[1]),
        Col("input", "TEXT NOT NULL REFERENCES observations(id) DEFERRABLE INITIALLY DEFERRED", "The observation it stands for", lambda r, _: r[2]),
    ]),
    "rankings": _of_records(
        Ranking,
        "Ordered lists from one report edition.",
        lambda kb: kb.rankings,
        [
        Col("id", "TEXT PRIMARY KEY", "Ranking id"),
        Col("name", "TEXT NOT NULL", "What is ranked"),
        Col("scope", "TEXT NOT NULL", "city, province, ..."),
        Col("measure", "TEXT NOT NULL", "By what"),
        Col("indicator", "TEXT REFERENCES indicators(id)", "The indicator ranked, where there is one"),
        Col("report", "TEXT NOT NULL", "The report"),
        Col("compiler", "TEXT REFERENCES entities(id)", "Who compiled it"),
        Col("edition", "INTEGER NOT NULL", "The year in the report's title"),
        Col("period", "TEXT", "The year its data describe", lambda r, _: r.period.text if r.period else None),
        Col("period_note", "TEXT", "Note on the period"),
        Col("universe", "INTEGER", "How many were ranked"),
        Col("source", "TEXT NOT NULL REFERENCES sources(id)", "Source"),
        Col("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
    ], ("entries",)),
    "ranking_entries": SqlTable(
        "An entity's place in a ranking: a rank, or only a band.",
        lambda kb: [(r, e) for r in kb.rankings for e in r.entries],
        [
        Col("id", "TEXT PRIMARY KEY", "Entry id", lambda r, _: r[1].id),
        Col("ranking", "TEXT NOT NULL REFERENCES rankings(id)", "The ranking", lambda r, _: r[0].id),
        Col("entity", "TEXT NOT NULL REFERENCES entities(id)", "Who is ranked", lambda r, _: r[1].entity),
        Col("position", "INTEGER NOT NULL", "The rank (an integer), or a band such as top 10 (text)", lambda r, _: r[1].rank if r[1].rank is not None else r[1].position()),
        Col("rank", "INTEGER", "The rank, where the source states one", lambda r, _: r[1].rank),
        Col("band_top", "INTEGER", "For a band: its size (10 for top 10)", lambda r, _: r[1].band_top),
        Col("note", "TEXT", "Note", lambda r, _: r[1].note),
        Col("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)", lambda r, _: r[1].paragraphs or r[0].paragraphs),
    ]),
    "statements": _of_records(
        Statement,
        "Qualitative facts: events, plans, findings, assessments.",
        lambda kb: kb.statements,
        [
        Col("id", "TEXT PRIMARY KEY", "Statement id"),
        Col("kind", "TEXT NOT NULL", "event, relocation, plan, role, finding, assessment"),
        Col("text", "TEXT NOT NULL", "What it says, in szfacts' words"),
        Col("period", "TEXT", "When", lambda r, _: r.period.text if r.period else None),
        Col("period_note", "TEXT", "How a relative date was resolved"),
        Col("note", "TEXT", "Note"),
        Col("source", "TEXT NOT NULL REFERENCES sources(id)", "Source"),
        Col("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
    ], ("entities",)),
    "statement_entities": SqlTable(
        "The entities each statement is about.",
        lambda kb: [(st.id, e) for st in kb.statements for e in st.entities],
        [
        Col("statement", "TEXT NOT NULL REFERENCES statements(id)", "The statement", lambda r, _: r[0]),
        Col("entity", "TEXT NOT NULL REFERENCES entities(id)", "An entity it is about", lambda r, _: r[1]),
    ]),
}  # fmt: skip

VIEWS: Final = {
    "observations_resolved": (
        "Each observation with its entity's and indicator's names and its source.",
        """SELECT o.id, e.name AS entity_name, e.name_zh AS entity_name_zh, i.name AS indicator_name,
               o.period, o.period_label, o.value, o.value_text, o.unit, o.value_in_unit,
               o.indicator_unit, o.qualifier, o.status, o.derived, o.conflicts, s.title AS source_title, s.publisher AS source_publisher,
               s.url AS source_url, o.paragraphs, o.entity, o.indicator, o.source
        FROM observations o JOIN entities e ON e.id = o.entity
        JOIN indicators i ON i.id = o.indicator LEFT JOIN sources s ON s.id = o.source""",
    ),
    "ranking_entries_resolved": (
        "Each ranking entry with its ranking, entity name and source.",
        """SELECT re.id, r.name AS ranking_name, r.report, r.edition, r.period, re.position,
               e.name AS entity_name, e.name_zh AS entity_name_zh, re.note,
               s.title AS source_title, s.url AS source_url, re.paragraphs, re.ranking,
               re.entity, r.source
        FROM ranking_entries re JOIN rankings r ON r.id = re.ranking
        JOIN entities e ON e.id = re.entity JOIN sources s ON s.id = r.source""",
    ),
}


def metadata(name: str, sha256: str) -> dict[str, Any]:
    """Datasette's metadata: the database's title, licence, source and every column's meaning."""
    tables: dict[str, Any] = {
        table: {"description": description,
                "columns": {column.name: column.description for column in columns}}
        for table, (description, _, columns) in TABLES.items()
    }  # fmt: skip
    tables.update({view: {"description": description} for view, (description, _) in VIEWS.items()})
    tables["search"] = {"description": "Full-text index of names and texts (SQLite FTS5)."}
    tables[MARKER] = {"description": "Marks the file as an szfacts export: format, version, "
                      "and the SHA-256 of the knowledge file exported.", "hidden": True}  # fmt: skip
    return {
        MARKER: FORMAT,
        "title": "szfacts: sourced facts about Shenzhen's digital economy",
        "description": "Every figure, rank and statement of the szfacts knowledge file, each "
        "with its unit, period, status and the source and paragraph it comes from. "
        f"Knowledge file SHA-256 {sha256}.",
        "license": "MIT",
        "source": "szfacts knowledge file (facts.toml), from public sources listed in the "
        "sources table",
        "databases": {name: {"tables": tables}},
    }

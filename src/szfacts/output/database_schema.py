"""What `export --format sqlite` writes: its tables, columns and views, and their meanings.

The same table serves the SQL that creates the database (database.py) and the Datasette
metadata that describes it to a reader, so the two can never disagree.
"""

from __future__ import annotations

from typing import Any, Final

# ruff: noqa: E501  (the table of tables and columns reads best one column a line)

MARKER: Final = "szfacts_export"  # the table that says a file is an szfacts export
FORMAT: Final = 1  # the export's own format version, in that table and the metadata

# table -> (description, [(column, SQL type and constraints, description)])
TABLES: Final[dict[str, tuple[str, list[tuple[str, str, str]]]]] = {
    "sources": ("The documents facts come from: who wrote and carried them, when, where.", [
        ("id", "TEXT PRIMARY KEY", "Source id, as facts.toml and szfacts give it"),
        ("title", "TEXT NOT NULL", "Title, or a description where the page has none"),
        ("kind", "TEXT NOT NULL", "News article, news item, city profile, ..."),
        ("publisher", "TEXT NOT NULL", "Who wrote it"),
        ("outlet", "TEXT", "Who carried it, when not the publisher"),
        ("published", "TEXT NOT NULL", "Publication date, at the precision known"),
        ("published_note", "TEXT", "How the date (or paragraph count) was established"),
        ("origin", "TEXT NOT NULL", "Who the figures originally come from"),
        ("language", "TEXT NOT NULL", "Language code (en, zh)"),
        ("paragraphs", "INTEGER NOT NULL", "Number of body paragraphs"),
        ("url", "TEXT", "Web address of the page"),
        ("url_note", "TEXT", "Why there is no address, where it is unknown"),
        ("mirrors", "TEXT NOT NULL", "Other addresses of the same text (JSON array)"),
        ("author", "TEXT", "The writer, where named"),
    ]),
    "entities": ("Cities, provinces, countries, groups, organisations and people.", [
        ("id", "TEXT PRIMARY KEY", "Entity id"),
        ("kind", "TEXT NOT NULL", "country, province, municipality, city, group, organisation, person"),
        ("name", "TEXT NOT NULL", "English name"),
        ("name_zh", "TEXT", "Chinese name, where known for certain"),
        ("aliases", "TEXT NOT NULL", "Other names (JSON array)"),
        ("region", "TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED", "Enclosing entity"),
        ("members", "TEXT NOT NULL", "For a group: its member entities (JSON array)"),
    ]),
    "units": ("Units with their dimension and scale.", [
        ("name", "TEXT PRIMARY KEY", "The unit as figures are written in it"),
        ("dimension", "TEXT NOT NULL", "What it measures; different dimensions never mix"),
        ("factor", "REAL NOT NULL", "Size in the dimension's base unit (1e9 for a billion yuan)"),
        ("note", "TEXT", "Note"),
    ]),
    "indicators": ("What is measured, in which unit, by whose method.", [
        ("id", "TEXT PRIMARY KEY", "Indicator id"),
        ("name", "TEXT NOT NULL", "Name"),
        ("name_zh", "TEXT", "Chinese name"),
        ("topic", "TEXT", "What compare groups it under"),
        ("unit", "TEXT NOT NULL", "Unit of its figures"),
        ("definition", "TEXT NOT NULL", "What it measures"),
        ("method", "TEXT", "Whose definition the figures follow"),
        ("change_of", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a change: the indicator it is the change of"),
        ("change", "TEXT", "relative or absolute, for a change"),
        ("ratio_numerator", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a density: its numerator"),
        ("ratio_denominator", "TEXT REFERENCES indicators(id) DEFERRABLE INITIALLY DEFERRED", "For a density: its denominator"),
        ("ratio_per", "REAL", "For a density: per how many of the denominator"),
    ]),
    "observations": ("One figure each, with its unit, period, status and source.", [
        ("id", "TEXT PRIMARY KEY", "Observation id"),
        ("indicator", "TEXT NOT NULL REFERENCES indicators(id)", "What it measures"),
        ("entity", "TEXT NOT NULL REFERENCES entities(id)", "Who or what it is about"),
        ("period", "TEXT", "Period as the source gives it (2021, 2021-end, 2020-08, ...)"),
        ("period_label", "TEXT", "The period in words"),
        ("period_start", "TEXT", "First day of the period"),
        ("period_end", "TEXT", "Last day of the period"),
        ("period_note", "TEXT", "How a relative date was resolved"),
        ("value", "REAL NOT NULL", "The number (a bound's limit for over/under)"),
        ("value_text", "TEXT NOT NULL", "The value with its qualifier and the digits printed"),
        ("qualifier", "TEXT", "over, nearly, at-least, under, at-most, about, all"),
        ("value_words", "TEXT", "The source's words, where the value reads them"),
        ("unit", "TEXT NOT NULL", "Unit of the value as given"),
        ("status", "TEXT NOT NULL", "actual, or target (a plan: never an achievement)"),
        ("derived", "INTEGER NOT NULL", "1 when computed by szfacts from other figures"),
        ("formula", "TEXT", "For a derived value: its formula"),
        ("note", "TEXT", "Note"),
        ("source", "TEXT REFERENCES sources(id)", "Source (null for a derived value)"),
        ("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
        ("conflicts", "TEXT NOT NULL", "Reports of the same figure that disagree (JSON array of ids)"),
        ("value_in_unit", "REAL NOT NULL", "The value in its indicator's unit (indicator_unit): one scale to sort and compare by"),
        ("indicator_unit", "TEXT NOT NULL", "The indicator's unit, the unit of value_in_unit"),
    ]),
    "observation_inputs": ("The inputs of each derived value's formula.", [
        ("observation", "TEXT NOT NULL REFERENCES observations(id) DEFERRABLE INITIALLY DEFERRED", "The derived value"),
        ("name", "TEXT NOT NULL", "Name in the formula"),
        ("input", "TEXT NOT NULL REFERENCES observations(id) DEFERRABLE INITIALLY DEFERRED", "The observation it stands for"),
    ]),
    "rankings": ("Ordered lists from one report edition.", [
        ("id", "TEXT PRIMARY KEY", "Ranking id"),
        ("name", "TEXT NOT NULL", "What is ranked"),
        ("scope", "TEXT NOT NULL", "city, province, ..."),
        ("measure", "TEXT NOT NULL", "By what"),
        ("indicator", "TEXT REFERENCES indicators(id)", "The indicator ranked, where there is one"),
        ("report", "TEXT NOT NULL", "The report"),
        ("compiler", "TEXT REFERENCES entities(id)", "Who compiled it"),
        ("edition", "INTEGER NOT NULL", "The year in the report's title"),
        ("period", "TEXT", "The year its data describe"),
        ("period_note", "TEXT", "Note on the period"),
        ("universe", "INTEGER", "How many were ranked"),
        ("source", "TEXT NOT NULL REFERENCES sources(id)", "Source"),
        ("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
    ]),
    "ranking_entries": ("An entity's place in a ranking: a rank, or only a band.", [
        ("id", "TEXT PRIMARY KEY", "Entry id"),
        ("ranking", "TEXT NOT NULL REFERENCES rankings(id)", "The ranking"),
        ("entity", "TEXT NOT NULL REFERENCES entities(id)", "Who is ranked"),
        ("position", "INTEGER NOT NULL", "The rank (an integer), or a band such as top 10 (text)"),
        ("rank", "INTEGER", "The rank, where the source states one"),
        ("band_top", "INTEGER", "For a band: its size (10 for top 10)"),
        ("note", "TEXT", "Note"),
        ("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
    ]),
    "statements": ("Qualitative facts: events, plans, findings, assessments.", [
        ("id", "TEXT PRIMARY KEY", "Statement id"),
        ("kind", "TEXT NOT NULL", "event, relocation, plan, role, finding, assessment"),
        ("text", "TEXT NOT NULL", "What it says, in szfacts' words"),
        ("period", "TEXT", "When"),
        ("period_note", "TEXT", "How a relative date was resolved"),
        ("note", "TEXT", "Note"),
        ("source", "TEXT NOT NULL REFERENCES sources(id)", "Source"),
        ("paragraphs", "TEXT NOT NULL", "Paragraphs of the source (JSON array)"),
    ]),
    "statement_entities": ("The entities each statement is about.", [
        ("statement", "TEXT NOT NULL REFERENCES statements(id)", "The statement"),
        ("entity", "TEXT NOT NULL REFERENCES entities(id)", "An entity it is about"),
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
                "columns": {column: meaning for column, _, meaning in columns}}
        for table, (description, columns) in TABLES.items()
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

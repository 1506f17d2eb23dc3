"""Export: the whole knowledge base, resolved (names next to ids, units, sources)."""

from __future__ import annotations

from typing import Final

from szfacts.errors import UsageProblem, quoted
from szfacts.knowledge.base import KnowledgeBase

from .rankings import RANK_COLUMNS, RANK_KEYS, ranking_entry_row
from .records import (
    ENTITY_KEYS,
    INDICATOR_ROW_KEYS,
    OBSERVATION_COLUMNS,
    SOURCE_KEYS,
    STATEMENT_KEYS,
    conflicts_among,
    entity_row,
    indicator_row,
    observation_keys,
    observation_row,
    source_row,
    statement_row,
)
from .rows import Column, Table

SECTIONS: Final = (
    "sources", "entities", "indicators", "observations", "rankings", "statements", "units",
)  # fmt: skip
UNIT_KEYS: Final = ("name", "dimension", "factor", "note")


def export_sections(kb: KnowledgeBase, only: str | None = None) -> dict[str, Table]:
    """Every section of the knowledge base as rows, or just the one named."""
    if only is not None and only not in SECTIONS:
        raise UsageProblem(f"unknown section {quoted(only)}; sections: {', '.join(SECTIONS)}")
    wanted = [only] if only else list(SECTIONS)
    out: dict[str, Table] = {}
    for name in wanted:
        out[name] = _section(kb, name)
    return out


def _section(kb: KnowledgeBase, name: str) -> Table:
    columns: tuple[Column, ...]
    if name == "sources":
        columns = (Column("id", "Id"), Column("title", "Title"), Column("published", "Published"))
        return Table("source", SOURCE_KEYS, columns, [source_row(s) for s in kb.sources], "id")
    if name in ("entities", "indicators"):
        # Definitions cite no source themselves: each row names the sources of the facts
        # about it, so that a row piped anywhere keeps its provenance.
        sources = kb.sources_behind()
        if name == "entities":
            columns = (Column("id", "Id"), Column("kind", "Kind"), Column("name", "Name"),
                       Column("name_zh", "中文"))  # fmt: skip
            rows = [{**entity_row(e), "sources": list(sources.get(e.id, ()))} for e in kb.entities]
            return Table("entity", (*ENTITY_KEYS, "sources"), columns, rows, "id")
        columns = (Column("id", "Id"), Column("name", "Name"), Column("unit", "Unit"))
        rows = [{**indicator_row(i), "sources": list(sources.get(i.id, ()))} for i in kb.indicators]
        return Table("indicator", (*INDICATOR_ROW_KEYS, "sources"), columns, rows, "id")
    if name == "observations":
        conflicts = conflicts_among(kb, kb.observations)
        rows = [observation_row(kb, o, conflicts.get(o.id, ())) for o in kb.observations]
        # What each figure measures leads; the id is among the observation columns already.
        columns = (Column("indicator_name", "Indicator", lead=True), *OBSERVATION_COLUMNS)
        return Table("observation", observation_keys(), columns, rows)
    if name == "rankings":
        rows = [ranking_entry_row(kb, r, e) for r in kb.rankings for e in r.entries]
        columns = (Column("ranking", "Ranking"), *RANK_COLUMNS)
        return Table("ranking-entry", RANK_KEYS, columns, rows, "position")
    if name == "units":
        columns = (Column("name", "Unit"), Column("dimension", "Dimension"),
                   Column("factor", "Factor", numeric=True))  # fmt: skip
        rows = [
            {"name": u.name, "dimension": u.dimension, "factor": u.factor, "note": u.note}
            for u in kb.units
        ]
        return Table("unit", UNIT_KEYS, columns, rows, "name")
    columns = (Column("id", "Id"), Column("period", "Period"), Column("text", "Statement"))
    return Table(
        "statement", STATEMENT_KEYS, columns, [statement_row(s) for s in kb.statements], "id"
    )

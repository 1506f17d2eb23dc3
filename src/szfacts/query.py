"""Queries: pure functions from a knowledge base and arguments to rows of one kind.

They never print. Each returns a `Rows` for the renderer, and raises NoResult (a valid
question with no answer, saying what exists) or LookupFailed (a name that matches nothing).
"""

from __future__ import annotations

from typing import NamedTuple

from .lookup import ranking_of_entry
from .model import KnowledgeBase, Observation, RankingEntry
from .periods import Period
from .render import Column, Row, Rows
from .rows import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEYS,
    RANK_COLUMNS,
    RANK_KEYS,
    SOURCE_KEYS,
    observation_row,
    ranking_entry_row,
    ranking_title,
    source_row,
)


class Answer(NamedTuple):
    """Rows to print, and notes for stderr that qualify them."""

    rows: Rows
    notes: tuple[str, ...] = ()


# --- rankings -------------------------------------------------------------------------


def rank(kb: KnowledgeBase, year: int | None, scope: str | None = None) -> Answer:
    """The rankings of an edition year (or, failing that, of a data year), as rows."""
    found = kb.rankings_for(year, scope)
    notes: tuple[str, ...] = ()
    if found.by_data_year:
        editions = ", ".join(sorted({str(r.edition) for r in found.rankings}))
        note = (
            f"no ranking has edition year {year}; showing the edition {editions} "
            f"ranking(s), whose data describe {year}"
        )
        notes = (note,)
    rows = [ranking_entry_row(kb, r, e) for r in found.rankings for e in r.entries]
    titles = {r.id: ranking_title(r) for r in found.rankings}
    rows_out = Rows(
        "ranking-entry", RANK_KEYS, RANK_COLUMNS, rows, value_key="position",
        group_key="ranking", group_titles=titles,
    )  # fmt: skip
    return Answer(rows_out, notes)


RANKING_LIST_KEYS = (
    "id",
    "edition",
    "period",
    "scope",
    "name",
    "report",
    "entries",
    "universe",
    "source",
)


def ranking_list(kb: KnowledgeBase) -> Answer:
    """Every ranking with its edition year, for `szfacts rank` with no year."""
    rows: list[Row] = [
        {
            "id": r.id,
            "edition": r.edition,
            "period": r.period.text if r.period else None,
            "scope": r.scope,
            "name": r.name,
            "report": r.report,
            "entries": len(r.entries),
            "universe": r.universe,
            "source": r.source,
        }
        for r in sorted(kb.rankings, key=lambda r: (r.edition, r.scope, r.id))
    ]
    columns = (
        Column("edition", "Edition", numeric=True),
        Column("scope", "Scope"),
        Column("name", "Ranking"),
        Column("period", "Data"),
        Column("entries", "Entries", numeric=True),
        Column("id", "Id"),
    )
    return Answer(Rows("ranking", RANKING_LIST_KEYS, columns, rows, value_key="edition"))


# --- observations ---------------------------------------------------------------------


def indicator(
    kb: KnowledgeBase, name: str, entity: str | None = None, period: str | None = None
) -> Answer:
    """The observations of an indicator, optionally of one entity and period, as rows."""
    observations = kb.find(name, entity, period)
    found = kb.indicator(name)
    rows = [observation_row(kb, o) for o in observations]
    title = f"{found.name} ({found.unit})"
    # Every observation of an indicator has its unit (the loader checks): it is in the title.
    columns = tuple(c for c in OBSERVATION_COLUMNS if c.key != "unit")
    notes = tuple(
        f"note: {o.id} is {o.display()}, a bound, not an exact value"
        for o in observations
        if o.qualifier in ("over", "at-least", "under", "at-most")
    )
    return Answer(Rows("observation", OBSERVATION_KEYS, columns, rows, title=title), notes)


INDICATOR_KEYS = (
    "id", "name", "unit", "observations", "definition", "change_of", "change", "sources",
)  # fmt: skip


def indicator_list(kb: KnowledgeBase) -> Answer:
    """Every indicator with its unit and how many observations it has."""
    from .analysis import sources_behind

    counts: dict[str, int] = {}
    for obs in kb.observations:
        counts[obs.indicator] = counts.get(obs.indicator, 0) + 1
    sources = sources_behind(kb)
    rows: list[Row] = [
        {
            "id": i.id,
            "name": i.name,
            "unit": i.unit,
            "observations": counts.get(i.id, 0),
            "definition": i.definition,
            "change_of": i.change_of,
            "change": i.change,
            "sources": list(sources.get(i.id, ())),
        }
        for i in kb.indicators
    ]
    columns = (
        Column("id", "Id"),
        Column("name", "Name"),
        Column("unit", "Unit"),
        Column("observations", "Obs.", numeric=True),
    )
    return Answer(Rows("indicator", INDICATOR_KEYS, columns, rows, value_key="id"))


# --- sources --------------------------------------------------------------------------


def source_list(kb: KnowledgeBase) -> Answer:
    """Every source: title, publisher, date and where its figures come from."""
    columns = (
        Column("id", "Id"),
        Column("title", "Title"),
        Column("publisher", "Publisher"),
        Column("published_label", "Published"),
        Column("origin", "Figures from"),
    )
    rows = [source_row(s) for s in kb.sources]
    return Answer(Rows("source", SOURCE_KEYS, columns, rows, value_key="id"))


CITATION_KEYS = ("kind", "id", "paragraphs", "entity", "period", "summary", "source")


def source_detail(kb: KnowledgeBase, source_id: str) -> Answer:
    """A source and every observation, ranking entry and statement that cites it."""
    source = kb.source(source_id)
    rows: list[Row] = []
    for record in kb.citing(source.id):
        if isinstance(record, Observation):
            ind = kb.indicator(record.indicator)
            when = record.period.label() if record.period else "period not stated"
            derived = " (derived)" if record.derived else ""
            summary = f"{ind.name}: {record.display()} {record.unit}, {when}{derived}"
            rows.append(_citation("observation", record.id, record.paragraphs, record.entity,
                                  record.period, summary, source.id))  # fmt: skip
        elif isinstance(record, RankingEntry):
            ranking = ranking_of_entry(kb, record)
            summary = f"{record.position()} in {ranking.name} ({ranking.report})"
            rows.append(_citation("ranking-entry", record.id,
                                  record.paragraphs or ranking.paragraphs, record.entity,
                                  ranking.period, summary, source.id))  # fmt: skip
        else:
            rows.append(_citation("statement", record.id, record.paragraphs,
                                  record.entities[0], record.period, record.text,
                                  source.id))  # fmt: skip
    columns = (
        Column("paragraphs", "¶", numeric=True),
        Column("kind", "Kind"),
        Column("summary", "Fact"),
        Column("id", "Id"),
    )
    return Answer(
        Rows("citation", CITATION_KEYS, columns, rows, value_key="id",
             meta=source_row(source), meta_name="source")
    )  # fmt: skip


def _citation(
    kind: str,
    record_id: str,
    paragraphs: tuple[int, ...],
    entity: str,
    period: Period | None,
    summary: str,
    source: str,
) -> Row:
    return {
        "kind": kind,
        "id": record_id,
        "paragraphs": list(paragraphs),
        "entity": entity,
        "period": period.text if period else None,
        "summary": summary,
        "source": source,
    }


INFO_KEYS = (
    "version", "file", "sha256", "bytes", "sources", "entities", "indicators", "observations",
    "rankings", "ranking_entries", "statements",
)  # fmt: skip


def info(kb: KnowledgeBase, name: str, data: bytes) -> Answer:
    """The identity of a knowledge file: name, content hash and record counts."""
    import hashlib

    from . import __version__

    row: Row = {
        "version": __version__, "file": name, "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data), "sources": len(kb.sources), "entities": len(kb.entities),
        "indicators": len(kb.indicators), "observations": kb.count_observations(),
        "rankings": len(kb.rankings), "ranking_entries": sum(len(r.entries) for r in kb.rankings),
        "statements": len(kb.statements),
    }  # fmt: skip
    columns = tuple(
        Column(key, key.replace("_", " ").capitalize(), numeric=isinstance(row[key], int))
        for key in INFO_KEYS
    )
    return Answer(Rows("knowledge-file", INFO_KEYS, columns, [row], value_key="sha256"))


def identity_line(kb: KnowledgeBase, name: str, data: bytes) -> str:
    """One line naming the knowledge file in use, for `szfacts --version`."""
    row = info(kb, name, data).rows.rows[0]
    return (
        f"knowledge file: {name}, sha256 {str(row['sha256'])[:12]}, {row['sources']} sources, "
        f"{row['entities']} entities, {row['indicators']} indicators, "
        f"{row['observations']} observations, {row['rankings']} rankings, "
        f"{row['statements']} statements"
    )

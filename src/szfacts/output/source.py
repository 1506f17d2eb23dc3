"""Table for `szfacts source`: the list of sources, or one source and what cites it."""

from __future__ import annotations

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period
from szfacts.knowledge.records import Observation, RankingEntry, Source, Statement

from .records import SOURCE_KEYS, source_row
from .rows import Answer, Column, Row, Table


def source_list_answer(kb: KnowledgeBase) -> Answer:
    """Every source: title, publisher, date and where its figures come from."""
    columns = (
        Column("id", "Id", whole=True, lead=True),
        Column("title", "Title"),
        Column("publisher", "Publisher"),
        Column("published_label", "Published", whole=True),
        Column("origin", "Figures from"),
    )
    rows = [source_row(s) for s in kb.sources]
    return Answer(Table("source", SOURCE_KEYS, columns, rows, value_key=None))


CITATION_KEYS = ("kind", "id", "paragraphs", "entity", "period", "summary", "source")


def source_answer(
    kb: KnowledgeBase, source: Source, citing: list[Observation | RankingEntry | Statement]
) -> Answer:
    """A source and every observation, ranking entry and statement that cites it."""
    rows: list[Row] = []
    for record in citing:
        if isinstance(record, Observation):
            ind = kb.indicator(record.indicator)
            when = record.period.label() if record.period else "period not stated"
            derived = " (derived)" if record.derived else ""
            summary = f"{ind.name}: {record.display()} {record.unit}, {when}{derived}"
            rows.append(_citation("observation", record.id, record.paragraphs, record.entity,
                                  record.period, summary, source.id))  # fmt: skip
        elif isinstance(record, RankingEntry):
            ranking = kb.ranking_of(record)
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
        Column("id", "Id", whole=True, lead=True),
    )
    return Answer(
        Table("citation", CITATION_KEYS, columns, rows, value_key=None,
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

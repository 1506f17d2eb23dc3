"""Table for `szfacts timeline`: facts in time order, undated ones last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase

from .records import fact_row
from .rows import Answer, Column, Row, Table

if TYPE_CHECKING:
    from szfacts.questions.timeline import TimelineEvent


TIMELINE_KEYS = (
    "when", "period", "published", "kind", "id", "what", "value", "value_text", "unit",
    "entity", "source", "paragraphs", "status", "value_in_unit",
)  # fmt: skip


def timeline_answer(kb: KnowledgeBase, events: list[TimelineEvent], one_entity: bool) -> Answer:
    """Every dated fact in time order at the precision given, undated facts last."""
    rows: list[Row] = []
    for event in events:
        row = fact_row(kb, event.record)
        published = event.published.label()
        when = str(row["period_label"]) if event.period else f"not stated (published {published})"
        row.update(when=when, published=event.published.text)
        rows.append(row)
    columns = (
        Column("when", "When", whole=True, lead=True), Column("what", "What", lead=True),
        Column("shown", "Value", numeric=True), Column("unit", "Unit"),
        *(() if one_entity else (Column("entity", "Entity"),)),
        Column("cite", "Source", cite=True),
    )  # fmt: skip
    return Answer(Table("timeline-event", TIMELINE_KEYS, columns, rows))

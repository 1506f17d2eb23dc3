"""Table for `szfacts search`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase

from .rows import Answer, Column, Row, Table

if TYPE_CHECKING:
    from szfacts.questions.search import SearchHit

SEARCH_KEYS = ("kind", "id", "name", "score", "matched", "summary", "sources")


def search_answer(kb: KnowledgeBase, hits: list[SearchHit]) -> Answer:
    """The records found, best first, each with the sources behind it."""
    sources = kb.sources_behind()
    rows: list[Row] = [
        {"kind": h.kind, "id": h.id, "name": h.name, "score": h.score, "matched": h.matched,
         "summary": h.summary, "sources": list(sources.get(h.id, ()))}
        for h in hits
    ]  # fmt: skip
    columns = (
        Column("kind", "Kind", lead=True), Column("id", "Id", whole=True, lead=True),
        Column("name", "Name"),
        Column("summary", "About"), Column("score", "Score", numeric=True),
    )  # fmt: skip
    return Answer(Table("search-result", SEARCH_KEYS, columns, rows, value_key=None))

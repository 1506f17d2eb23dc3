"""Rows for `szfacts search`."""

from __future__ import annotations

from .model import KnowledgeBase
from .query import Answer
from .render import Column, Row, Rows

SEARCH_KEYS = ("kind", "id", "name", "score", "matched", "summary", "sources")


def search(kb: KnowledgeBase, text: str) -> Answer:
    """Records whose ids, names or texts contain every word of the query, best first."""
    from .analysis import sources_behind

    hits = kb.search(text)
    sources = sources_behind(kb)
    rows: list[Row] = [
        {"kind": h.kind, "id": h.id, "name": h.name, "score": h.score, "matched": h.matched,
         "summary": h.summary, "sources": list(sources.get(h.id, ()))}
        for h in hits
    ]  # fmt: skip
    columns = (
        Column("kind", "Kind"), Column("id", "Id"), Column("name", "Name"),
        Column("summary", "About"), Column("score", "Score", numeric=True),
    )  # fmt: skip
    return Answer(Rows("search-result", SEARCH_KEYS, columns, rows, value_key="id"))

"""Table for `szfacts entity`: an entity's profile, its figures, ranks and statements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase

from .records import FACT_COLUMNS, FACT_KEYS, fact_row
from .rows import Answer, Row, Table

if TYPE_CHECKING:
    from szfacts.questions.entity import Profile


def entity_answer(kb: KnowledgeBase, found: Profile) -> Answer:
    """An entity's names and place, then its figures, ranks and statements, with sources."""
    entity = found.entity
    meta: Row = {
        "id": entity.id, "kind": entity.kind, "name": entity.name, "name_zh": entity.name_zh,
        "aliases": list(entity.aliases), "region": [e.id for e in found.regions],
        "members": list(entity.members), "member_of": [e.id for e in found.member_of],
        "sources": list(found.sources),
    }  # fmt: skip
    rows = [fact_row(kb, o) for o in found.observations]
    rows += [fact_row(kb, e) for _, e in found.places]
    rows += [fact_row(kb, s) for s in found.statements]
    titles = {"observation": "Figures", "ranking-entry": "Rankings", "statement": "Statements"}
    return Answer(
        Table("fact", FACT_KEYS, FACT_COLUMNS, rows, group_key="kind",
             group_titles=titles, meta=meta, meta_name="entity")
    )  # fmt: skip

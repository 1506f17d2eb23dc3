"""A ranking entry's row: its place, its entity and the ranking's context beside it."""

from __future__ import annotations

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Ranking, RankingEntry

from .records import cite, resolve_entity
from .rows import Column, Row

RANK_KEYS = (
    "ranking",
    "position",
    "entity",
    "entity_name",
    "entity_name_zh",
    "rank",
    "band_top",
    "scope",
    "edition",
    "period",
    "measure",
    "report",
    "universe",
    "source",
    "paragraphs",
    "note",
    "id",
)


RANK_COLUMNS = (
    Column("position", "Rank", numeric=True, lead=True),
    Column("entity_name", "Entity", lead=True),
    Column("entity_name_zh", "中文", lead=True),
    Column("note", "Note"),
    Column("cite", "Source", cite=True),
)


def ranking_entry_row(kb: KnowledgeBase, ranking: Ranking, entry: RankingEntry) -> Row:
    """One ranking entry, resolved: names next to ids, the ranking's context beside it."""
    entity = resolve_entity(kb, entry.entity)
    return {
        "id": entry.id,
        "ranking": ranking.id,
        "position": entry.position(),
        "entity": entity.id,
        "entity_name": entity.name,
        "entity_name_zh": entity.name_zh,
        "rank": entry.rank,
        "band_top": entry.band_top,
        "scope": ranking.scope,
        "edition": ranking.edition,
        "period": ranking.period.text if ranking.period else None,
        "measure": ranking.measure,
        "report": ranking.report,
        "universe": ranking.universe,
        "source": ranking.source,
        "paragraphs": list(entry.paragraphs or ranking.paragraphs),
        "note": entry.note,
        "cite": cite(ranking.source, entry.paragraphs or ranking.paragraphs),
    }


def ranking_title(ranking: Ranking) -> str:
    """A ranking's heading: what, by which report, for which period, out of how many."""
    parts = [f"{ranking.name}: {ranking.report}"]
    if ranking.period is not None:
        parts.append(f"data {ranking.period.label()}")
    if ranking.universe is not None:
        parts.append(f"{ranking.universe} ranked")
    return ", ".join(parts) + f" [{ranking.id}]"

"""Table for `szfacts rank`: the entries of the rankings found, or the list of rankings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase

from .rankings import RANK_COLUMNS, RANK_KEYS, ranking_entry_row, ranking_title
from .rows import Answer, Column, Row, Table

if TYPE_CHECKING:
    from szfacts.questions.rank import RankingsFound


def rank_answer(kb: KnowledgeBase, found: RankingsFound, year: int) -> Answer:
    """The rankings found for a year, one row per entry, grouped by ranking."""
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
    rows_out = Table(
        "ranking-entry", RANK_KEYS, RANK_COLUMNS, rows, value_key="rank",
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


def ranking_list_answer(kb: KnowledgeBase) -> Answer:
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
        Column("edition", "Edition", numeric=True, grouped=False),
        Column("scope", "Scope"),
        Column("name", "Ranking", lead=True),
        Column("period", "Data", whole=True),
        Column("entries", "Entries", numeric=True),
        Column("id", "Id", whole=True),
    )
    return Answer(Table("ranking", RANKING_LIST_KEYS, columns, rows, value_key=None))

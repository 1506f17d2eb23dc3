"""`rank`: which rankings answer a year (`rankings_for`, answered as `RankingsFound`)."""

from __future__ import annotations

from typing import NamedTuple

from szfacts.errors import NoResult, UsageProblem, quoted
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Ranking


class RankingsFound(NamedTuple):
    """The rankings answering a year: of that edition, or failing that of that data year."""

    rankings: tuple[Ranking, ...]
    by_data_year: bool  # True when no edition had the year and its data year matched


def rankings_for(kb: KnowledgeBase, year: int | None, scope: str | None = None) -> RankingsFound:
    """Rankings of an edition year, else of a data year; every ranking when year is None."""
    scopes = sorted({r.scope for r in kb.rankings})
    if scope is not None and scope not in scopes:
        raise UsageProblem(f"unknown scope {quoted(scope)}; scopes: {', '.join(scopes)}")
    rankings = kb.rankings_in(year, scope)
    if year is not None and not rankings:
        by_period = [
            r for r in kb.rankings_in(None, scope) if r.period is not None and r.period.year == year
        ]
        if by_period:
            return RankingsFound(tuple(by_period), by_data_year=True)
    if not rankings:
        years = sorted({r.edition for r in kb.rankings_in(None, scope)})
        what = f"{scope} rankings" if scope else "rankings"
        raise NoResult(
            f"no {what} for {year}; edition years with {what}: "
            + (", ".join(map(str, years)) or "none")
        )
    return RankingsFound(tuple(rankings), by_data_year=False)

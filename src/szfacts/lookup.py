"""The look-ups on every lookup's path.

Kept apart from analysis.py so that a plain `szfacts indicator` or `rank` does not pay for
defining the types of the other commands' answers.
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import NoResult, UsageProblem, shown
from .model import KnowledgeBase, Observation, Ranking, RankingEntry
from .periods import parse_period


class RankingsFound(NamedTuple):
    """The rankings answering a year: of that edition, or failing that of that data year."""

    rankings: tuple[Ranking, ...]
    by_data_year: bool  # True when no edition had the year and its data year matched


def rankings_for(kb: KnowledgeBase, year: int | None, scope: str | None = None) -> RankingsFound:
    """Rankings of an edition year, else of a data year; every ranking when year is None."""
    scopes = sorted({r.scope for r in kb.rankings})
    if scope is not None and scope not in scopes:
        raise UsageProblem(f"unknown scope {shown(scope)}; scopes: {', '.join(scopes)}")
    rankings = kb.rankings_of(year, scope)
    if year is not None and not rankings:
        by_period = [
            r for r in kb.rankings_of(None, scope) if r.period is not None and r.period.year == year
        ]
        if by_period:
            return RankingsFound(tuple(by_period), by_data_year=True)
    if not rankings:
        years = sorted({r.edition for r in kb.rankings_of(None, scope)})
        what = f"{scope} rankings" if scope else "rankings"
        raise NoResult(
            f"no {what} for {year}; edition years with {what}: "
            + (", ".join(map(str, years)) or "none")
        )
    return RankingsFound(tuple(rankings), by_data_year=False)


def find(
    kb: KnowledgeBase, indicator: str, entity: str | None = None, period: str | None = None
) -> list[Observation]:
    """Observations of an indicator (id or name), optionally of an entity and a period."""
    found = kb.indicator(indicator)
    who = kb.entity(entity) if entity is not None else None
    when = None
    if period is not None:
        try:
            when = parse_period(period.strip())
        except ValueError as error:
            raise UsageProblem(f"bad --period: {error}") from None
    observations = kb.observations_of(found.id, who.id if who else None, when)
    if not observations:
        everything = kb.observations_of(found.id)
        if not everything:
            raise NoResult(f"indicator {found.id!r} has no observations in this knowledge file")
        have = sorted({(o.entity, o.period.text if o.period else "undated") for o in everything})
        listed = ", ".join(f"{e} {p}" for e, p in have[:10])
        raise NoResult(f"no {found.id} observation matches; it has: {listed}")
    observations.sort(
        key=lambda o: (o.entity, o.period.start.isoformat() if o.period else "9999", o.id)
    )
    return observations


def ranking_of_entry(kb: KnowledgeBase, entry: RankingEntry) -> Ranking:
    """The ranking an entry belongs to."""
    return next(r for r in kb.rankings if entry in r.entries)

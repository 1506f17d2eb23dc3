"""`indicator`: the observations of an indicator, of an entity, in a period (`find`)."""

from __future__ import annotations

from szfacts.errors import NoResult, UsageProblem
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import Observation


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

"""`timeline`: every fact in time order (`timeline`, answered as `TimelineEvent`s)."""

from __future__ import annotations

from dataclasses import dataclass

from szfacts.errors import NoResult, UsageProblem
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period, order_key
from szfacts.knowledge.records import Observation, RankingEntry, Statement


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A fact on the timeline: its period as the source gives it, or none."""

    kind: str  # observation, ranking-entry or statement
    record: Observation | RankingEntry | Statement
    period: Period | None  # None: the source gives no date; never invented
    published: Period  # when its source was published: orders the undated ones
    source: str


def timeline(
    kb: KnowledgeBase, name: str | None = None, start: int | None = None, end: int | None = None
) -> list[TimelineEvent]:
    """Every fact (of one entity, when named) in time order; undated ones last.

    Dated facts are ordered by the first then the last day they cover, ties by kind then id.
    Undated facts follow, ordered by when their source was published; with a --from or --to
    year they are left out, since nothing places them in the range.
    """
    entity = kb.entity(name) if name is not None else None
    if start is not None and end is not None and end < start:
        raise UsageProblem(f"--to {end} is before --from {start}")
    published = {s.id: s.published for s in kb.sources}
    events: list[TimelineEvent] = []
    for obs in kb.observations:
        if entity is None or obs.entity == entity.id:
            source = (kb.sources_of(obs) or ("",))[0]
            events.append(TimelineEvent("observation", obs, obs.period, published[source], source))
    events.extend(
        TimelineEvent("ranking-entry", entry, ranking.period, published[ranking.source],
                      ranking.source)
        for ranking in kb.rankings
        for entry in ranking.entries
        if entity is None or entry.entity == entity.id
    )  # fmt: skip
    events.extend(
        TimelineEvent("statement", st, st.period, published[st.source], st.source)
        for st in kb.statements
        if entity is None or entity.id in st.entities
    )
    if start is not None or end is not None:
        low, high = start or 1, end or 9999
        events = [
            e for e in events
            if e.period is not None and e.period.start.year <= high and e.period.end.year >= low
        ]  # fmt: skip
    events.sort(
        key=lambda e: (
            e.period is None,
            order_key(e.period) if e.period else order_key(e.published),
            e.kind,
            e.record.id,
        )
    )
    if not events:
        who = f" about {entity.id}" if entity else ""
        raise NoResult(f"no dated facts{who} in that range" if start or end else f"no facts{who}")
    return events

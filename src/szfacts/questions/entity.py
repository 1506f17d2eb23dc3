"""`entity`: everything the knowledge base says about one entity (`profile`, `Profile`)."""

from __future__ import annotations

from dataclasses import dataclass

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import order_key
from szfacts.knowledge.records import Entity, Observation, Ranking, RankingEntry, Statement


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the knowledge base says about one entity."""

    entity: Entity
    regions: tuple[Entity, ...]  # the enclosing entities, nearest first
    member_of: tuple[Entity, ...]  # groups the entity belongs to
    observations: tuple[Observation, ...]  # by indicator, then period
    places: tuple[tuple[Ranking, RankingEntry], ...]  # by edition
    statements: tuple[Statement, ...]  # dated ones in time order, then undated
    sources: tuple[str, ...]  # every source behind the above


def profile(kb: KnowledgeBase, name: str) -> Profile:
    """An entity's names, place and every figure, rank and statement about it."""
    entity = kb.entity(name)
    regions: list[Entity] = []
    current = entity.region
    while current is not None:
        found = kb.record(current)
        if not isinstance(found, Entity) or found in regions:
            break
        regions.append(found)
        current = found.region
    member_of = tuple(e for e in kb.entities if entity.id in e.members)
    indicator_order = {i.id: n for n, i in enumerate(kb.indicators)}
    observations = sorted(
        (o for o in kb.observations if o.entity == entity.id),
        key=lambda o: (indicator_order.get(o.indicator, 0), order_key(o.period), o.id),
    )
    places = sorted(
        ((r, e) for r in kb.rankings for e in r.entries if e.entity == entity.id),
        key=lambda pair: (pair[0].edition, pair[0].id),
    )
    statements = sorted(
        (s for s in kb.statements if entity.id in s.entities),
        key=lambda s: (s.period is None, order_key(s.period), s.id),
    )
    sources: list[str] = []
    for obs in observations:
        sources.extend(kb.sources_of(obs))
    sources.extend(r.source for r, _ in places)
    sources.extend(s.source for s in statements)
    order = {s.id: n for n, s in enumerate(kb.sources)}
    unique = sorted(set(sources), key=lambda s: order.get(s, len(order)))
    return Profile(entity, tuple(regions), member_of, tuple(observations), tuple(places),
                   tuple(statements), tuple(unique))  # fmt: skip

"""The knowledge base: every record of one file, with indexed look-ups by id, name and alias.

The container and nothing else: the questions asked of it are functions in `questions/`,
and the Python API (`szfacts.load()`) wraps it with them in `szfacts.api`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from szfacts.errors import LookupFailed

from .periods import Period
from .records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Record,
    Source,
    Statement,
    Unit,
)


class KnowledgeBase:
    """Every record of one knowledge file, with look-ups by id, name and alias."""

    __slots__ = (
        "_by_id",
        "_entities",
        "_entity_names",
        "_indicators",
        "_observations",
        "_rankings",
        "_sources",
        "_statements",
        "_units",
    )

    def __init__(
        self,
        sources: tuple[Source, ...],
        entities: tuple[Entity, ...],
        indicators: tuple[Indicator, ...],
        observations: tuple[Observation, ...],
        rankings: tuple[Ranking, ...],
        statements: tuple[Statement, ...],
        units: tuple[Unit, ...] = (),
    ) -> None:
        self._sources = sources
        self._entities = entities
        self._indicators = indicators
        self._observations = observations
        self._rankings = rankings
        self._statements = statements
        self._units = units
        self._by_id: dict[str, Record] = {}
        for group in (sources, entities, indicators, observations, rankings, statements):
            for record in group:
                self._by_id[record.id] = record
        for ranking in rankings:
            for entry in ranking.entries:
                self._by_id[entry.id] = entry
        self._entity_names: dict[str, Entity] = {}
        for entity in entities:
            for name in (entity.id, entity.name, entity.name_zh, *entity.aliases):
                if name:
                    self._entity_names.setdefault(name.casefold(), entity)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in file order."""
        return self._sources

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, in file order."""
        return self._entities

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in file order."""
        return self._indicators

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, in file order."""
        return self._observations

    @property
    def rankings(self) -> tuple[Ranking, ...]:
        """Every ranking with its entries, in file order."""
        return self._rankings

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in file order."""
        return self._statements

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every declared unit, in file order."""
        return self._units

    def unit(self, name: str) -> Unit:
        """A unit by name: the declared one, or an undeclared unit as its own dimension."""
        for unit in self.units:
            if unit.name == name:
                return unit
        return Unit(name, name, 1.0)

    def record(self, record_id: str) -> Record | None:
        """Any record by its id, or None."""
        return self._by_id.get(record_id)

    def entity(self, name: str) -> Entity:
        """An entity by id, English or Chinese name or alias, ignoring case."""
        found = self._entity_names.get(name.strip().casefold())
        if found is None:
            raise LookupFailed("entity", name, close_matches(name, self._entity_names))
        return found

    def indicator(self, name: str) -> Indicator:
        """An indicator by id or name, ignoring case."""
        wanted = name.strip().casefold()
        for indicator in self.indicators:
            if wanted in (indicator.id, indicator.name.casefold()):
                return indicator
        names = {i.id: i for i in self.indicators}
        hint = "run `szfacts indicator` to list them"
        raise LookupFailed("indicator", name, close_matches(name, names), hint)

    def source(self, source_id: str) -> Source:
        """A source by id, ignoring case."""
        wanted = source_id.strip().casefold()
        for source in self.sources:
            if source.id == wanted:
                return source
        names = {s.id: s for s in self.sources}
        hint = "run `szfacts source` to list them"
        raise LookupFailed("source", source_id, close_matches(source_id, names), hint)

    def observations_of(
        self, indicator: str | None = None, entity: str | None = None, period: Period | None = None
    ) -> list[Observation]:
        """Observations, filtered by indicator id, entity id and overlapping period."""
        found = []
        for obs in self.observations:
            if indicator is not None and obs.indicator != indicator:
                continue
            if entity is not None and obs.entity != entity:
                continue
            if period is not None and (obs.period is None or not obs.period.overlaps(period)):
                continue
            found.append(obs)
        return found

    def rankings_in(self, edition: int | None = None, scope: str | None = None) -> list[Ranking]:
        """Rankings of an edition year (exactly that) and scope, in file order."""
        return [
            r
            for r in self.rankings
            if (edition is None or r.edition == edition) and (scope is None or r.scope == scope)
        ]

    def rankings_of(self, edition: int | None = None, scope: str | None = None) -> list[Ranking]:
        """Deprecated name of `rankings_in`, kept until the next release."""
        import warnings

        warnings.warn("rankings_of() is now rankings_in()", DeprecationWarning, stacklevel=2)
        return self.rankings_in(edition, scope)

    def count_observations(self) -> int:
        """How many observations there are (without building them all, where possible)."""
        return len(self.observations)

    def count_targets(self) -> int:
        """How many observations are targets (without building them all, where possible)."""
        return sum(1 for o in self.observations if o.target)

    def sources_of(self, observation: Observation) -> tuple[str, ...]:
        """The sources behind an observation: its own, or for a derived one its inputs'."""
        if observation.derivation is None:
            return (observation.source,) if observation.source else ()
        found: list[str] = []
        for _, input_id in observation.derivation.inputs:
            child = self.record(input_id)
            if isinstance(child, Observation):
                for source_id in self.sources_of(child):
                    if source_id not in found:
                        found.append(source_id)
        return tuple(found)

    def ranking_of(self, entry: RankingEntry) -> Ranking:
        """The ranking an entry belongs to."""
        return next(r for r in self.rankings if entry in r.entries)

    def sources_behind(self) -> dict[str, tuple[str, ...]]:
        """For every record id, the sources behind it.

        An entity's or indicator's sources are those of the facts about it, so that no row
        printed anywhere loses its provenance.
        """
        found: dict[str, set[str]] = {}

        def add(record_id: str, sources: Sequence[str]) -> None:
            found.setdefault(record_id, set()).update(sources)

        for obs in self.observations:
            sources = self.sources_of(obs)
            for record_id in (obs.id, obs.entity, obs.indicator):
                add(record_id, sources)
        for ranking in self.rankings:
            add(ranking.id, (ranking.source,))
            for entry in ranking.entries:
                for record_id in (entry.id, entry.entity):
                    add(record_id, (ranking.source,))
        for st in self.statements:
            for record_id in (st.id, *st.entities):
                add(record_id, (st.source,))
        for source in self.sources:
            add(source.id, (source.id,))
        order = {s.id: n for n, s in enumerate(self.sources)}
        return {
            k: tuple(sorted(v, key=lambda s: order.get(s, len(order)))) for k, v in found.items()
        }


def close_matches(name: str, names: Mapping[str, object]) -> list[str]:
    """The ids or names closest to a mistyped one, best first."""
    lowered = name.strip().casefold()
    keys = list(names)
    matches = difflib.get_close_matches(lowered, keys, n=3, cutoff=0.6)
    if not matches:
        matches = [k for k in keys if lowered and lowered in k][:3]
    result: list[str] = []
    for key in matches:
        target = names[key]
        label = getattr(target, "id", key)
        if label not in result:
            result.append(label)
    return result

"""The knowledge base: frozen records and indexed look-ups over them. Standard library only."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from .errors import LookupFailed
from .periods import Period, parse_period

if TYPE_CHECKING:
    from .analysis import (
        ComparisonRow,
        Explanation,
        Profile,
        SearchHit,
        TimelineEvent,
        TrendPoint,
    )
    from .lookup import RankingsFound

QUALIFIER_WORDS: Final = {
    "over": "over",
    "at-least": "at least",
    "under": "under",
    "at-most": "at most",
    "about": "about",
    "all": "all",
}


@dataclass(frozen=True, slots=True)
class Source:
    """A document that facts come from, and who its figures originally come from."""

    id: str
    title: str
    kind: str
    publisher: str
    outlet: str | None
    published: Period
    published_note: str | None
    origin: str
    language: str
    paragraphs: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A city, province, country, group, organisation or person that facts are about."""

    id: str
    kind: str
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]
    region: str | None
    members: tuple[str, ...]


class Ratio(NamedTuple):
    """How an indicator is computed from two others: numerator / denominator * per."""

    numerator: str
    denominator: str
    per: float


@dataclass(frozen=True, slots=True)
class Indicator:
    """What is measured, in which unit; optionally a change of, or ratio of, others."""

    id: str
    name: str
    unit: str
    definition: str
    change_of: str | None
    change: str | None  # "relative" or "absolute" when change_of is set
    ratio: Ratio | None


class Derivation(NamedTuple):
    """How a derived value is computed: a formula over named input observations."""

    formula: str
    inputs: tuple[tuple[str, str], ...]  # (name in the formula, observation id)


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure: indicator, entity, period, value and unit, with its source or formula."""

    id: str
    indicator: str
    entity: str
    period: Period | None
    period_note: str | None
    value: int | float
    decimals: int
    unit: str
    qualifier: str | None
    note: str | None
    source: str | None
    paragraphs: tuple[int, ...]
    derivation: Derivation | None

    @property
    def derived(self) -> bool:
        """True when szfacts computed this value rather than a source stating it."""
        return self.derivation is not None

    def value_text(self) -> str:
        """The value with the digits the source printed, e.g. '26.70'."""
        if isinstance(self.value, int):
            return str(self.value)
        return f"{self.value:.{self.decimals}f}"

    def display(self) -> str:
        """The value with its qualifier in words, e.g. 'over 80', 'all (100)'."""
        if self.qualifier is None:
            return self.value_text()
        if self.qualifier == "all":
            return f"all ({self.value_text()})"
        return f"{QUALIFIER_WORDS[self.qualifier]} {self.value_text()}"


@dataclass(frozen=True, slots=True)
class RankingEntry:
    """An entity's place in a ranking: a numeric rank, or only a band such as top 10."""

    id: str
    entity: str
    rank: int | None
    band_top: int | None
    note: str | None
    paragraphs: tuple[int, ...]

    def position(self) -> str:
        """'1' for a rank, 'top 10' for a band."""
        return str(self.rank) if self.rank is not None else f"top {self.band_top}"


@dataclass(frozen=True, slots=True)
class Ranking:
    """An ordered list of entities from one report edition."""

    id: str
    name: str
    scope: str
    measure: str
    indicator: str | None
    report: str
    compiler: str | None
    edition: int
    period: Period | None
    period_note: str | None
    universe: int | None
    source: str
    paragraphs: tuple[int, ...]
    entries: tuple[RankingEntry, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """A qualitative fact: an event, relocation, plan, role, finding or assessment."""

    id: str
    kind: str
    entities: tuple[str, ...]
    text: str
    period: Period | None
    period_note: str | None
    note: str | None
    source: str
    paragraphs: tuple[int, ...]


Record = Source | Entity | Indicator | Observation | Ranking | RankingEntry | Statement

# An observation as a flat row of text and numbers: how large files are validated and
# compiled without building 100,000 objects. Periods are kept as their text, paragraphs
# as "1,5", and a derivation's inputs as "name=id;name=id" (formula names are Python
# identifiers and ids are kebab-case, so neither can hold '=' or ';').
OBSERVATION_ROW: Final = (
    "id", "indicator", "entity", "period", "period_note", "value", "decimals", "unit",
    "qualifier", "note", "source", "paragraphs", "formula", "inputs",
)  # fmt: skip
ObservationRow = tuple[
    str, str, str, str | None, str | None, int | float, int, str,
    str | None, str | None, str | None, str, str | None, str | None,
]  # fmt: skip


def observation_row(obs: Observation) -> ObservationRow:
    """An observation as a flat row (see OBSERVATION_ROW)."""
    derivation = obs.derivation
    return (
        obs.id, obs.indicator, obs.entity, obs.period.text if obs.period else None,
        obs.period_note, obs.value, obs.decimals, obs.unit, obs.qualifier, obs.note,
        obs.source, ",".join(map(str, obs.paragraphs)),
        derivation.formula if derivation else None,
        ";".join(f"{name}={target}" for name, target in derivation.inputs) if derivation else None,
    )  # fmt: skip


def observation_from_row(row: Sequence[Any]) -> Observation:
    """The observation of a flat row written by observation_row."""
    (record_id, indicator, entity, period, period_note, value, decimals, unit, qualifier,
     note, source, paragraphs, formula, inputs) = row  # fmt: skip
    derivation = None
    if formula is not None:
        pairs = (pair.partition("=") for pair in inputs.split(";"))
        derivation = Derivation(formula, tuple((name, target) for name, _, target in pairs))
    return Observation(
        record_id, indicator, entity, None if period is None else parse_period(period),
        period_note, value, decimals, unit, qualifier, note, source,
        tuple(int(p) for p in paragraphs.split(",")) if paragraphs else (), derivation,
    )  # fmt: skip


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
    )

    def __init__(
        self,
        sources: tuple[Source, ...],
        entities: tuple[Entity, ...],
        indicators: tuple[Indicator, ...],
        observations: tuple[Observation, ...],
        rankings: tuple[Ranking, ...],
        statements: tuple[Statement, ...],
    ) -> None:
        self._sources = sources
        self._entities = entities
        self._indicators = indicators
        self._observations = observations
        self._rankings = rankings
        self._statements = statements
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

    def rankings_of(self, edition: int | None = None, scope: str | None = None) -> list[Ranking]:
        """Rankings of an edition year and scope, in file order."""
        return [
            r
            for r in self.rankings
            if (edition is None or r.edition == edition) and (scope is None or r.scope == scope)
        ]

    def count_observations(self) -> int:
        """How many observations there are (without building them all, where possible)."""
        return len(self.observations)

    # --- the questions each command asks, as typed answers (implemented in analysis.py) ---

    def rankings_for(self, year: int | None = None, scope: str | None = None) -> RankingsFound:
        """Rankings of an edition year (the year in the report's title), else of a data year.

        >>> [r.id for r in szfacts.load().rankings_for(2018, "city").rankings]
        ['internet-plus-cities-2018']
        """
        from .lookup import rankings_for

        return rankings_for(self, year, scope)

    def find(
        self, indicator: str, entity: str | None = None, period: str | None = None
    ) -> list[Observation]:
        """Observations of an indicator by id or name, of an entity by any name, in a period.

        >>> [o.display() for o in szfacts.load().find("5g-density", "深圳", "2021")]
        ['28.5']
        """
        from .lookup import find

        return find(self, indicator, entity, period)

    def compare(self, entities: Sequence[str]) -> tuple[list[Entity], list[ComparisonRow]]:
        """Entities side by side: a row per indicator-and-period or ranking they appear in.

        >>> entities, rows = szfacts.load().compare(["shenzhen", "guangzhou"])
        >>> [(r.subject.id, r.places["guangzhou"].rank) for r in rows if r.places]
        [('internet-plus-cities-2018', 2)]
        """
        from .analysis import compare

        return compare(self, entities)

    def trend(self, entity: str, indicator: str) -> tuple[Entity, Indicator, list[TrendPoint]]:
        """An entity's indicator across periods: changes computed, changes stated, checks.

        >>> _, _, points = szfacts.load().trend("china", "digital-economy-size")
        >>> points[1].relative_change, points[1].stated_change.value
        (17.26, 17.24)
        """
        from .analysis import trend

        return trend(self, entity, indicator)

    def citing(self, source: str) -> list[Observation | RankingEntry | Statement]:
        """Every figure, ranking entry and statement that cites a source, by paragraph."""
        from .analysis import citing

        return citing(self, source)

    def profile(self, entity: str) -> Profile:
        """Everything about one entity: names, region, figures, ranks, statements, sources.

        >>> [e.rank for _, e in szfacts.load().profile("shenzhen").places]
        [1]
        """
        from .analysis import profile

        return profile(self, entity)

    def timeline(
        self, entity: str | None = None, start: int | None = None, end: int | None = None
    ) -> list[TimelineEvent]:
        """Every fact (of an entity) in time order, at the precision given; undated ones last."""
        from .analysis import timeline

        return timeline(self, entity, start, end)

    def explain(self, record_id: str) -> Explanation:
        """Where a figure, rank or statement comes from: source, formula, consistency checks.

        >>> [f.verdict for f in szfacts.load().explain("digital-economy-growth-china-2017").checks]
        ['warning']
        """
        from .analysis import explain

        return explain(self, record_id)

    def search(self, text: str) -> list[SearchHit]:
        """Records whose ids, names, aliases or texts contain every word, best first.

        >>> szfacts.load().search("深圳")[0].id
        'shenzhen'
        """
        from .analysis import search

        return search(self, text)

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

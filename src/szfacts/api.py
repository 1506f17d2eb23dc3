"""The Python API: `szfacts.load()` and the `Facts` it returns.

`Facts` holds a knowledge base and asks it the questions the commands ask, as typed
answers: each method calls the function of the same name in `szfacts.questions`, imported
when first used, so that `import szfacts` costs no more than the records and the reader.
The records and look-ups of the knowledge base itself are passed through unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .knowledge.base import KnowledgeBase
from .reading import loader

if TYPE_CHECKING:
    from .knowledge.periods import Period
    from .knowledge.records import (
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
    from .questions.compare import ComparisonRow, SeriesRow, TrendPoint
    from .questions.entity import Profile
    from .questions.rank import RankingsFound
    from .questions.search import SearchHit
    from .questions.timeline import TimelineEvent
    from .questions.verify import Checked
    from .questions.why import Explanation


def load(path: str | os.PathLike[str] | None = None) -> Facts:
    """Load and validate a knowledge file: the shipped one when path is None.

    >>> facts = load()
    >>> facts.entity("深圳").name
    'Shenzhen'

    Raises KnowledgeFileError naming the file, record and field of every problem.
    """
    return Facts(loader.load(path))


def parse(data: bytes, name: str = "<knowledge file>") -> Facts:
    """Parse and validate knowledge-file bytes; name is used in error messages."""
    return Facts(loader.parse(data, name))


class Facts:
    """A knowledge file's records, their look-ups, and the questions szfacts answers."""

    __slots__ = ("knowledge_base",)

    def __init__(self, knowledge_base: KnowledgeBase) -> None:
        self.knowledge_base = knowledge_base

    # --- the records and look-ups of the knowledge base ------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in file order."""
        return self.knowledge_base.sources

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, in file order."""
        return self.knowledge_base.entities

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in file order."""
        return self.knowledge_base.indicators

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, in file order."""
        return self.knowledge_base.observations

    @property
    def rankings(self) -> tuple[Ranking, ...]:
        """Every ranking with its entries, in file order."""
        return self.knowledge_base.rankings

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in file order."""
        return self.knowledge_base.statements

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every declared unit, in file order."""
        return self.knowledge_base.units

    def unit(self, name: str) -> Unit:
        """A unit by name: the declared one, or an undeclared unit as its own dimension."""
        return self.knowledge_base.unit(name)

    def record(self, record_id: str) -> Record | None:
        """Any record by its id, or None."""
        return self.knowledge_base.record(record_id)

    def entity(self, name: str) -> Entity:
        """An entity by id, English or Chinese name or alias, ignoring case."""
        return self.knowledge_base.entity(name)

    def indicator(self, name: str) -> Indicator:
        """An indicator by id or name, ignoring case."""
        return self.knowledge_base.indicator(name)

    def source(self, source_id: str) -> Source:
        """A source by id, ignoring case."""
        return self.knowledge_base.source(source_id)

    def observations_of(
        self, indicator: str | None = None, entity: str | None = None, period: Period | None = None
    ) -> list[Observation]:
        """Observations, filtered by indicator id, entity id and overlapping period."""
        return self.knowledge_base.observations_of(indicator, entity, period)

    def rankings_in(self, edition: int | None = None, scope: str | None = None) -> list[Ranking]:
        """Rankings of exactly that edition year and scope, in file order.

        `rankings_for(year)` is the question `szfacts rank` asks: it falls back to the
        rankings whose data describe the year when no edition has it.
        """
        return self.knowledge_base.rankings_in(edition, scope)

    def rankings_of(self, edition: int | None = None, scope: str | None = None) -> list[Ranking]:
        """Deprecated name of `rankings_in`, kept until the next release."""
        import warnings

        warnings.warn("rankings_of() is now rankings_in()", DeprecationWarning, stacklevel=2)
        return self.knowledge_base.rankings_in(edition, scope)

    def count_observations(self) -> int:
        """How many observations there are (without building them all, where possible)."""
        return self.knowledge_base.count_observations()

    def sources_of(self, observation: Observation) -> tuple[str, ...]:
        """The sources behind an observation: its own, or for a derived one its inputs'."""
        return self.knowledge_base.sources_of(observation)

    # --- the questions each command asks, as typed answers (see szfacts.questions) ----------

    def rankings_for(self, year: int | None = None, scope: str | None = None) -> RankingsFound:
        """Rankings of an edition year (the year in the report's title), else of a data year.

        >>> [r.id for r in szfacts.load().rankings_for(2018, "city").rankings]
        ['internet-plus-cities-2018', 'cass-urban-competitiveness-2018']
        """
        from .questions.rank import rankings_for

        return rankings_for(self.knowledge_base, year, scope)

    def find(
        self, indicator: str, entity: str | None = None, period: str | None = None
    ) -> list[Observation]:
        """Observations of an indicator by id or name, of an entity by any name, in a period.

        >>> [o.display() for o in szfacts.load().find("5g-density", "深圳", "2021")]
        ['28.5']
        """
        from .questions.indicator import find

        return find(self.knowledge_base, indicator, entity, period)

    def compare(
        self, entities: Sequence[str], period: str | None = None, all_periods: bool = False
    ) -> tuple[list[Entity], list[ComparisonRow]]:
        """Entities side by side: a row per indicator, and per ranking they appear in.

        Each entity's latest figure, or its figure for `period`; with `all_periods`, a row
        per indicator and period.

        >>> entities, rows = szfacts.load().compare(["shenzhen", "guangzhou"])
        >>> [r.places["guangzhou"].position() for r in rows if "guangzhou" in r.places]
        ['2', 'top 5', '4', 'top 10', 'top 15']
        >>> gdp = next(r for r in rows if r.subject.id == "gdp" and r.status == "actual")
        >>> [mine[0].period.text for mine in gdp.observations.values()]
        ['2024', '2021']
        """
        from .questions.compare import compare

        return compare(self.knowledge_base, entities, period, all_periods)

    def series(
        self, entities: Sequence[str], indicator: str, period: str | None = None
    ) -> tuple[list[Entity], Indicator, list[SeriesRow]]:
        """Several entities' figures of one indicator side by side, a row per year.

        >>> _, _, rows = szfacts.load().series(["shenzhen", "beijing"], "5g-base-stations")
        >>> [(r.year, sorted(e for e, mine in r.observations.items() if mine)) for r in rows][1]
        (2020, ['beijing', 'shenzhen'])
        """
        from .questions.compare import series

        return series(self.knowledge_base, entities, indicator, period)

    def trend(self, entity: str, indicator: str) -> tuple[Entity, Indicator, list[TrendPoint]]:
        """An entity's indicator across periods: changes computed, changes stated, checks.

        >>> _, _, points = szfacts.load().trend("china", "digital-economy-size")
        >>> [(p.observation.period.text, p.relative_change) for p in points][1:3]
        [('2016', None), ('2017', 17.26)]
        >>> points[2].stated_change.value
        17.24
        """
        from .questions.compare import trend

        return trend(self.knowledge_base, entity, indicator)

    def citing(self, source: str) -> list[Observation | RankingEntry | Statement]:
        """Every figure, ranking entry and statement that cites a source, by paragraph."""
        from .questions.source import citing

        return citing(self.knowledge_base, source)

    def profile(self, entity: str) -> Profile:
        """Everything about one entity: names, region, figures, ranks, statements, sources.

        >>> [e.position() for _, e in szfacts.load().profile("shenzhen").places]
        ['top 10', '1', '1', 'top 5', 'top 15', '1']
        """
        from .questions.entity import profile

        return profile(self.knowledge_base, entity)

    def timeline(
        self, entity: str | None = None, start: int | None = None, end: int | None = None
    ) -> list[TimelineEvent]:
        """Every fact (of an entity) in time order, at the precision given; undated ones last."""
        from .questions.timeline import timeline

        return timeline(self.knowledge_base, entity, start, end)

    def explain(self, record_id: str) -> Explanation:
        """Where a figure, rank or statement comes from: source, formula, consistency checks.

        >>> [f.verdict for f in szfacts.load().explain("digital-economy-growth-china-2017").checks]
        ['warning']
        """
        from .questions.why import explain

        return explain(self.knowledge_base, record_id)

    def search(self, text: str) -> list[SearchHit]:
        """Records whose ids, names, aliases or texts contain every word, best first.

        >>> szfacts.load().search("深圳")[0].id
        'shenzhen'
        """
        from .questions.search import search

        return search(self.knowledge_base, text)

    def verify(self, text: str) -> list[Checked]:
        """The figures and ranks of a text, each with its verdict and the records behind it.

        >>> text = "Shenzhen had 61,000 5G base stations at the end of 2021."
        >>> [(c.verdict, c.said) for c in szfacts.load().verify(text)]
        [('contradicted', '51,000 base stations, end of 2021')]
        """
        from .questions.verify import verify

        return verify(self.knowledge_base, text)

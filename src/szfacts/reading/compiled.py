"""The shipped knowledge file, compiled into plain data when the wheel is built.

Every start that reads the shipped file would otherwise import tomli, parse the file and
validate it again: milliseconds on each lookup for a file that cannot change. The wheel's
build hook (hatch_build.py) validates facts.toml and writes its records, with the exact
bytes of the facts.toml they came from, to `_shipped.marshal` beside it.

Why it can never disagree with facts.toml: it is used only when the bytes it carries are
the bytes of the facts.toml shipped beside it; any other case (an editable install, which
has none, an edited file, an unreadable or foreign blob) parses facts.toml as usual. It
holds tuples, strings and numbers only; marshal reads them without running anything.
"""

from __future__ import annotations

import marshal
from typing import Any, Final

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period, parse_period
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Ratio,
    Record,
    Source,
    Statement,
    Unit,
)

from .flat import observation_from_row, observation_row

FILE_NAME: Final = "_shipped.marshal"
_MAGIC: Final = "szfacts compiled knowledge file"
_VERSION: Final = 6


def _text(period: Period | None) -> str | None:
    return None if period is None else period.text


def _period(text: str | None) -> Period | None:
    return None if text is None else parse_period(text)


def dump(data: bytes, kb: KnowledgeBase) -> bytes:
    """The compiled form of a validated knowledge base and the bytes it was parsed from."""
    records = (
        tuple(
            (s.id, s.title, s.kind, s.publisher, s.outlet, s.published.text, s.published_note,
             s.origin, s.language, s.paragraphs, s.url, s.url_note, s.mirrors, s.author)
            for s in kb.sources
        ),
        tuple((e.id, e.kind, e.name, e.name_zh, e.aliases, e.region, e.members)
              for e in kb.entities),
        tuple(
            (i.id, i.name, i.unit, i.definition, i.change_of, i.change,
             None if i.ratio is None else tuple(i.ratio), i.method, i.name_zh, i.topic)
            for i in kb.indicators
        ),
        tuple(observation_row(o) for o in kb.observations),
        tuple(
            (r.id, r.name, r.scope, r.measure, r.indicator, r.report, r.compiler, r.edition,
             _text(r.period), r.period_note, r.universe, r.source, r.paragraphs,
             tuple((e.id, e.entity, e.rank, e.band_top, e.note, e.paragraphs)
                   for e in r.entries))
            for r in kb.rankings
        ),
        tuple(
            (s.id, s.kind, s.entities, s.text, _text(s.period), s.period_note, s.note,
             s.source, s.paragraphs)
            for s in kb.statements
        ),
        tuple((u.name, u.dimension, u.factor, u.note) for u in kb.units),
    )  # fmt: skip
    payload: Any = (_MAGIC, _VERSION, data, records)  # plain tuples, strings and numbers
    return marshal.dumps(payload)


def load(blob: bytes, data: bytes) -> KnowledgeBase | None:
    """The knowledge base compiled from exactly these bytes, or None to parse them instead."""
    try:
        # Package data installed beside the code, compared byte for byte before use; no
        # code object is ever taken from it (see the module's docstring).
        magic, version, source, records = marshal.loads(blob)  # noqa: S302
        if magic != _MAGIC or version != _VERSION or source != data:
            return None
        return _build(records)
    except (ValueError, EOFError, TypeError):
        return None


class CompiledKnowledgeBase(KnowledgeBase):
    """The shipped knowledge base, whose observations are built only when asked for.

    A lookup asks for one indicator's figures: building those alone, rather than every
    figure of the file, keeps start-up flat as the shipped file grows. The rows are those
    of the compiled form; asking for all observations builds them all, once.
    """

    __slots__ = ("_built", "_by_indicator", "_row_of", "_rows")

    def __init__(self, rows: tuple[Any, ...], *sections: Any) -> None:
        super().__init__(*sections)
        self._rows = rows
        self._built: dict[int, Observation] = {}
        self._by_indicator: dict[str, list[int]] = {}
        self._row_of: dict[str, int] = {}
        for index, row in enumerate(rows):
            self._by_indicator.setdefault(row[1], []).append(index)
            self._row_of[row[0]] = index

    def _observation(self, index: int) -> Observation:
        found = self._built.get(index)
        if found is None:
            found = self._built[index] = observation_from_row(self._rows[index])
        return found

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, in file order."""
        return tuple(self._observation(index) for index in range(len(self._rows)))

    def count_observations(self) -> int:
        """How many observations there are, without building them."""
        return len(self._rows)

    def record(self, record_id: str) -> Record | None:
        """Any record by its id, or None."""
        index = self._row_of.get(record_id)
        return self._observation(index) if index is not None else super().record(record_id)

    def observations_of(
        self, indicator: str | None = None, entity: str | None = None, period: Period | None = None
    ) -> list[Observation]:
        """Observations, filtered by indicator id, entity id and overlapping period."""
        if indicator is None:
            return super().observations_of(indicator, entity, period)
        found = []
        for index in self._by_indicator.get(indicator, ()):
            row = self._rows[index]
            if entity is not None and row[2] != entity:
                continue
            obs = self._observation(index)
            if period is None or (obs.period is not None and obs.period.overlaps(period)):
                found.append(obs)
        return found


def _build(records: Any) -> KnowledgeBase:
    sources, entities, indicators, observations, rankings, statements, units = records
    return CompiledKnowledgeBase(
        observations,
        tuple(
            Source(i, title, kind, pub, outlet, parse_period(published), note, origin, lang, paras,
                   *web)
            for i, title, kind, pub, outlet, published, note, origin, lang, paras, *web
            in sources
        ),
        tuple(Entity(*fields) for fields in entities),
        tuple(
            Indicator(i, name, unit, definition, change_of, change,
                      None if ratio is None else Ratio(*ratio), method, name_zh, topic)
            for i, name, unit, definition, change_of, change, ratio, method, name_zh, topic
            in indicators
        ),
        (),
        tuple(
            Ranking(i, name, scope, measure, ind, report, compiler, edition, _period(period),
                    period_note, universe, source, paras,
                    tuple(RankingEntry(*entry) for entry in entries))
            for (i, name, scope, measure, ind, report, compiler, edition, period, period_note,
                 universe, source, paras, entries) in rankings
        ),
        tuple(
            Statement(i, kind, ents, text, _period(period), period_note, note, source, paras)
            for i, kind, ents, text, period, period_note, note, source, paras in statements
        ),
        tuple(Unit(*fields) for fields in units),
    )  # fmt: skip

"""The tables of a compiled knowledge file, and the knowledge base that reads them.

cache.py decides where a compiled form lives and when it can be trusted; this module owns
what is in it: one table per section (observations with their rarely set fields packed),
a table of entity names, their indexes, and `StoredKnowledgeBase`, which answers look-ups
from them without building every record.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final

from szfacts.errors import LookupFailed
from szfacts.knowledge.base import KnowledgeBase, close_matches
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

from .flat import ObservationRow, observation_from_row

if TYPE_CHECKING:
    from .builder import Builder

SCHEMA: Final = 6
# Observations are stored with their rarely set fields (period note, qualifier, note,
# formula, inputs) packed into one JSON column, NULL for most rows: SQLite's cost of
# inserting grows with the number of columns bound, and this is the biggest table.
_OBSERVATION_COLUMNS: Final = (
    "id", "indicator", "entity", "period", "value", "decimals", "unit", "source",
    "paragraphs", "extra",
)  # fmt: skip

# How each record kind is stored: one column per dataclass field, in field order; the fields
# named here are converted (periods as their text, tuples and nested records as JSON).
_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _optional_period() -> _Codec:
    return (
        lambda p: None if p is None else p.text,
        lambda t: None if t is None else parse_period(t),
    )


_JSON: Final[_Codec] = (lambda v: json.dumps(v, ensure_ascii=False), json.loads)
_STRINGS: Final[_Codec] = (
    lambda v: json.dumps(list(v), ensure_ascii=False),
    lambda t: tuple(json.loads(t)),
)
_INTS: Final[_Codec] = (
    lambda v: ",".join(map(str, v)),
    lambda t: tuple(int(p) for p in t.split(",")) if t else (),
)
_RATIO: Final[_Codec] = (
    lambda r: None if r is None else json.dumps([r.numerator, r.denominator, r.per]),
    lambda t: None if t is None else Ratio(*json.loads(t)),
)
_ENTRIES: Final[_Codec] = (
    lambda entries: json.dumps([dataclasses.astuple(e) for e in entries], ensure_ascii=False),
    lambda t: tuple(RankingEntry(e[0], e[1], e[2], e[3], e[4], tuple(e[5])) for e in json.loads(t)),
)
_TABLES: Final[dict[str, tuple[type[Any], dict[str, _Codec]]]] = {
    "sources": (Source, {"published": _optional_period(), "mirrors": _STRINGS}),
    "entities": (Entity, {"aliases": _STRINGS, "members": _STRINGS}),
    "indicators": (Indicator, {"ratio": _RATIO}),
    "rankings": (
        Ranking,
        {"period": _optional_period(), "paragraphs": _INTS, "entries": _ENTRIES},
    ),
    "statements": (
        Statement,
        {"entities": _STRINGS, "period": _optional_period(), "paragraphs": _INTS},
    ),
    "units": (Unit, {}),
}
_WITH_IDS: Final = ("sources", "entities", "indicators", "rankings", "statements")


def _columns(kind: type[Any]) -> list[str]:
    fields: tuple[str, ...] | None = getattr(kind, "_fields", None)  # a NamedTuple (Unit)
    return list(fields) if fields is not None else [f.name for f in dataclasses.fields(kind)]


def fill(connection: sqlite3.Connection, compiled: Builder, digest: str) -> None:
    """Write the validated records of a file into an empty database, with their indexes."""
    connection.execute("PRAGMA page_size = 16384")  # fewer, larger pages: a tenth faster to fill
    connection.execute("PRAGMA journal_mode = OFF")  # a fresh private file: no rollback needed
    connection.execute("PRAGMA synchronous = OFF")  # renamed into place only when complete
    with connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("schema", str(SCHEMA)), ("sha256", digest)]
        )
        connection.execute("CREATE TABLE names (name TEXT, entity TEXT, position INTEGER)")
        for section, (kind, codecs) in _TABLES.items():
            columns = _columns(kind)
            # Table and column names come from this module, never from the file.
            connection.execute(f"CREATE TABLE {section} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            connection.executemany(
                f"INSERT INTO {section} VALUES ({marks})",  # noqa: S608
                _rows(tuple(getattr(compiled, section).values()), columns, codecs),
            )
        connection.execute(f"CREATE TABLE observations ({', '.join(_OBSERVATION_COLUMNS)})")
        marks = ", ".join("?" * len(_OBSERVATION_COLUMNS))
        connection.executemany(
            f"INSERT INTO observations VALUES ({marks})",  # noqa: S608
            _packed(compiled.observation_rows),
        )
        connection.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            (
                (name.casefold(), entity.id, position)
                for position, entity in enumerate(compiled.entities.values())
                for name in (entity.id, entity.name, entity.name_zh, *entity.aliases)
                if name
            ),
        )
        connection.execute(
            "CREATE INDEX observations_by_indicator ON observations (indicator, entity)"
        )
        connection.execute("CREATE INDEX observations_by_id ON observations (id)")
        for section in ("sources", "entities", "indicators", "rankings", "statements"):
            connection.execute(f"CREATE INDEX {section}_by_id ON {section} (id)")
        connection.execute("CREATE INDEX names_by_name ON names (name)")


def _rows(records: tuple[Any, ...], columns: list[str], codecs: dict[str, _Codec]) -> Iterator[Any]:
    """Each record as a row: its fields in order, the converted ones encoded."""
    fields = attrgetter(*columns)
    converted = [(i, codecs[c][0]) for i, c in enumerate(columns) if c in codecs]
    for record in records:
        row = list(fields(record))
        for index, encode in converted:
            row[index] = encode(row[index])
        yield row


def _packed(rows: list[ObservationRow]) -> Iterator[tuple[Any, ...]]:
    """Observation rows as stored: the rarely set fields packed into `extra`."""
    for (record_id, indicator, entity, period, period_note, value, decimals, unit, qualifier,
         note, source, paragraphs, formula, inputs, status, words, broken) in rows:  # fmt: skip
        extra = None
        if not (period_note is None and qualifier is None and note is None and formula is None
                and status == "actual" and words is None and broken is None):  # fmt: skip
            extra = json.dumps(
                [period_note, qualifier, note, formula, inputs, status, words, broken],
                ensure_ascii=False,
            )
        yield (record_id, indicator, entity, period, value, decimals, unit, source, paragraphs,
               extra)  # fmt: skip


def _unpacked(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A stored observation row as the model's flat row (see flat.OBSERVATION_ROW)."""
    record_id, indicator, entity, period, value, decimals, unit, source, paragraphs, extra = row
    period_note = qualifier = note = formula = inputs = words = broken = None
    status = "actual"
    if extra is not None:
        period_note, qualifier, note, formula, inputs, status, words, broken = json.loads(extra)
    return (record_id, indicator, entity, period, period_note, value, decimals, unit, qualifier,
            note, source, paragraphs, formula, inputs, status, words, broken)  # fmt: skip


class StoredKnowledgeBase(KnowledgeBase):
    """A knowledge base read from its compiled form: records are fetched as queries need them.

    Whole sections are read on first use; look-ups by id, name, indicator and entity go
    through the indexes, so that a lookup's cost barely grows with the file.
    """

    __slots__ = ("_connection", "_loaded", "_records")

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._loaded: dict[str, tuple[Any, ...]] = {}
        self._records: dict[str, Record | None] = {}

    def _decode(self, section: str, row: tuple[Any, ...]) -> Any:
        if section == "observations":
            return observation_from_row(_unpacked(row))
        kind, codecs = _TABLES[section]
        columns = _columns(kind)
        return kind(
            *(
                codecs[c][1](value) if c in codecs else value
                for c, value in zip(columns, row, strict=True)
            )
        )

    def _select(self, section: str, where: str = "", args: tuple[Any, ...] = ()) -> list[Any]:
        sql = f"SELECT * FROM {section} {where}"  # noqa: S608 - names from this module only
        return [self._decode(section, row) for row in self._connection.execute(sql, args)]

    def _section(self, section: str) -> tuple[Any, ...]:
        if section not in self._loaded:
            self._loaded[section] = tuple(self._select(section, "ORDER BY rowid"))
        return self._loaded[section]

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in file order."""
        return self._section("sources")

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, in file order."""
        return self._section("entities")

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in file order."""
        return self._section("indicators")

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, in file order (reads them all: prefer observations_of)."""
        return self._section("observations")

    @property
    def rankings(self) -> tuple[Ranking, ...]:
        """Every ranking with its entries, in file order."""
        return self._section("rankings")

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in file order."""
        return self._section("statements")

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every declared unit, in file order."""
        return self._section("units")

    def count_observations(self) -> int:
        """How many observations there are, counted by SQLite."""
        (count,) = self._connection.execute("SELECT count(*) FROM observations").fetchone()
        return int(count)

    def count_targets(self) -> int:
        """How many observations are targets, counted by SQLite (status is in `extra`)."""
        (count,) = self._connection.execute(
            "SELECT count(*) FROM observations WHERE extra IS NOT NULL"
            " AND json_extract(extra, '$[5]') = 'target'"
        ).fetchone()
        return int(count)

    def record(self, record_id: str) -> Record | None:
        """Any record by its id, or None."""
        if record_id not in self._records:
            record: Record | None = None
            for section in (*_WITH_IDS, "observations"):  # the small tables first
                rows = self._select(section, "WHERE id = ?", (record_id,))
                if rows:
                    record = rows[0]
                    break
            else:
                entries = (e for r in self.rankings for e in r.entries if e.id == record_id)
                record = next(entries, None)
            self._records[record_id] = record
        return self._records[record_id]

    def entity(self, name: str) -> Entity:
        """An entity by id, English or Chinese name or alias, ignoring case."""
        found = self._connection.execute(
            "SELECT entity FROM names WHERE name = ? ORDER BY position LIMIT 1",
            (name.strip().casefold(),),
        ).fetchone()
        entity = self.record(found[0]) if found else None
        if not isinstance(entity, Entity):
            names = dict(self._connection.execute("SELECT name, entity FROM names").fetchall())
            raise LookupFailed("entity", name, close_matches(name, names))
        return entity

    def indicator(self, name: str) -> Indicator:
        """An indicator by id or name, ignoring case."""
        wanted = name.strip().casefold()
        rows = self._select("indicators", "WHERE id = ? OR lower(name) = ?", (wanted, wanted))
        exact = [i for i in rows if wanted in (i.id, i.name.casefold())]
        return exact[0] if exact else super().indicator(name)

    def source(self, source_id: str) -> Source:
        """A source by id, ignoring case."""
        found = self.record(source_id.strip().casefold())
        return found if isinstance(found, Source) else super().source(source_id)

    def observations_of(
        self, indicator: str | None = None, entity: str | None = None, period: Period | None = None
    ) -> list[Observation]:
        """Observations, filtered by indicator id, entity id and overlapping period."""
        if indicator is None:
            return super().observations_of(indicator, entity, period)
        where, args = "WHERE indicator = ?", [indicator]
        if entity is not None:
            where, args = "WHERE indicator = ? AND entity = ?", [indicator, entity]
        found = self._select("observations", where + " ORDER BY rowid", tuple(args))
        if period is not None:
            found = [o for o in found if o.period is not None and o.period.overlaps(period)]
        return found

"""The tables of a compiled knowledge file, and the knowledge base that reads them.

cache.py decides where a compiled form lives and when it can be trusted; this module owns
what is in it: one table per section (observations with their rarely set fields packed),
a table of entity names, their indexes, and `StoredKnowledgeBase`, which answers look-ups
from them without building every record.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final

from szfacts.errors import LookupFailed
from szfacts.knowledge.base import KnowledgeBase, close_matches
from szfacts.knowledge.periods import Period
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    Record,
    Source,
    Statement,
    Unit,
)

from .flat import (
    KINDS,
    LAYOUT,
    OBSERVATION_EMPTY,
    OBSERVATION_ROW,
    ObservationRow,
    Spec,
    record,
    row,
)

if TYPE_CHECKING:
    from .builder import Builder

# The cache's version: its number, and a checksum of the columns of every kind of record,
# so that a cache written with other fields is made anew rather than misread.
SCHEMA: Final = f"7-{zlib.crc32(repr(LAYOUT).encode()):08x}"

# Each table has one column per field of its record (see flat.py), and a tuple is stored as
# a JSON array. Observations are stored with the columns below, and every other field in one
# JSON object, `extra`, holding only the fields that are not empty (None, or the field's
# default): NULL for most rows. SQLite's cost of inserting grows with the number of columns
# bound, and this is the biggest table.
_OBSERVATION_COLUMNS: Final = (
    "id", "indicator", "entity", "period", "value", "decimals", "unit", "source", "paragraphs",
)  # fmt: skip
_STORED_AT: Final = itemgetter(*(OBSERVATION_ROW.index(c) for c in _OBSERVATION_COLUMNS))
_RARE: Final = tuple(
    (index, name) for index, name in enumerate(OBSERVATION_ROW) if name not in _OBSERVATION_COLUMNS
)
_RARE_AT: Final = itemgetter(*(index for index, _ in _RARE))
_RARE_EMPTY: Final = _RARE_AT(OBSERVATION_EMPTY)
_WITH_IDS: Final = ("sources", "entities", "indicators", "rankings", "statements")


def fill(connection: sqlite3.Connection, compiled: Builder, digest: str) -> None:
    """Write the validated records of a file into an empty database, with their indexes."""
    connection.execute("PRAGMA page_size = 16384")  # fewer, larger pages: a tenth faster to fill
    connection.execute("PRAGMA journal_mode = OFF")  # a fresh private file: no rollback needed
    connection.execute("PRAGMA synchronous = OFF")  # renamed into place only when complete
    with connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA), ("sha256", digest)]
        )
        connection.execute("CREATE TABLE names (name TEXT, entity TEXT, position INTEGER)")
        for section, spec in KINDS.items():
            if section == "observations":
                continue
            # Table and column names come from the record classes, never from the file.
            connection.execute(f"CREATE TABLE {section} ({', '.join(spec.columns)})")
            marks = ", ".join("?" * len(spec.columns))
            connection.executemany(
                f"INSERT INTO {section} VALUES ({marks})",  # noqa: S608
                (_json_arrays(row(r)) for r in getattr(compiled, section).values()),
            )
        stored = (*_OBSERVATION_COLUMNS, "extra")
        connection.execute(f"CREATE TABLE observations ({', '.join(stored)})")
        marks = ", ".join("?" * len(stored))
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
        for section in _WITH_IDS:
            connection.execute(f"CREATE INDEX {section}_by_id ON {section} (id)")
        connection.execute("CREATE INDEX names_by_name ON names (name)")


def _json_arrays(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row as SQLite stores it: tuples as JSON arrays."""
    return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, tuple) else v for v in values)


def _tuples(value: Any) -> Any:
    """JSON's arrays back as the tuples of a row."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _from_json(spec: Spec, values: tuple[Any, ...]) -> Any:
    """The record of a stored row: JSON arrays read back as tuples, then decoded."""
    return record(spec, [_tuples(json.loads(v)) if isinstance(v, str) and c in spec.tuples
                         else v for c, v in zip(spec.columns, values, strict=True)])  # fmt: skip


def _packed(rows: list[ObservationRow]) -> Iterator[tuple[Any, ...]]:
    """Observation rows as stored: the fields that are not empty beyond the columns, in `extra`."""
    for values in rows:
        rare = _RARE_AT(values)
        extra = None
        if rare != _RARE_EMPTY:
            extra = json.dumps(
                {name: v for (_, name), v, empty in zip(_RARE, rare, _RARE_EMPTY, strict=True)
                 if v != empty},
                ensure_ascii=False,
            )  # fmt: skip
        yield _STORED_AT(values) + (extra,)  # noqa: RUF005 - faster than unpacking


_STORED_INDEXES: Final = tuple(OBSERVATION_ROW.index(c) for c in _OBSERVATION_COLUMNS)
_INDEX: Final = {name: index for index, name in enumerate(OBSERVATION_ROW)}


def _unpacked(stored: tuple[Any, ...]) -> ObservationRow:
    """A stored observation row as the model's flat row (see flat.OBSERVATION_ROW)."""
    values = list(OBSERVATION_EMPTY)
    for index, value in zip(_STORED_INDEXES, stored, strict=False):
        values[index] = value
    extra = stored[-1]
    if extra is not None:
        for name, value in json.loads(extra).items():
            values[_INDEX[name]] = _tuples(value)
    return tuple(values)


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

    def _decode(self, section: str, stored: tuple[Any, ...]) -> Any:
        if section == "observations":
            return record(KINDS[section], _unpacked(stored))
        return _from_json(KINDS[section], stored)

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
            " AND json_extract(extra, '$.status') = 'target'"
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

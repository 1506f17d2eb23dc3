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
from szfacts.knowledge.periods import Period
from szfacts.knowledge.records import Observation, Record

from .flat import KINDS, LAYOUT, observation_from_row, record, row

FILE_NAME: Final = "_shipped.marshal"
_MAGIC: Final = "szfacts compiled knowledge file"
_VERSION: Final = 8


def dump(data: bytes, kb: KnowledgeBase) -> bytes:
    """The compiled form of a validated knowledge base and the bytes it was parsed from."""
    records = tuple(tuple(row(r) for r in getattr(kb, section)) for section in KINDS)
    # plain tuples, strings and numbers; the layout is the columns the rows were written with
    payload: Any = (_MAGIC, _VERSION, LAYOUT, data, records)
    return marshal.dumps(payload)


def load(blob: bytes, data: bytes) -> KnowledgeBase | None:
    """The knowledge base compiled from exactly these bytes, or None to parse them instead."""
    try:
        # Package data installed beside the code, compared byte for byte before use; no
        # code object is ever taken from it (see the module's docstring).
        magic, version, layout, source, records = marshal.loads(blob)  # noqa: S302
        if magic != _MAGIC or version != _VERSION or layout != LAYOUT or source != data:
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
        for index, values in enumerate(rows):
            self._by_indicator.setdefault(values[1], []).append(index)
            self._row_of[values[0]] = index

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
    """The knowledge base of the compiled rows; observations are built as they are asked for."""
    built = {
        section: () if section == "observations" else tuple(record(spec, r) for r in rows)
        for (section, spec), rows in zip(KINDS.items(), records, strict=True)
    }
    return CompiledKnowledgeBase(records[list(KINDS).index("observations")], *built.values())

"""Records as flat rows of text, numbers and tuples: how they are compiled and cached.

A record's row has one column per field of its dataclass, in field order, so a field added
to a record in knowledge/records.py is compiled and cached with no edit here. The few
fields that are not plain values are converted by a codec: a period is kept as its text
("2021-end"), paragraphs as "1,5", a ratio, a derivation and a ranking's entries as
tuples. Rows hold only str, int, float, None and tuples of them: marshal stores them as
they are (compiled.py), and SQLite stores a tuple as a JSON array (stored.py).

Observations are by far the most numerous records. Large files are validated and compiled
as these rows without building an object each (see observations.plain_observation).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple

from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import (
    Derivation,
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Ratio,
    Source,
    Statement,
    Unit,
)

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (into the row, out of the row)

_PERIOD: Final[Codec] = (
    lambda p: None if p is None else p.text,
    lambda t: None if t is None else parse_period(t),
)
_PARAGRAPHS: Final[Codec] = (
    lambda v: ",".join(map(str, v)),
    lambda t: tuple(int(p) for p in t.split(",")) if t else (),
)
_RATIO: Final[Codec] = (
    lambda r: None if r is None else tuple(r),
    lambda t: None if t is None else Ratio(*t),
)
_DERIVATION: Final[Codec] = (
    lambda d: None if d is None else (d.formula, d.inputs),
    lambda t: None if t is None else Derivation(t[0], tuple((n, i) for n, i in t[1])),
)


def columns(kind: type[Any]) -> tuple[str, ...]:
    """The columns of a record kind's row: its fields, in order."""
    named: tuple[str, ...] | None = getattr(kind, "_fields", None)  # a NamedTuple (Unit)
    return named if named is not None else tuple(f.name for f in dataclasses.fields(kind))


class Spec(NamedTuple):
    """How a record kind is flattened: its class, columns, and the codecs of some columns."""

    kind: type[Any]
    columns: tuple[str, ...]
    converted: tuple[tuple[int, Codec], ...]  # (column index, codec), for non-plain fields
    tuples: frozenset[str]  # the columns whose value in the row is a tuple


def _spec(kind: type[Any], codecs: dict[str, Codec]) -> Spec:
    names = columns(kind)
    types = {n: str(t) for n, t in getattr(kind, "__annotations__", {}).items()}
    tuples = frozenset(
        n for n in names
        if (n in codecs and codecs[n] in _TUPLE_CODECS)
        or (n not in codecs and types.get(n, "").startswith("tuple["))
    )  # fmt: skip
    return Spec(
        kind, names, tuple((i, codecs[n]) for i, n in enumerate(names) if n in codecs), tuples
    )


_ENTRIES: Final[Codec] = (
    lambda entries: tuple(row(e) for e in entries),
    lambda rows: tuple(record(_ENTRY, r) for r in rows),
)
_TUPLE_CODECS: Final = (_RATIO, _DERIVATION, _ENTRIES)
_ENTRY: Final[Spec] = _spec(RankingEntry, {"paragraphs": _PARAGRAPHS})

# Each record kind, by its section's name in the knowledge file, and its converted columns.
KINDS: Final = {
    "sources": _spec(Source, {"published": _PERIOD}),
    "entities": _spec(Entity, {}),
    "indicators": _spec(Indicator, {"ratio": _RATIO}),
    "observations": _spec(
        Observation, {"period": _PERIOD, "paragraphs": _PARAGRAPHS, "derivation": _DERIVATION}
    ),
    "rankings": _spec(Ranking, {"period": _PERIOD, "paragraphs": _PARAGRAPHS, "entries": _ENTRIES}),
    "statements": _spec(Statement, {"period": _PERIOD, "paragraphs": _PARAGRAPHS}),
    "units": _spec(Unit, {}),
}
_BY_KIND: Final = {spec.kind: spec for spec in (*KINDS.values(), _ENTRY)}
# The columns of every kind of row: compiled and cached forms written with other columns
# (by another version of szfacts) are not read, but made anew.
LAYOUT: Final = tuple(spec.columns for spec in (*KINDS.values(), _ENTRY))


def row(item: Any) -> tuple[Any, ...]:
    """A record as its flat row."""
    spec = _BY_KIND[type(item)]
    values = [getattr(item, name) for name in spec.columns]
    for index, (encode, _) in spec.converted:
        values[index] = encode(values[index])
    return tuple(values)


def record(spec: Spec, values: Sequence[Any]) -> Any:
    """The record of a flat row written by `row`."""
    decoded = list(values)
    for index, (_, decode) in spec.converted:
        decoded[index] = decode(decoded[index])
    return spec.kind(*decoded)


# An observation's row. The fast path of observations.py writes the columns up to `status`
# itself and the rest from OBSERVATION_TAIL: the defaults of the fields that follow.
OBSERVATION_ROW: Final = columns(Observation)
ObservationRow = tuple[Any, ...]
_STATUS: Final = OBSERVATION_ROW.index("status")
OBSERVATION_TAIL: Final = tuple(f.default for f in dataclasses.fields(Observation)[_STATUS + 1 :])
# What each column of an observation's row holds when the source says nothing of it: the
# field's default, else None.
OBSERVATION_EMPTY: Final = tuple(
    None if f.default is dataclasses.MISSING else f.default for f in dataclasses.fields(Observation)
)
_OBSERVATION: Final = KINDS["observations"]


def observation_row(obs: Observation) -> ObservationRow:
    """An observation as a flat row (see OBSERVATION_ROW)."""
    return row(obs)


def observation_from_row(values: Sequence[Any]) -> Observation:
    """The observation of a flat row written by observation_row."""
    obs: Observation = record(_OBSERVATION, values)
    return obs

"""Table for `szfacts indicator`: an indicator's observations, or the list of indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation

from .records import (
    OBSERVATION_COLUMNS,
    conflicts_among,
    observation_keys,
    observation_row,
    point_of,
)
from .rows import Answer, Column, Row, Table, value_notes

if TYPE_CHECKING:
    from .figures import Chart


def indicator_answer(kb: KnowledgeBase, observations: list[Observation]) -> Answer:
    """The observations of one indicator (as `find` answers), one row each."""
    found = kb.indicator(observations[0].indicator)
    conflicts = conflicts_among(kb, observations)
    rows = [observation_row(kb, o, conflicts.get(o.id, ())) for o in observations]
    title = f"{found.name} ({found.unit})"
    # The indicator's unit is in the title; the column stays only when a figure is given in
    # another unit of its dimension (the loader allows nothing else).
    one_unit = all(o.unit == found.unit for o in observations)
    columns = tuple(c for c in OBSERVATION_COLUMNS if c.key != "unit" or not one_unit)
    notes = [n for o in observations for n in value_notes(o.id, o.display(), o.qualifier, o.target)]
    notes += [
        f"note: {a} and {b} report the same quantity and conflict; see `szfacts why {a}`"
        for a, others in conflicts.items()
        for b in others
        if a < b
    ]
    chart = _series(kb, found.name, found.unit, observations, conflicts)
    return Answer(
        Table("observation", observation_keys(), columns, rows, title=title, chart=chart),
        tuple(notes),
    )


def _series(
    kb: KnowledgeBase,
    name: str,
    unit: str,
    observations: list[Observation],
    conflicts: dict[str, tuple[str, ...]],
) -> Chart | None:
    """The chart of one entity's figures over two or more periods, else None.

    Achievements in time order, then targets; values in the indicator's unit.
    """
    dated = [o for o in observations if o.period is not None]
    if len({o.entity for o in observations}) != 1 or len({o.period for o in dated}) < 2:
        return None
    from szfacts.questions.reports import converted

    from .figures import Chart

    dated.sort(key=lambda o: (o.target, o.period.start if o.period else None))
    entity = kb.entity(dated[0].entity)
    return Chart(
        f"{name}, {entity.name}",
        unit,
        tuple(
            point_of(kb, o, converted(kb, o, unit), conflicts.get(o.id, ()), unit,
                     o.period.label() if o.period else "")
            for o in dated
        ),
    )  # fmt: skip


INDICATOR_KEYS = (
    "id", "name", "unit", "observations", "definition", "change_of", "change", "sources",
)  # fmt: skip


def indicator_list_answer(kb: KnowledgeBase) -> Answer:
    """Every indicator with its unit and how many observations it has."""
    counts: dict[str, int] = {}
    for obs in kb.observations:
        counts[obs.indicator] = counts.get(obs.indicator, 0) + 1
    sources = kb.sources_behind()
    rows: list[Row] = [
        {
            "id": i.id,
            "name": i.name,
            "unit": i.unit,
            "observations": counts.get(i.id, 0),
            "definition": i.definition,
            "change_of": i.change_of,
            "change": i.change,
            "sources": list(sources.get(i.id, ())),
        }
        for i in kb.indicators
    ]
    columns = (
        Column("id", "Id", whole=True, lead=True),
        Column("name", "Name"),
        Column("unit", "Unit"),
        Column("observations", "Obs.", numeric=True),
    )
    return Answer(Table("indicator", INDICATOR_KEYS, columns, rows, value_key=None))

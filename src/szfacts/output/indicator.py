"""Rows for `szfacts indicator`: an indicator's observations, or the list of indicators."""

from __future__ import annotations

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation

from .records import OBSERVATION_COLUMNS, OBSERVATION_KEYS, observation_row
from .render import Answer, Column, Row, Rows


def indicator_rows(kb: KnowledgeBase, observations: list[Observation]) -> Answer:
    """The observations of one indicator (as `find` answers), one row each."""
    found = kb.indicator(observations[0].indicator)
    rows = [observation_row(kb, o) for o in observations]
    title = f"{found.name} ({found.unit})"
    # Every observation of an indicator has its unit (the loader checks): it is in the title.
    columns = tuple(c for c in OBSERVATION_COLUMNS if c.key != "unit")
    notes = tuple(
        f"note: {o.id} is {o.display()}, a bound, not an exact value"
        for o in observations
        if o.qualifier in ("over", "at-least", "under", "at-most")
    )
    return Answer(Rows("observation", OBSERVATION_KEYS, columns, rows, title=title), notes)


INDICATOR_KEYS = (
    "id", "name", "unit", "observations", "definition", "change_of", "change", "sources",
)  # fmt: skip


def indicator_list_rows(kb: KnowledgeBase) -> Answer:
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
        Column("id", "Id"),
        Column("name", "Name"),
        Column("unit", "Unit"),
        Column("observations", "Obs.", numeric=True),
    )
    return Answer(Rows("indicator", INDICATOR_KEYS, columns, rows, value_key="id"))

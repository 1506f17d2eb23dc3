"""The points of a chart, shared by the answer builders, the terminal chart and Vega-Lite.

Kept apart from render.py so that chart.py and vegalite.py, which render.py imports only when
it draws, need not import render.py back; imported only by the answers that have a chart.
"""

from __future__ import annotations

from typing import NamedTuple


class Point(NamedTuple):
    """One value of a chart: where it sits, how big it is in the chart's unit, who said so."""

    label: str  # the period (a series) or the entity (a comparison)
    value: float  # in the chart's unit (converted when the figure was given in another)
    shown: str  # the value as the source gave it, for people: 'over 64,000'
    qualifier: str | None  # over, nearly, about, ...: a bound is drawn as a bound
    status: str  # actual or target
    conflict: bool  # another report of the same quantity disagrees
    source: str
    record: str  # the observation's id
    group: str = ""  # what is compared (an indicator and period), for a comparison
    unit: str = ""  # the figure's own unit, when the chart mixes units (a comparison)


class Chart(NamedTuple):
    """A picture of an answer: a series across periods, or entities side by side."""

    title: str
    unit: str  # the unit of a series' values; empty for a comparison of several indicators
    points: tuple[Point, ...]
    kind: str = "series"  # series or comparison

"""`--format vega-lite`: a chart specification that Jupyter, Observable, VS Code and Altair draw.

A Vega-Lite v5 specification with its data inline: one record per value, carrying the value
as the source gave it, its unit, period, status (actual or target), qualifier (a bound stays a
bound), whether another report contradicts it, its source and record id, all shown as the
tooltip. A series is a bar per period (reports of one period side by side, targets lighter
and outlined); a comparison is a bar per entity for each indicator and period, each with its
own scale, since indicators have different units. Imported only for this format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from .figures import Chart, Point

SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v5.json"
_TOOLTIP: Final = (
    ("shown", "value as the source gives it"), ("value", "value in the chart's unit"),
    ("unit", "unit"), ("label", "period or entity"), ("status", "status"),
    ("qualifier", "qualifier"), ("conflict", "another report disagrees"), ("source", "source"),
    ("record", "record"),
)  # fmt: skip


def spec(chart: Chart) -> dict[str, Any]:
    """The Vega-Lite specification of a chart (see the module's docstring)."""
    values = [_datum(point, index, chart) for index, point in enumerate(chart.points)]
    tooltip = [{"field": field, "title": title} for field, title in _TOOLTIP]
    if chart.kind == "comparison":
        return {
            "$schema": SCHEMA,
            "title": chart.title,
            "description": _DESCRIPTION,
            "data": {"values": values},
            "facet": {
                "row": {"field": "group", "type": "nominal", "title": None, "sort": None,
                        "header": {"labelAngle": 0, "labelAlign": "left"}},
            },
            "spec": {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {"field": "label", "type": "nominal", "title": None, "sort": None},
                    "x": {"field": "value", "type": "quantitative",
                          "title": "value (its unit in the tooltip)"},
                    **_status(),
                    "tooltip": tooltip,
                },
            },
            "resolve": {"scale": {"x": "independent"}},
        }  # fmt: skip
    return {
        "$schema": SCHEMA,
        "title": chart.title,
        "description": _DESCRIPTION,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "title": None, "sort": None},
            "yOffset": {"field": "record", "type": "nominal"},
            "x": {"field": "value", "type": "quantitative", "title": chart.unit},
            **_status(),
            "tooltip": tooltip,
        },
    }


_DESCRIPTION: Final = (
    "Made by szfacts. Each value keeps its source, unit, period, status and qualifier: a "
    "target is never an achievement, and a bound (over, under, nearly, about) is not an "
    "exact value."
)


def _status() -> dict[str, Any]:
    """Targets lighter and outlined, achievements solid: a plan never passes for a result."""
    return {
        "color": {"field": "status", "type": "nominal", "title": "status",
                  "scale": {"domain": ["actual", "target"]}},
        "opacity": {"condition": {"test": "datum.status === 'target'", "value": 0.35},
                    "value": 1},
        "strokeDash": {"field": "bound", "type": "nominal", "title": "bound",
                       "scale": {"domain": [False, True], "range": [[1, 0], [4, 2]]}},
        "stroke": {"value": "black"},
    }  # fmt: skip


def _datum(point: Point, index: int, chart: Chart) -> dict[str, Any]:
    return {
        "label": point.label, "group": point.group, "value": point.value, "shown": point.shown,
        "unit": point.unit if chart.kind == "comparison" else chart.unit,
        "status": point.status, "qualifier": point.qualifier,
        "bound": point.qualifier in ("over", "at-least", "under", "at-most", "nearly", "about"),
        "conflict": point.conflict, "source": point.source, "record": point.record,
        "order": index,
    }  # fmt: skip

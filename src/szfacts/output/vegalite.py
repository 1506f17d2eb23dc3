"""`--format vega-lite`: a chart specification that Jupyter, Observable, VS Code and Altair draw.

A Vega-Lite v5 specification with its data inline: one record per value, carrying the value
as the source gave it, its unit, period, status (actual or target), qualifier (a bound stays a
bound), whether another report contradicts it, its source and record id, all shown as the
tooltip, and each bar labelled with the value as the source gave it. A series is a bar per
period (targets beside the achievements of their period, lighter), or for several entities
a coloured bar per entity in each year; the axis is titled with the unit. A comparison is a
coloured bar per entity for each indicator, in the indicator's unit: one panel when every
indicator has the same unit, else a panel per unit, each with its own scale. Imported only
for this format.
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
    document: dict[str, Any] = {
        "$schema": SCHEMA,
        "title": chart.title,
        "description": _DESCRIPTION,
        "data": {"values": values},
    }
    if chart.kind == "comparison":
        units = list(dict.fromkeys(str(v["unit"]) for v in values))
        panel = _panel("group", "label", "label", "entity", "value, in the indicator's unit")
        if len(units) == 1:  # one unit: one panel, its axis titled with it
            panel["encoding"]["x"]["title"] = units[0]
            return {**document, **panel}
        # Small multiples only because the units differ: a panel per unit, each its own scale.
        return {
            **document,
            "facet": {"row": {"field": "unit", "type": "nominal", "title": None, "sort": units,
                              "header": {"labelAngle": 0, "labelAlign": "left",
                                         "labelFontWeight": "bold"}}},
            "spec": panel,
            "resolve": {"scale": {"x": "independent", "y": "independent"}},
        }  # fmt: skip
    several = len({p.group for p in chart.points}) > 1
    if several:  # entities side by side in each period, a colour each
        return {**document, **_panel("label", "group", "group", "entity", chart.unit)}
    # One entity: a bar per period; its reports of one period share it, targets beside.
    return {**document, **_panel("label", "status", None, None, chart.unit)}


def _panel(
    band: str, offset: str, colour: str | None, colour_title: str | None, axis: str
) -> dict[str, Any]:
    """Bars along y by `band`, side by side by `offset`, each labelled with its value."""
    tooltip = [{"field": field, "title": title} for field, title in _TOOLTIP]
    colours = (
        {"color": {"field": colour, "type": "nominal", "title": colour_title, "sort": None}}
        if colour else {"color": _status()["color"]}
    )  # fmt: skip
    marks = {key: value for key, value in _status().items() if key != "color"}
    return {
        "width": 360,
        "height": {"step": 14},
        "encoding": {
            "y": {"field": band, "type": "nominal", "title": None, "sort": None,
                  "axis": {"labelLimit": 280}},
            "yOffset": {"field": offset, "type": "nominal", "sort": None},
            "x": {"field": "value", "type": "quantitative", "title": axis},
        },
        "layer": [
            {"mark": {"type": "bar"}, "encoding": {**colours, **marks, "tooltip": tooltip}},
            {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 9},
             "encoding": {"text": {"field": "shown"}}},
        ],
    }  # fmt: skip


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

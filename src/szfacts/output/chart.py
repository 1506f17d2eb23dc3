"""A series drawn on the terminal: one horizontal bar per period, after the table.

Imported only when a table of a series is drawn on a terminal (see render.py). Every bar
says how far it can be trusted: a bound ends in an arrow pointing where the value lies
("over 64,000" is at least that long), an approximation in a tilde, a target is hollow and
stands apart below the achievements, and a value that another report contradicts is marked.
All bars are in one unit (the chart's), converted where a figure was given in another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .figures import Chart, Point

if TYPE_CHECKING:
    from rich.console import Console

_EIGHTHS: Final = " ▏▎▍▌▋▊▉"
MARKS: Final = {
    "over": "▶", "at-least": "▶", "under": "◀", "at-most": "◀", "nearly": "≲", "about": "~",
}  # fmt: skip
LEGEND: Final = {
    "▶": "a lower bound: the value is at least this",
    "◀": "an upper bound: the value is at most this",
    "≲": "nearly: just under this",
    "~": "about this",
    "░": "a target, never an achievement",
    "≠": "another report of the same figure disagrees",
}


def drawable(chart: Chart | None) -> bool:
    """Whether a chart is a series worth drawing: two or more values, none negative."""
    if chart is None or chart.kind != "series" or len(chart.points) < 2:
        return False
    return all(p.value >= 0 for p in chart.points) and any(p.value > 0 for p in chart.points)


def bar(fraction: float, width: int, target: bool) -> str:
    """A bar `fraction` of `width` cells long, in eighths of a cell; hollow for a target."""
    cells = max(0.0, min(1.0, fraction)) * width
    whole = int(cells)
    if target:
        return "░" * max(whole, 1 if cells > 0 else 0)
    eighths = int((cells - whole) * 8)
    return "█" * whole + (_EIGHTHS[eighths] if eighths else "")


def draw(chart: Chart, console: Console) -> None:
    """Print the chart of a series: a bar per point, the value and its source beside it."""
    from rich.table import Table
    from rich.text import Text

    points = list(chart.points)
    largest = max(p.value for p in points)
    label_width = max(len(_label(p)) for p in points)
    value_width = max(len(_value(p)) for p in points)
    source_width = max(len(p.source) for p in points)
    room = console.width - label_width - value_width - source_width - 8
    if room < 12:  # a narrow terminal: the sources are in the table above
        source_width, room = 0, console.width - label_width - value_width - 6
    width = max(room, 8)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, width=width + 1)
    grid.add_column(justify="right", no_wrap=True)
    if source_width:
        grid.add_column(no_wrap=True, style="dim")
    used: set[str] = set()
    previous = None
    for point in points:
        target = point.status == "target"
        if previous is not None and target and previous.status != "target":
            grid.add_row(*[Text("")] * (4 if source_width else 3))
        length = bar(point.value / largest if largest else 0.0, width, target)
        mark = MARKS.get(point.qualifier or "", "")
        drawn = Text(length, style="magenta" if target else "cyan")
        if mark:
            drawn.append(mark, style="bold")
            used.add(mark)
        if target:
            used.add("░")
        value = Text(_value(point))
        if point.conflict:
            used.add("≠")
        cells = [Text(_label(point)), drawn, value]
        if source_width:
            cells.append(Text(point.source))
        grid.add_row(*cells)
        previous = point
    unit = f" ({chart.unit})" if chart.unit else ""
    console.print(Text(f"{chart.title}{unit}", style="bold"), overflow="fold")
    console.print(grid)
    if used:
        entries = [f"{mark} {LEGEND[mark]}" for mark in LEGEND if mark in used]
        legend = "   ".join(entries)
        if len(legend) > console.width:  # one entry a line rather than one cut in two
            legend = "\n".join(entries)
        console.print(Text(legend, style="dim"), overflow="fold")
    console.print()


def _label(point: Point) -> str:
    # A series of several entities names each bar's entity: '2021 Shenzhen'.
    entity = f" {point.group}" if point.group else ""
    return point.label + entity + (" target" if point.status == "target" else "")


def _value(point: Point) -> str:
    return point.shown + (" ≠" if point.conflict else "")

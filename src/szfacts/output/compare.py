"""Table for `szfacts compare`: entities side by side, or an indicator across periods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Entity, Indicator, Observation, Ranking
from szfacts.questions.changes import PERCENTAGE_POINTS, Change, is_percent
from szfacts.questions.compare import LATEST

from .figures import Chart
from .records import cite, conflicts_among, in_unit, point_of
from .rows import Answer, Column, Row, Table, group_digits

if TYPE_CHECKING:
    from szfacts.questions.compare import ComparisonRow, SeriesRow, TrendPoint


def compare_answer(kb: KnowledgeBase, entities: list[Entity], found: list[ComparisonRow]) -> Answer:
    """One row per indicator (or per indicator and period) or ranking, a cell per entity.

    A cell is the entity's figure: the first report of the period chosen for it, marked
    when another report of the same quantity conflicts, with its date where the row's
    figures are of different dates. JSON puts everything behind a cell in `cells`; TSV and
    CSV give each entity its value as shown, period, value in the indicator's unit and
    record id.
    """
    every = [o for item in found for mine in item.observations.values() for o in mine]
    conflicts = conflicts_among(kb, every)
    rows = [
        _ranking_row(item, entities) if item.places else _figure_row(kb, item, entities, conflicts)
        for item in found
    ]
    ids = tuple(e.id for e in entities)
    keys = ("kind", "id", "name", "topic", "unit", "status", "period", "period_label", "cells",
            "sources")  # fmt: skip
    flat_keys = (
        "kind", "id", "name", "topic", "unit", "status", "period",
        *(f"{e}{part}" for e in ids for part in ("", "_period", "_value_in_unit", "_record")),
        "sources",
    )  # fmt: skip
    columns = (
        Column("label", "Indicator (unit)", lead=True),
        Column("period_label", "Period", whole=True, lead=True),
        *(Column(f"shown:{e.id}", heading(e), numeric=True) for e in entities),
        Column("sources", "Sources", cite=True),
    )
    apart = any(item.period is None for item in found) or len({r["topic"] for r in rows}) > 1
    return Answer(
        Table("comparison", keys, columns, rows, value_key=None, flat_keys=flat_keys,
             chart=_comparison_chart(kb, entities, found), group_key="topic" if apart else None)
    )  # fmt: skip


def _figure_row(
    kb: KnowledgeBase,
    item: ComparisonRow,
    entities: list[Entity],
    conflicts: dict[str, tuple[str, ...]],
) -> Row:
    indicator = kb.indicator(item.subject.id)
    unit = indicator.unit
    firsts = {e: mine[0] for e, mine in item.observations.items() if mine}
    labels = {_when(o) for o in firsts.values()}
    if item.period is not None:
        label = item.period.label()
    else:
        label = next(iter(labels)) if len(labels) == 1 else LATEST
    target = ", target" if item.status == "target" else ""
    row: Row = {
        "kind": "indicator", "id": indicator.id, "name": indicator.name,
        "topic": indicator.topic or "Other", "unit": unit, "status": item.status,
        "period": item.period.text if item.period else None, "period_label": label,
        "label": f"{indicator.name} ({unit}){target}",
    }  # fmt: skip
    cells: dict[str, object] = {}
    sources: set[str] = set()
    for entity in entities:
        mine = item.observations.get(entity.id, ())
        cells[entity.id] = _cell(kb, row, entity.id, mine, unit, label, conflicts)
        sources.update(s for o in mine for s in kb.sources_of(o))
    row["cells"] = cells
    row["sources"] = sorted(sources)
    return row


def _cell(
    kb: KnowledgeBase,
    row: Row,
    prefix: str,
    mine: tuple[Observation, ...],
    unit: str,
    label: str,
    conflicts: dict[str, tuple[str, ...]],
) -> dict[str, object] | None:
    """An entity's cell: its first report, dated where the row's label is not its period.

    Sets the row's keys for the entity (text for people and machines, period, value in the
    indicator's unit, record) and returns everything behind the cell, for JSON.
    """
    if not mine:
        row.update(dict.fromkeys((prefix, f"shown:{prefix}", f"{prefix}_period",
                                  f"{prefix}_value_in_unit", f"{prefix}_record")))  # fmt: skip
        return None
    first = mine[0]
    marks = conflicts.get(first.id, ())
    when = _when(first)
    dated = "" if when == label else f" ({when})"
    row.update({
        prefix: _shown(first, unit, marks) + dated,
        # In a table the date stands on a line of its own, so that it is never split.
        f"shown:{prefix}": _shown(first, unit, marks, grouped=True) + dated.replace(" ", "\n", 1),
        f"{prefix}_period": first.period.text if first.period else None,
        f"{prefix}_value_in_unit": in_unit(kb, first), f"{prefix}_record": first.id,
    })  # fmt: skip
    return {
        "value": first.value, "value_in_unit": in_unit(kb, first), "unit": first.unit,
        "qualifier": first.qualifier, "shown": first.display(),
        "period": first.period.text if first.period else None, "period_label": when,
        "status": first.status, "derived": first.derived, "record": first.id,
        "source": ",".join(kb.sources_of(first)), "conflicts": list(marks),
        "reports": [o.id for o in mine],
    }  # fmt: skip


def _ranking_row(item: ComparisonRow, entities: list[Entity]) -> Row:
    ranking = item.subject
    assert isinstance(ranking, Ranking)
    label = ranking.period.label() if ranking.period else f"edition {ranking.edition}"
    row: Row = {
        "kind": "ranking", "id": ranking.id, "name": f"{ranking.name} ({ranking.report})",
        "topic": "Rankings", "unit": "rank", "status": None,
        "period": ranking.period.text if ranking.period else None, "period_label": label,
        "label": f"{ranking.name} ({ranking.report}), rank", "sources": [ranking.source],
    }  # fmt: skip
    cells: dict[str, object] = {}
    for entity in entities:
        entry = item.places.get(entity.id)
        prefix = entity.id
        row.update({
            prefix: entry.position() if entry else None,
            f"shown:{prefix}": entry.position() if entry else None,
            f"{prefix}_period": row["period"] if entry else None,
            f"{prefix}_value_in_unit": entry.rank if entry else None,
            f"{prefix}_record": entry.id if entry else None,
        })  # fmt: skip
        cells[entity.id] = (
            {"rank": entry.rank, "band_top": entry.band_top, "shown": entry.position(),
             "edition": ranking.edition, "record": entry.id, "source": ranking.source}
            if entry else None
        )  # fmt: skip
    row["cells"] = cells
    return row


def series_answer(
    kb: KnowledgeBase, entities: list[Entity], indicator: Indicator, found: list[SeriesRow]
) -> Answer:
    """Several entities' series of one indicator: a row per year, a column per entity.

    A cell is the entity's report of that year, with its date where it is not the whole
    year ('56,400 (end of 2021)'), in the indicator's unit for machines (`value_in_unit`).
    """
    every = [o for row in found for mine in row.observations.values() for o in mine]
    conflicts = conflicts_among(kb, every)
    unit = indicator.unit
    rows: list[Row] = []
    for item in found:
        label = str(item.year) + (" target" if item.status == "target" else "")
        row: Row = {"year": item.year, "status": item.status, "period_label": label,
                    "indicator": indicator.id, "unit": unit}  # fmt: skip
        cells: dict[str, object] = {}
        sources: set[str] = set()
        for entity in entities:
            mine = item.observations.get(entity.id, ())
            cells[entity.id] = _cell(kb, row, entity.id, mine, unit, str(item.year), conflicts)
            sources.update(s for o in mine for s in kb.sources_of(o))
        row["cells"] = cells
        row["sources"] = sorted(sources)
        rows.append(row)
    ids = tuple(e.id for e in entities)
    keys = ("year", "status", "period_label", "indicator", "unit", "cells", "sources")
    flat_keys = (
        "year", "status", "indicator", "unit",
        *(f"{e}{part}" for e in ids for part in ("", "_period", "_value_in_unit", "_record")),
        "sources",
    )  # fmt: skip
    columns = (
        Column("period_label", "Year", whole=True, lead=True),
        *(Column(f"shown:{e.id}", heading(e), numeric=True) for e in entities),
        Column("sources", "Sources", cite=True),
    )
    names = {e.id: e.name for e in entities}
    chart = Chart(
        f"{indicator.name}: " + ", ".join(e.name for e in entities), unit,
        tuple(
            point_of(kb, mine[0], float(in_unit(kb, mine[0])), conflicts.get(mine[0].id, ()),
                     unit, str(item.year) + (" target" if item.status == "target" else ""),
                     names[entity])
            for item in found
            for entity, mine in item.observations.items()
            if mine
        ),
    )  # fmt: skip
    title = f"{indicator.name} ({unit}), by year"
    return Answer(
        Table("series", keys, columns, rows, value_key=None, flat_keys=flat_keys, title=title,
             chart=chart)
    )  # fmt: skip


def _when(obs: Observation) -> str:
    return obs.period.label() if obs.period else "date not stated"


def _comparison_chart(
    kb: KnowledgeBase, entities: list[Entity], found: list[ComparisonRow]
) -> Chart:
    """The rows where two or more entities have a figure, each in its indicator's unit."""
    names = {e.id: e.name for e in entities}
    points = []
    for item in found:
        firsts = [mine[0] for mine in item.observations.values() if mine]
        if len(firsts) < 2 or item.status == "target":
            continue
        indicator = kb.indicator(item.subject.id)
        for obs in firsts:
            point = point_of(kb, obs, float(in_unit(kb, obs)), (), indicator.unit,
                             names[obs.entity], indicator.name)  # fmt: skip
            # The value as given, with its date: figures of one row may be of other dates.
            points.append(point._replace(shown=f"{point.shown} ({_when(obs)})",
                                         unit=indicator.unit))  # fmt: skip
    title = "Compared: " + ", ".join(e.name for e in entities)
    return Chart(title, "", tuple(points), kind="comparison")


def _change_keys(detail: Change | None) -> Row:
    """A change's machine keys and its text for people: '+1,480', '-0.4 pp', '2 years'."""
    if detail is None:
        return dict.fromkeys(
            ("change_unit", "span", "span_years", "yearly_change", "yearly_relative_change",
             "series_break", "change_shown", "span_shown"),
        )  # fmt: skip
    change_text = None
    points = " pp" if detail.unit == PERCENTAGE_POINTS else ""
    if detail.change is not None:
        sign = "+" if detail.change > 0 else ""
        change_text = f"{sign}{group_digits(f'{detail.change:g}')}{points}"
    over = detail.span
    if detail.broken_by is not None:
        over = f"{detail.span}; not computed: series break"
    elif detail.yearly is not None:
        rate = f" ({detail.yearly_relative:g} %)" if detail.yearly_relative is not None else ""
        over = f"{detail.span}; a year: {group_digits(f'{detail.yearly:g}')}{points}{rate}"
    return {
        "change_unit": detail.unit, "span": detail.span, "span_years": detail.years,
        "yearly_change": detail.yearly, "yearly_relative_change": detail.yearly_relative,
        "series_break": detail.broken_by, "change_shown": change_text, "span_shown": over,
    }  # fmt: skip


def heading(entity: Entity) -> str:
    """An entity as a column heading, on one line: 'Shenzhen (深圳)'."""
    return f"{entity.name} ({entity.name_zh})" if entity.name_zh else entity.name


def _shown(
    obs: Observation,
    unit: str | None = None,
    conflicts: tuple[str, ...] = (),
    grouped: bool = False,
) -> str:
    """A value as a cell shows it, with its unit when that is not the row's."""
    text = obs.display(grouped) + (f" {obs.unit}" if unit is not None and obs.unit != unit else "")
    marks = [w for w, on in (("derived", obs.derived), ("conflict", bool(conflicts))) if on]
    return text + "".join(f" ({mark})" for mark in marks)


PERIOD_KEYS = (
    "period", "value", "qualifier", "unit", "change", "relative_change", "change_basis",
    "stated_change", "stated_unit", "stated_id", "check", "check_note", "derived", "source",
    "paragraphs", "id", "status", "converted", "series_unit", "conflicts", "change_unit", "span",
    "span_years", "yearly_change", "yearly_relative_change", "series_break", "value_in_unit",
)  # fmt: skip


def trend_answer(
    kb: KnowledgeBase, entity: Entity, indicator: Indicator, points: list[TrendPoint]
) -> Answer:
    """An entity's indicator across periods: change computed, change stated, their agreement.

    Targets, when there are any, form a group of their own after the achievements. A value
    given in another unit of the indicator's dimension shows its conversion beside it.
    """
    rows: list[Row] = []
    notes: list[str] = []
    conflicts = conflicts_among(kb, [p.observation for p in points])
    for point in points:
        obs, stated = point.observation, point.stated_change
        check = point.check
        mine = conflicts.get(obs.id, ())
        text = _shown(obs, indicator.unit, mine, grouped=True)
        if point.converted is not None:
            text += f" = {group_digits(f'{point.converted:.12g}')} {indicator.unit}"
        rows.append({
            "period": obs.period.text if obs.period else None, "value": obs.value,
            "qualifier": obs.qualifier, "unit": obs.unit, "derived": obs.derived,
            "source": ",".join(kb.sources_of(obs)), "paragraphs": list(obs.paragraphs),
            "id": obs.id, "change": point.change, "relative_change": point.relative_change,
            "change_basis": "computed" if point.change is not None else None,
            "stated_change": stated.value if stated else None,
            "stated_unit": stated.unit if stated else None,
            "stated_id": stated.id if stated else None,
            "stated": f"{stated.display()} {stated.unit}" if stated else None,
            "check": check.verdict if check else None,
            "check_note": check.message.split(": ", 1)[-1] if check else None,
            "period_label": obs.period.label() if obs.period else "",
            "shown": text, "cite": cite(obs.source, obs.paragraphs) or "derived",
            "status": obs.status, "converted": point.converted, "series_unit": indicator.unit,
            "conflicts": list(mine), **_change_keys(point.detail),
            "value_in_unit": obs.value if point.converted is None else point.converted,
        })  # fmt: skip
        if point.detail is not None and point.detail.broken_by is not None:
            breaking = kb.record(point.detail.broken_by)
            reason = breaking.series_break if isinstance(breaking, Observation) else None
            notes.append(f"note: no change is computed across the break at "
                         f"{point.detail.broken_by}: {reason}")  # fmt: skip
        if check is not None and check.verdict in ("warning", "error", "met", "missed"):
            notes.append(f"{check.verdict}: {check.message}")
    notes += [
        f"note: {a} and {b} report the same quantity and conflict; see `szfacts why {a}`"
        for a, others in conflicts.items()
        for b in others
        if a < b
    ]
    notes = list(dict.fromkeys(notes))  # one check shared by several reports is said once
    columns = (
        Column("period_label", "Period", whole=True, lead=True),
        Column("shown", "Value", numeric=True),
        Column("change_shown", "Change", numeric=True),
        *(() if is_percent(kb, indicator) else (Column("relative_change", "%", numeric=True),)),
        Column("span_shown", "Over"),
        Column("stated", "Stated change"), Column("check", "Check"),
        Column("cite", "Source", cite=True),
    )  # fmt: skip
    title = f"{indicator.name} ({indicator.unit}), {entity.name}"
    apart = any(p.observation.target for p in points)
    chart = Chart(
        f"{indicator.name}, {entity.name}",
        indicator.unit,
        tuple(
            point_of(kb, p.observation, p.converted, conflicts.get(p.observation.id, ()),
                     indicator.unit, p.observation.period.label() if p.observation.period else "")
            for p in points
        ),
    )  # fmt: skip
    titles = {"actual": "Achieved", "target": "Targets and plans (never counted as achieved)"}
    return Answer(
        Table("period-comparison", PERIOD_KEYS, columns, rows, title=title,
             group_key="status" if apart else None, group_titles=titles if apart else None,
             chart=chart),
        tuple(notes),
    )  # fmt: skip

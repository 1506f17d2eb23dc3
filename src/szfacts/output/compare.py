"""Rows for `szfacts compare`: entities side by side, or an indicator across periods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Entity, Indicator, Observation
from szfacts.questions.changes import PERCENTAGE_POINTS, Change, is_percent

from .figures import Chart
from .records import cite, conflicts_among, point_of
from .rows import Answer, Column, Row, Rows, group_digits

if TYPE_CHECKING:
    from szfacts.questions.compare import ComparisonRow, TrendPoint


def compare_rows(kb: KnowledgeBase, entities: list[Entity], found: list[ComparisonRow]) -> Answer:
    """One row per indicator-and-period or ranking any of the entities appears in.

    Each entity's column holds the text shown (None where it has no value); `values` holds
    the numbers, qualifiers, record ids and sources behind it.
    """
    rows: list[Row] = []
    every_conflict = conflicts_among(
        kb, [o for item in found for mine in item.observations.values() for o in mine]
    )
    for item in found:
        subject = item.subject
        row: Row = {"kind": "indicator" if item.observations else "ranking", "id": subject.id}
        details: dict[str, object] = {}
        if item.observations:
            when = item.period.label() if item.period else "not stated"
            unit = getattr(subject, "unit", "")
            every = [o for mine in item.observations.values() for o in mine]
            target = any(o.target for o in every)
            title = subject.name + (" (target)" if target else "")
            row.update(name=title, period=item.period.text if item.period else None,
                       unit=unit, period_label=when, label=f"{title} ({unit})")  # fmt: skip
            conflicts = conflicts_among(kb, every)
            sources: set[str] = set()
            for entity in entities:
                mine = item.observations.get(entity.id, ())
                row[entity.id] = (
                    "; ".join(_shown(o, unit, conflicts.get(o.id, ())) for o in mine)
                    if mine else None
                )  # fmt: skip
                row[f"shown:{entity.id}"] = (
                    "; ".join(_shown(o, unit, conflicts.get(o.id, ()), grouped=True) for o in mine)
                    if mine else None
                )  # fmt: skip
                details[entity.id] = [
                    {"value": o.value, "qualifier": o.qualifier, "unit": o.unit,
                     "derived": o.derived, "status": o.status,
                     "conflicts": list(conflicts.get(o.id, ())), "record": o.id,
                     "source": ",".join(kb.sources_of(o))}
                    for o in mine
                ] or None  # fmt: skip
                sources.update(s for o in mine for s in kb.sources_of(o))
            row["sources"] = sorted(sources)
            row["status"] = "target" if target else "actual"
        else:
            report = getattr(subject, "report", "")
            source = getattr(subject, "source", "")
            row.update(
                name=f"{subject.name} ({report})",
                period=item.period.text if item.period else None,
                unit="rank",
                period_label=item.period.label() if item.period else "not stated",
                label=f"{subject.name} ({report}), rank",
            )
            for entity in entities:
                entry = item.places.get(entity.id)
                row[entity.id] = row[f"shown:{entity.id}"] = entry.position() if entry else None
                details[entity.id] = (
                    {"rank": entry.rank, "band_top": entry.band_top, "record": entry.id,
                     "source": source}
                    if entry else None
                )  # fmt: skip
            row["sources"] = [source]
            row["status"] = None
        row["values"] = details
        rows.append(row)
    ids = tuple(e.id for e in entities)
    keys = ("kind", "id", "name", "period", "unit", *ids, "sources", "status", "values")
    names = {e.id: e.name for e in entities}
    chart = Chart(
        "Compared: " + ", ".join(e.name for e in entities), "",
        tuple(
            point_of(kb, o, None, every_conflict.get(o.id, ()), o.unit, names[o.entity],
                     f"{item.subject.name}, {item.period.label() if item.period else 'undated'}")
            for item in found
            for mine in item.observations.values()
            for o in mine
        ),
        kind="comparison",
    )  # fmt: skip
    columns = (
        Column("label", "Indicator (unit)", lead=True),
        Column("period_label", "Period", whole=True, lead=True),
        *(Column(f"shown:{e.id}", heading(e), numeric=True) for e in entities),
        Column("sources", "Sources", cite=True),
    )
    return Answer(
        Rows("comparison", keys, columns, rows, value_key=None, flat_keys=keys[:-1], chart=chart)
    )


def _change_keys(detail: Change | None) -> Row:
    """A change's machine keys and its text for people: '+1,480', '-0.4 pp', '2 years'."""
    if detail is None:
        return dict.fromkeys(
            ("change_unit", "span", "span_years", "yearly_change", "yearly_relative_change",
             "series_break", "change_shown", "span_shown"),
        )  # fmt: skip
    shown = None
    points = " pp" if detail.unit == PERCENTAGE_POINTS else ""
    if detail.change is not None:
        shown = f"{'+' if detail.change > 0 else ''}{group_digits(f'{detail.change:g}')}{points}"
    over = detail.span
    if detail.broken_by is not None:
        over = f"{detail.span}; not computed: series break"
    elif detail.yearly is not None:
        rate = f" ({detail.yearly_relative:g} %)" if detail.yearly_relative is not None else ""
        over = f"{detail.span}; a year: {group_digits(f'{detail.yearly:g}')}{points}{rate}"
    return {
        "change_unit": detail.unit, "span": detail.span, "span_years": detail.years,
        "yearly_change": detail.yearly, "yearly_relative_change": detail.yearly_relative,
        "series_break": detail.broken_by, "change_shown": shown, "span_shown": over,
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


def trend_rows(
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
        shown = _shown(obs, indicator.unit, mine, grouped=True)
        if point.converted is not None:
            shown += f" = {group_digits(f'{point.converted:.12g}')} {indicator.unit}"
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
            "shown": shown, "cite": cite(obs.source, obs.paragraphs) or "derived",
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
        Rows("period-comparison", PERIOD_KEYS, columns, rows, title=title,
             group_key="status" if apart else None, group_titles=titles if apart else None,
             chart=chart),
        tuple(notes),
    )  # fmt: skip

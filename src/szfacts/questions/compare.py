"""`compare`: entities side by side, or one entity's indicator across periods.

`compare` answers with `ComparisonRow`s, `trend` with `TrendPoint`s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from szfacts.errors import NoResult, UsageProblem, quoted
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period, parse_period
from szfacts.knowledge.records import Entity, Indicator, Observation, Ranking, RankingEntry

from .changes import Change, change_between
from .check import run_checks
from .findings import Finding
from .reports import converted


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One indicator (or indicator-and-period) or ranking, with each entity's figure in it.

    `observations` holds, for each entity, the reports of the one period chosen for it (the
    first is the figure shown; the others are reports of the same quantity). `period` is
    the period asked for, or the row's own period with --all-periods, or None for each
    entity's latest.
    """

    subject: Indicator | Ranking
    period: Period | None
    observations: Mapping[str, tuple[Observation, ...]]  # entity id -> its observations
    places: Mapping[str, RankingEntry]  # entity id -> its entry, for a ranking
    status: str = "actual"  # a row of targets is never a row of achievements


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period of an indicator: its value, the change computed, the change stated."""

    observation: Observation
    change: float | None  # on the previous point, computed by szfacts
    relative_change: float | None  # in percent, computed by szfacts
    stated_change: Observation | None  # a change the source states for this period
    check: Finding | None  # the check of the stated change; for a target, against its outcome
    converted: float | None = None  # the value in the indicator's unit, when given in another
    detail: Change | None = None  # how the change was made: its unit, span, yearly average


LATEST: Final = "latest"


def compare(
    kb: KnowledgeBase, names: Sequence[str], period: str | None = None, all_periods: bool = False
) -> tuple[list[Entity], list[ComparisonRow]]:
    """The entities named side by side: one row per indicator, a figure per entity.

    By default each entity's latest achievement; with `period` (2021, 2021-end, 2021-Q3 ...)
    the report that falls within it, preferring one of the whole period, then one at its
    end, then the latest in it. Targets make rows of their own. Table come grouped by the
    indicator's topic, topics and indicators in the order the knowledge file declares them;
    rankings (each entity's place in the same edition) last. With `all_periods`, a row for
    every indicator and period any entity has a figure for, in the file's order.
    """
    entities = _distinct(kb, names)
    wanted = {e.id for e in entities}
    when = None
    if period is not None and period.strip().lower() != LATEST:
        try:
            when = parse_period(period.strip())
        except ValueError as error:
            raise UsageProblem(f"bad --period: {error}; or use --period latest") from None
    if all_periods and when is not None:
        raise UsageProblem("--all-periods shows every period: leave out --period")
    rows = _every_period(kb, entities) if all_periods else _aligned(kb, entities, when)
    for ranking in kb.rankings:
        places = {e.entity: e for e in ranking.entries if e.entity in wanted}
        if places and (when is None or _ranking_in(ranking, when)):
            rows.append(ComparisonRow(ranking, ranking.period, {}, places))
    if not rows:
        listed = ", ".join(e.id for e in entities)
        within = f" within {when.label()}" if when else ""
        raise NoResult(f"no indicator or ranking has a value{within} for any of: {listed}")
    return entities, rows


def _distinct(kb: KnowledgeBase, names: Sequence[str]) -> list[Entity]:
    entities: list[Entity] = []
    for name in names:
        entity = kb.entity(name)
        if entity in entities:
            message = f"{quoted(name)} names {entity.id!r} twice; compare distinct entities"
            raise UsageProblem(message)
        entities.append(entity)
    return entities


def _every_period(kb: KnowledgeBase, entities: list[Entity]) -> list[ComparisonRow]:
    """A row per indicator, period and status any entity has a figure for, in file order."""
    wanted = {e.id for e in entities}
    # Targets are rows of their own: a plan never shares a row with an achievement.
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            key = (obs.indicator, obs.period.text if obs.period else "", obs.status)
            groups.setdefault(key, []).append(obs)
    rows: list[ComparisonRow] = []
    for (indicator_id, _, status), members in groups.items():
        by_entity = {e.id: tuple(o for o in members if o.entity == e.id) for e in entities}
        indicator = kb.indicator(indicator_id)
        rows.append(ComparisonRow(indicator, members[0].period, by_entity, {}, status))
    return rows


def _aligned(kb: KnowledgeBase, entities: list[Entity], when: Period | None) -> list[ComparisonRow]:
    """A row per indicator and status: each entity's figure for `when` (None: its latest)."""
    wanted = {e.id for e in entities}
    reports: dict[tuple[str, str], dict[str, list[Observation]]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            reports.setdefault((obs.indicator, obs.status), {}).setdefault(obs.entity, [])
            reports[(obs.indicator, obs.status)][obs.entity].append(obs)
    topics = list(dict.fromkeys(i.topic for i in kb.indicators))
    position = {i.id: (topics.index(i.topic), n) for n, i in enumerate(kb.indicators)}
    rows: list[ComparisonRow] = []
    for indicator_id, status in sorted(reports, key=lambda k: (*position[k[0]], k[1])):
        mine = reports[(indicator_id, status)]
        chosen = {e.id: chosen_reports(mine.get(e.id, []), when) for e in entities}
        if any(chosen.values()):
            rows.append(ComparisonRow(kb.indicator(indicator_id), when, chosen, {}, status))
    return rows


def chosen_reports(reports: Sequence[Observation], when: Period | None) -> tuple[Observation, ...]:
    """The reports of the one period that answers for `when`, first report first.

    No period asked: the latest (by last day, then first day); an entity with only undated
    figures answers with those. A period asked: a report of exactly that period, else one
    that ends when it ends, else the latest wholly within it; nothing outside it.
    """
    dated = [o for o in reports if o.period is not None]
    if when is None:
        if not dated:
            return tuple(reports)
        best = max(dated, key=lambda o: (o.period.end, o.period.start) if o.period else ())
    else:
        inside = [o for o in dated if o.period and when.start <= o.period.start
                  and o.period.end <= when.end]  # fmt: skip
        if not inside:
            return ()
        best = next((o for o in inside if o.period and o.period.text == when.text), None) or next(
            (o for o in inside if o.period and o.period.end == when.end),
            max(inside, key=lambda o: (o.period.end, o.period.start) if o.period else ()),
        )
    assert best.period is not None
    text = best.period.text
    return tuple(o for o in dated if o.period is not None and o.period.text == text)


def _ranking_in(ranking: Ranking, when: Period) -> bool:
    """Whether a ranking's edition year, or the period its data describe, is within `when`."""
    if when.start.year <= ranking.edition <= when.end.year:
        return True
    return ranking.period is not None and (
        when.start <= ranking.period.start and ranking.period.end <= when.end
    )


def trend(
    kb: KnowledgeBase, entity_name: str, indicator_name: str
) -> tuple[Entity, Indicator, list[TrendPoint]]:
    """An entity's indicator across periods, with changes computed and changes stated.

    Achievements come first, in time order, each change computed from the previous period's
    first report, in the indicator's unit (a value given in another unit of its dimension is
    converted for the arithmetic), by the rules of `changes`: percentage points for a rate,
    the span it covers, no change across a series break, digits no finer than the inputs.
    Targets follow, apart: no change is computed to or from a target, and each carries its
    check against the achievement of its period.
    """
    entity = kb.entity(entity_name)
    indicator = kb.indicator(indicator_name)
    dated = [o for o in kb.observations_of(indicator.id, entity.id) if o.period is not None]
    # by time; reports of one period stay in file order (the first is the one changes use)
    dated.sort(key=lambda o: (o.period.start, o.period.end) if o.period else ())
    if not dated:
        raise NoResult(f"{entity.id} has no dated {indicator.id} observation to compare")
    actuals = [o for o in dated if not o.target]
    targets = [o for o in dated if o.target]
    changes = [i.id for i in kb.indicators if i.change_of == indicator.id]
    findings = run_checks(kb)
    stated_checks = {f.subject: f for f in findings if f.check == "change"}
    target_checks = {f.subject: f for f in findings if f.check == "target"}
    points: list[TrendPoint] = []
    first_of: dict[str, Observation] = {}  # each period's first report, periods in order
    breaks = [o for o in actuals if o.series_break is not None]
    for obs in actuals:
        assert obs.period is not None
        first_of.setdefault(obs.period.text, obs)
        order = list(first_of)
        here = order.index(obs.period.text)
        base = first_of[order[here - 1]] if here > 0 else None
        value = converted(kb, obs, indicator.unit)
        detail = None if base is None else change_between(kb, indicator, base, obs, breaks)
        change = detail.change if detail else None
        relative = detail.relative if detail else None
        stated = next(
            (
                s
                for change_id in changes
                for s in kb.observations_of(change_id, entity.id)
                if not s.target
                and s.period is not None
                and obs.period is not None
                and s.period.text == obs.period.text
            ),
            None,
        )
        check = stated_checks.get(stated.id) if stated is not None else None
        in_unit = value if obs.unit != indicator.unit else None
        points.append(TrendPoint(obs, change, relative, stated, check, in_unit, detail))
    for obs in targets:
        in_unit = converted(kb, obs, indicator.unit) if obs.unit != indicator.unit else None
        points.append(TrendPoint(obs, None, None, None, target_checks.get(obs.id), in_unit))
    return entity, indicator, points


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One year of several entities' series: each entity's report in that year."""

    year: int
    status: str  # actual, or target: the targets of a year stand in a row of their own
    observations: Mapping[str, tuple[Observation, ...]]  # entity id -> the reports chosen


def series(
    kb: KnowledgeBase, names: Sequence[str], indicator_name: str, period: str | None = None
) -> tuple[list[Entity], Indicator, list[SeriesRow]]:
    """Several entities' figures of one indicator side by side, aligned by year.

    A year's row holds each entity's report in that year: one of the whole year, else one
    at its end, else the latest in it (see `chosen_reports`), by the year its period ends
    in. Achievements first, years in order; then the targets, likewise. With `period`,
    only the years within it.
    """
    entities = _distinct(kb, names)
    indicator = kb.indicator(indicator_name)
    years = range(1, 10000)
    if period is not None:
        try:
            when = parse_period(period.strip())
        except ValueError as error:
            raise UsageProblem(f"bad --period: {error}") from None
        years = range(when.start.year, when.end.year + 1)
    by_year: dict[tuple[str, int], dict[str, list[Observation]]] = {}
    for entity in entities:
        for obs in kb.observations_of(indicator.id, entity.id):
            if obs.period is not None and obs.period.end.year in years:
                key = (obs.status, obs.period.end.year)
                by_year.setdefault(key, {}).setdefault(entity.id, []).append(obs)
    rows: list[SeriesRow] = []
    for status, year in sorted(by_year, key=lambda k: (k[0] == "target", k[1])):
        whole = parse_period(str(year))
        mine = by_year[(status, year)]
        chosen = {e.id: chosen_reports(mine.get(e.id, []), whole) for e in entities}
        if any(chosen.values()):
            rows.append(SeriesRow(year, status, chosen))
    if not rows:
        listed = ", ".join(e.id for e in entities)
        raise NoResult(f"none of {listed} has a dated {indicator.id} figure")
    return entities, indicator, rows

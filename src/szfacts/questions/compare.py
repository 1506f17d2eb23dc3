"""`compare`: entities side by side, or one entity's indicator across periods.

`compare` answers with `ComparisonRow`s, `trend` with `TrendPoint`s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from szfacts.errors import NoResult, UsageProblem, shown
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period
from szfacts.knowledge.records import Entity, Indicator, Observation, Ranking, RankingEntry

from .changes import Change, change_between
from .check import run_checks
from .findings import Finding
from .reports import converted


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One indicator-and-period or ranking, with what each compared entity has in it."""

    subject: Indicator | Ranking
    period: Period | None
    observations: Mapping[str, tuple[Observation, ...]]  # entity id -> its observations
    places: Mapping[str, RankingEntry]  # entity id -> its entry, for a ranking


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


def compare(kb: KnowledgeBase, names: Sequence[str]) -> tuple[list[Entity], list[ComparisonRow]]:
    """The entities named, and one row per indicator-and-period or ranking they appear in."""
    entities: list[Entity] = []
    for name in names:
        entity = kb.entity(name)
        if entity in entities:
            message = f"{shown(name)} names {entity.id!r} twice; compare distinct entities"
            raise UsageProblem(message)
        entities.append(entity)
    wanted = {e.id for e in entities}
    # Targets are rows of their own: a plan never shares a row with an achievement.
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            key = (obs.indicator, obs.period.text if obs.period else "", obs.status)
            groups.setdefault(key, []).append(obs)
    rows: list[ComparisonRow] = []
    for (indicator_id, _, _), members in groups.items():
        by_entity = {e.id: tuple(o for o in members if o.entity == e.id) for e in entities}
        rows.append(ComparisonRow(kb.indicator(indicator_id), members[0].period, by_entity, {}))
    for ranking in kb.rankings:
        places = {e.entity: e for e in ranking.entries if e.entity in wanted}
        if places:
            rows.append(ComparisonRow(ranking, ranking.period, {}, places))
    if not rows:
        listed = ", ".join(e.id for e in entities)
        raise NoResult(f"no indicator or ranking has a value for any of: {listed}")
    return entities, rows


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
        shown = value if obs.unit != indicator.unit else None
        points.append(TrendPoint(obs, change, relative, stated, check, shown, detail))
    for obs in targets:
        shown = converted(kb, obs, indicator.unit) if obs.unit != indicator.unit else None
        points.append(TrendPoint(obs, None, None, None, target_checks.get(obs.id), shown))
    return entity, indicator, points

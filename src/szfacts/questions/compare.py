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

from .check import Finding, run_checks


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
    check: Finding | None  # the consistency check of the stated change


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
    groups: dict[tuple[str, str], list[Observation]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            key = (obs.indicator, obs.period.text if obs.period else "")
            groups.setdefault(key, []).append(obs)
    rows: list[ComparisonRow] = []
    for (indicator_id, _), members in groups.items():
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
    """An entity's indicator across periods, with changes computed and changes stated."""
    entity = kb.entity(entity_name)
    indicator = kb.indicator(indicator_name)
    series = [o for o in kb.observations_of(indicator.id, entity.id) if o.period is not None]
    series.sort(key=lambda o: (o.period.start if o.period else None, o.id))
    if not series:
        raise NoResult(f"{entity.id} has no dated {indicator.id} observation to compare")
    changes = [i.id for i in kb.indicators if i.change_of == indicator.id]
    findings = {f.subject: f for f in run_checks(kb) if f.check == "change"}
    points: list[TrendPoint] = []
    previous: Observation | None = None
    for obs in series:
        change = relative = None
        if previous is not None and previous.qualifier is None and obs.qualifier is None:
            change = round(
                float(obs.value) - float(previous.value), max(previous.decimals, obs.decimals)
            )
            if previous.value:
                relative = round((float(obs.value) / float(previous.value) - 1) * 100, 2)
        stated = next(
            (
                s
                for change_id in changes
                for s in kb.observations_of(change_id, entity.id)
                if s.period is not None
                and obs.period is not None
                and s.period.text == obs.period.text
            ),
            None,
        )
        check = findings.get(stated.id) if stated is not None else None
        points.append(TrendPoint(obs, change, relative, stated, check))
        previous = obs
    return entity, indicator, points

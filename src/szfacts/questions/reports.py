"""Several reports of one quantity: the same indicator, entity and period, from any source.

Reports of one quantity are compared after converting each to the indicator's unit (844.6
RMB billion and 0.8446 RMB trillion are the same figure). Their intervals (see
knowledge/intervals.py) either meet, and the reports agree, or they do not, and the reports
conflict: both are kept, and `check` names both; unless one agrees with the other once read
as cut off rather than rounded (2.24 trillion for 2,249.01 billion): "truncated". Targets
are compared with targets, and achievements with achievements; a target meets its
achievement in the target check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.intervals import (
    Interval,
    interval_of,
    meets_cut,
    scaled,
    truncated_interval,
)
from szfacts.knowledge.records import Observation

from .findings import Finding


def in_unit(kb: KnowledgeBase, obs: Observation, unit: str) -> Interval | None:
    """What a figure stands for, in another unit of its dimension (None: no range)."""
    found = interval_of(obs)
    if found is None or obs.unit == unit:
        return found
    return scaled(found, kb.unit(obs.unit).factor / kb.unit(unit).factor)


def _cut(kb: KnowledgeBase, obs: Observation, unit: str) -> Interval:
    """What a figure stands for if digits were cut off, in another unit of its dimension."""
    found = truncated_interval(float(obs.value), obs.decimals, obs.exact or obs.target)
    return scaled(found, kb.unit(obs.unit).factor / kb.unit(unit).factor)


def converted(kb: KnowledgeBase, obs: Observation, unit: str) -> float:
    """A figure's value in another unit of its dimension (arithmetic only, never shown alone)."""
    if obs.unit == unit:
        return float(obs.value)
    return float(obs.value) * kb.unit(obs.unit).factor / kb.unit(unit).factor


def places(kb: KnowledgeBase, obs: Observation, unit: str) -> int:
    """The decimals a figure has once converted: 2249.01 RMB billion is 2.24901 RMB trillion."""
    import math

    ratio = kb.unit(obs.unit).factor / kb.unit(unit).factor
    return obs.decimals + (max(0, round(-math.log10(ratio))) if ratio < 1 else 0)


def quantity(obs: Observation) -> tuple[str, str, str | None, str]:
    """What a figure is a report of: indicator, entity, period and status."""
    return (obs.indicator, obs.entity, obs.period.text if obs.period else None, obs.status)


def report_pairs(
    observations: Iterable[Observation],
) -> Iterator[tuple[Observation, Observation]]:
    """Every pair of stated, dated reports of one quantity among some figures, in file order.

    An undated figure is a quantity of its own (nothing says when it held), and a derived one
    is checked against its formula instead.
    """
    groups: dict[tuple[str, str, str | None, str], list[Observation]] = {}
    for obs in observations:
        if obs.period is not None and not obs.derived:
            groups.setdefault(quantity(obs), []).append(obs)
    for reports in groups.values():
        for index, first in enumerate(reports):
            for second in reports[index + 1 :]:
                yield first, second


def agreement(kb: KnowledgeBase, first: Observation, second: Observation) -> Finding:
    """Whether two reports of one quantity agree (ok) or conflict (warning)."""
    unit = kb.indicator(first.indicator).unit
    a, b = in_unit(kb, first, unit), in_unit(kb, second, unit)
    said = (
        f"{first.id}: reports {first.display()} {first.unit} ({first.source}); {second.id} "
        f"reports {second.display()} {second.unit} ({second.source}) for the same quantity"
    )
    if a is None or b is None:
        return Finding("agreement", "skipped", first.id, (second.id,),
                       f"{said}: one gives no range to compare")  # fmt: skip
    decimals = max(places(kb, first, unit), places(kb, second, unit)) + 1
    if a.meets(b):
        return Finding("agreement", "ok", first.id, (second.id,), f"{said}: they agree")
    for cut, other, other_interval in ((first, second, b), (second, first, a)):
        if cut.qualifier is None and meets_cut(other_interval, _cut(kb, cut, unit)):
            return Finding(
                "agreement", "truncated", first.id, (second.id,),
                f"{said}: they agree only if {cut.id} cut digits off rather than rounding "
                f"({cut.display()} {cut.unit} for {other.display()} {other.unit})",
            )  # fmt: skip
    return Finding(
        "agreement", "warning", first.id, (second.id,),
        f"{said}: they conflict (the first allows {a.text(decimals)}, the second "
        f"{b.text(decimals)}, in {unit})",
    )  # fmt: skip


def conflict_map(
    kb: KnowledgeBase, observations: list[Observation] | tuple[Observation, ...]
) -> dict[str, tuple[str, ...]]:
    """For each figure of a list that has one, the ids of the reports conflicting with it.

    Reports of one quantity share indicator, entity and period, so any list that holds a
    figure of a period holds its other reports too (an indicator's figures, an entity's, an
    export): one pass groups them, and only groups of two or more are compared.
    """
    found: dict[str, list[str]] = {}
    for first, second in report_pairs(observations):
        if agreement(kb, first, second).verdict == "warning":
            found.setdefault(first.id, []).append(second.id)
            found.setdefault(second.id, []).append(first.id)
    return {record_id: tuple(ids) for record_id, ids in found.items()}

"""Consistency checks: whether the figures of a knowledge base agree with each other.

Each printed figure stands for an interval: 26.70 means anything from 26.695 to 26.705, and
"over 80" anything above 80. A stated change, a derived value or a density is consistent
with the figures it connects when the interval it states meets the interval those figures
imply (interval arithmetic, not a fixed tolerance). It earns a warning when it holds only
through rounding: the figures taken at face value give a different printed number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.formulas import FormulaError, evaluate
from szfacts.knowledge.intervals import Interval, interval_of, point
from szfacts.knowledge.records import Observation

VERDICTS: Final = ("error", "warning", "ok", "skipped")


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one consistency check on one figure."""

    check: str  # change, derived or ratio
    verdict: str  # one of VERDICTS
    subject: str  # the observation checked
    inputs: tuple[str, ...]  # the observations it was checked against
    message: str
    implied: Interval | None = None
    face_value: float | None = None


def run_checks(kb: KnowledgeBase) -> list[Finding]:
    """Every consistency check the knowledge base allows, in file order."""
    findings: list[Finding] = []
    for obs in kb.observations:
        findings.extend(_checks_of(kb, obs))
    return findings


def _checks_of(kb: KnowledgeBase, obs: Observation) -> Iterator[Finding]:
    indicator = next(i for i in kb.indicators if i.id == obs.indicator)
    if obs.derivation is not None:
        yield _derived(kb, obs)
    if indicator.change_of is not None:
        yield from _change(kb, obs, indicator.change_of, indicator.change == "relative")
    if indicator.ratio is not None:
        yield _ratio(
            kb, obs, indicator.ratio.numerator, indicator.ratio.denominator, indicator.ratio.per
        )


def _compare(
    check: str,
    obs: Observation,
    inputs: tuple[Observation, ...],
    implied: Interval,
    face: float,
    what: str,
) -> Finding:
    ids = tuple(i.id for i in inputs)
    stated = interval_of(obs)
    if stated is None:
        message = f"{obs.id}: '{obs.display()}' gives no range to check"
        return Finding(check, "skipped", obs.id, ids, message, implied, face)
    shown = obs.decimals + 1
    said = f"{obs.id}: stated {obs.display()} {obs.unit}"
    if not stated.meets(implied):
        return Finding(
            check,
            "error",
            obs.id,
            ids,
            f"{said} contradicts {what}, which allow {implied.text(shown)}",
            implied,
            face,
        )
    if obs.qualifier is None and round(face, obs.decimals) != round(float(obs.value), obs.decimals):
        face_text = f"{face:.{obs.decimals}f}"
        return Finding(
            check,
            "warning",
            obs.id,
            ids,
            f"{said} lies within {implied.text(shown)}, allowed by {what}, "
            f"but those give {face_text} at face value: it holds only through rounding",
            implied,
            face,
        )
    return Finding(
        check,
        "ok",
        obs.id,
        ids,
        f"{said} agrees with {what} ({implied.text(shown)})",
        implied,
        face,
    )


def _skip(check: str, obs: Observation, message: str, inputs: tuple[str, ...] = ()) -> Finding:
    return Finding(check, "skipped", obs.id, inputs, f"{obs.id}: {message}")


def _derived(kb: KnowledgeBase, obs: Observation) -> Finding:
    assert obs.derivation is not None
    inputs: dict[str, Observation] = {}
    for name, target in obs.derivation.inputs:
        found = kb.record(target)
        assert isinstance(found, Observation)
        inputs[name] = found
    ranges = {name: interval_of(o) for name, o in inputs.items()}
    usable = {name: r for name, r in ranges.items() if r is not None}
    if len(usable) < len(ranges):
        return _skip(
            "derived",
            obs,
            "an input is a bound or an approximation",
            tuple(o.id for o in inputs.values()),
        )
    try:
        implied = evaluate(obs.derivation.formula, usable, point)
        face = evaluate(
            obs.derivation.formula, {n: float(o.value) for n, o in inputs.items()}, float
        )
    except (ZeroDivisionError, FormulaError) as error:
        return _skip("derived", obs, f"formula cannot be evaluated: {error}")
    what = f"its formula {obs.derivation.formula} over " + ", ".join(
        f"{name} = {o.value_text()} ({o.id})" for name, o in inputs.items()
    )
    return _compare("derived", obs, tuple(inputs.values()), implied, face, what)


def _change(kb: KnowledgeBase, obs: Observation, base: str, relative: bool) -> Iterator[Finding]:
    year = obs.period.year if obs.period is not None and obs.period.precision == "year" else None
    if year is None:
        yield _skip("change", obs, "a change is checked only for a calendar year")
        return
    by_year: dict[int, list[Observation]] = {year: [], year - 1: []}
    for other in kb.observations_of(base, obs.entity):
        if (
            other.period is not None
            and other.period.precision == "year"
            and other.period.year in by_year
        ):
            by_year[other.period.year].append(other)
    if not by_year[year] or not by_year[year - 1]:
        missing = year if not by_year[year] else year - 1
        yield _skip(
            "change", obs, f"no {base} value for {obs.entity} in {missing} to check against"
        )
        return
    for now in by_year[year]:
        for before in by_year[year - 1]:
            pair = (now, before)
            made = [o.id for o in pair if obs.id in _inputs_deep(kb, o)]
            if made:
                message = f"{made[0]} is derived from this change, so they agree by construction"
                yield _skip("change", obs, message, (now.id, before.id))
                continue
            now_range, before_range = interval_of(now), interval_of(before)
            if now_range is None or before_range is None:
                yield _skip("change", obs, "a value it connects is a bound or an approximation")
                continue
            try:
                if relative:
                    implied = (now_range / before_range - point(1)) * point(100)
                    face = (float(now.value) / float(before.value) - 1) * 100
                else:
                    implied = now_range - before_range
                    face = float(now.value) - float(before.value)
            except ZeroDivisionError:
                yield _skip("change", obs, f"{before.id} may be zero")
                continue
            what = (
                f"{now.value_text()} in {year} ({now.id}) and "
                f"{before.value_text()} in {year - 1} ({before.id})"
            )
            yield _compare("change", obs, pair, implied, face, what)


def _ratio(
    kb: KnowledgeBase, obs: Observation, numerator: str, denominator: str, per: float
) -> Finding:
    when = obs.period.text if obs.period is not None else None

    def partner(indicator: str) -> Observation | None:
        for other in kb.observations_of(indicator, obs.entity):
            if (other.period.text if other.period is not None else None) == when:
                return other
        return None

    top, bottom = partner(numerator), partner(denominator)
    period = obs.period.label() if obs.period is not None else "the same undated period"
    for name, found in ((numerator, top), (denominator, bottom)):
        if found is None:
            return _skip(
                "ratio", obs, f"no {name} figure for {obs.entity}, {period}, to check against"
            )
    assert top is not None
    assert bottom is not None
    top_range, bottom_range = interval_of(top), interval_of(bottom)
    if top_range is None or bottom_range is None:
        return _skip("ratio", obs, "a figure it connects is a bound or an approximation")
    try:
        implied = top_range / bottom_range * point(per)
    except ZeroDivisionError:
        return _skip("ratio", obs, f"{bottom.id} may be zero")
    face = float(top.value) / float(bottom.value) * per
    what = f"{top.value_text()} ({top.id}) per {bottom.value_text()} ({bottom.id}) times {per:g}"
    return _compare("ratio", obs, (top, bottom), implied, face, what)


def _inputs_deep(kb: KnowledgeBase, obs: Observation) -> set[str]:
    """Every observation a derived value rests on, directly or through other derived ones."""
    found: set[str] = set()
    stack = [obs]
    while stack:
        current = stack.pop()
        if current.derivation is None:
            continue
        for _, target in current.derivation.inputs:
            child = kb.record(target)
            if isinstance(child, Observation) and child.id not in found:
                found.add(child.id)
                stack.append(child)
    return found

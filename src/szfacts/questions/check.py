"""Consistency checks: whether the figures of a knowledge base agree with each other.

Each printed figure stands for an interval: 26.70 means anything from 26.695 to 26.705, and
"over 80" anything above 80. A stated change, a derived value or a density is consistent
with the figures it connects when the interval it states meets the interval those figures
imply (interval arithmetic, not a fixed tolerance). It earns a warning when it holds only
through rounding: the figures taken at face value give a different printed number.
"""

from __future__ import annotations

from collections.abc import Iterator

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.formulas import FormulaError, evaluate
from szfacts.knowledge.intervals import Interval, interval_of, point, scaled
from szfacts.knowledge.records import Observation

from .findings import Finding
from .reports import agreement, in_unit, report_pairs


def run_checks(kb: KnowledgeBase) -> list[Finding]:
    """Every check the knowledge base allows, in file order.

    Per figure: a derived value against its formula, a stated change against the values it
    connects, a density against its count and denominator (achievements only), a target
    against its achievement; then every pair of reports of one quantity.
    """
    findings: list[Finding] = []
    for obs in kb.observations:
        findings.extend(_checks_of(kb, obs))
    findings.extend(agreement(kb, first, second) for first, second in report_pairs(kb.observations))
    return findings


def _base(kb: KnowledgeBase, obs: Observation) -> Interval | None:
    """A figure's interval in the base of its dimension (its unit's factor applied)."""
    found = interval_of(obs)
    return None if found is None else scaled(found, kb.unit(obs.unit).factor)


def _face(kb: KnowledgeBase, obs: Observation) -> float:
    return float(obs.value) * kb.unit(obs.unit).factor


def _checks_of(kb: KnowledgeBase, obs: Observation) -> Iterator[Finding]:
    indicator = next(i for i in kb.indicators if i.id == obs.indicator)
    if obs.derivation is not None:
        yield _derived(kb, obs)
    if obs.target:
        yield from _target(kb, obs)
        return  # a target is checked against its outcome, never used as an achievement
    if indicator.change_of is not None:
        yield from _change(kb, obs, indicator.change_of, indicator.change == "relative")
    if indicator.ratio is not None:
        yield _ratio(
            kb, obs, indicator.ratio.numerator, indicator.ratio.denominator, indicator.ratio.per
        )


def _compare(
    kb: KnowledgeBase,
    check: str,
    obs: Observation,
    inputs: tuple[Observation, ...],
    implied: Interval,
    face: float,
    what: str,
) -> Finding:
    """The verdict on a stated figure against the interval the figures it connects imply.

    Outside it: an error when one source states them all (a slip in the file, or in the
    source); a warning when they come from different sources, which may count differently
    (another population base, a revised figure): a conflict between them, to be explained in
    the record's note, not a fault of the file.
    """
    ids = tuple(i.id for i in inputs)
    stated = interval_of(obs)
    if stated is None:
        message = f"{obs.id}: '{obs.display()}' gives no range to check"
        return Finding(check, "skipped", obs.id, ids, message, implied, face)
    decimals = obs.decimals + 1
    said = f"{obs.id}: stated {obs.display()} {obs.unit}"
    if not stated.meets(implied):
        sources = dict.fromkeys(s for o in (obs, *inputs) for s in kb.sources_of(o))
        if len(sources) > 1:
            return Finding(
                check, "warning", obs.id, ids,
                f"{said} conflicts with {what}, which allow {implied.text(decimals)}: the figures "
                f"come from different sources ({', '.join(sources)})",
                implied, face,
            )  # fmt: skip
        return Finding(
            check,
            "error",
            obs.id,
            ids,
            f"{said} contradicts {what}, which allow {implied.text(decimals)}",
            implied,
            face,
        )
    exact = obs.qualifier is None and all(i.qualifier is None for i in inputs)
    if exact and round(face, obs.decimals) != round(float(obs.value), obs.decimals):
        face_text = f"{face:.{obs.decimals}f}"
        return Finding(
            check,
            "warning",
            obs.id,
            ids,
            f"{said} lies within {implied.text(decimals)}, allowed by {what}, "
            f"but those give {face_text} at face value: it holds only through rounding",
            implied,
            face,
        )
    return Finding(
        check,
        "ok",
        obs.id,
        ids,
        f"{said} agrees with {what} ({implied.text(decimals)})",
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
    ranges = {name: _base(kb, o) for name, o in inputs.items()}
    usable = {name: r for name, r in ranges.items() if r is not None}
    if len(usable) < len(ranges):
        return _skip(
            "derived",
            obs,
            "an input gives no range to check",
            tuple(o.id for o in inputs.values()),
        )
    own = kb.unit(obs.unit).factor
    try:
        implied = scaled(evaluate(obs.derivation.formula, usable, point), 1 / own)
        face = (
            evaluate(obs.derivation.formula, {n: _face(kb, o) for n, o in inputs.items()}, float)
            / own
        )
    except (ZeroDivisionError, FormulaError) as error:
        return _skip("derived", obs, f"formula cannot be evaluated: {error}")
    what = f"its formula {obs.derivation.formula} over " + ", ".join(
        f"{name} = {o.digits()} ({o.id})" for name, o in inputs.items()
    )
    return _compare(kb, "derived", obs, tuple(inputs.values()), implied, face, what)


def _change(kb: KnowledgeBase, obs: Observation, base: str, relative: bool) -> Iterator[Finding]:
    year = obs.period.year if obs.period is not None and obs.period.precision == "year" else None
    if year is None:
        yield _skip("change", obs, "a change is checked only for a calendar year")
        return
    by_year: dict[int, list[Observation]] = {year: [], year - 1: []}
    for other in kb.observations_of(base, obs.entity):
        if (
            not other.target
            and other.period is not None
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
    # One report of each year stands for it: the agreement check compares the others with it.
    now, before = representative(by_year[year]), representative(by_year[year - 1])
    made = [o.id for o in (now, before) if obs.id in _inputs_deep(kb, o)]
    if made:
        message = f"{made[0]} is derived from this change, so they agree by construction"
        yield _skip("change", obs, message, (now.id, before.id))
        return
    now_range, before_range = _base(kb, now), _base(kb, before)
    if now_range is None or before_range is None:
        yield _skip("change", obs, "a value it connects gives no range to check")
        return
    try:
        if relative:
            implied = (now_range / before_range - point(1)) * point(100)
            face = (_face(kb, now) / _face(kb, before) - 1) * 100
        else:
            own = kb.unit(obs.unit).factor
            implied = scaled(now_range - before_range, 1 / own)
            face = (_face(kb, now) - _face(kb, before)) / own
    except ZeroDivisionError:
        yield _skip("change", obs, f"{before.id} may be zero")
        return
    what = f"{now.digits()} in {year} ({now.id}) and {before.digits()} in {year - 1} ({before.id})"
    yield _compare(kb, "change", obs, (now, before), implied, face, what)


def _ratio(
    kb: KnowledgeBase, obs: Observation, numerator: str, denominator: str, per: float
) -> Finding:
    """A density against its count and its denominator of the same entity and period.

    A partner of the same period text is taken first, else one whose period overlaps (a
    population of 2021 for a count at the end of 2021, said in the message). When the file
    has the partner only for other periods, the finding says which figure it would need.
    """
    when = obs.period
    label = when.label() if when is not None else "the same undated period"
    taken: list[str] = []

    def partner(indicator: str) -> Observation | None:
        candidates = [o for o in kb.observations_of(indicator, obs.entity) if not o.target]
        same = [
            o
            for o in candidates
            if (o.period.text if o.period else None) == (when.text if when else None)
        ]
        if same:
            return representative(same)
        near = [
            o
            for o in candidates
            if when is not None and o.period is not None and o.period.overlaps(when)
        ]
        if near:
            other = representative(near)
            assert other.period is not None
            taken.append(f"{other.id} ({other.period.label()}) taken for {label}")
            return other
        return None

    top, bottom = partner(numerator), partner(denominator)
    for name, found in ((numerator, top), (denominator, bottom)):
        if found is None:
            others = sorted(
                {o.period.label() for o in kb.observations_of(name, obs.entity) if o.period}
            )
            have = f"; the file has it for {', '.join(others)} only" if others else ""
            return _skip(
                "ratio",
                obs,
                f"no {name} figure for {obs.entity}, {label}, to check against{have}",
            )
    assert top is not None
    assert bottom is not None
    top_range, bottom_range = _base(kb, top), _base(kb, bottom)
    if top_range is None or bottom_range is None:
        return _skip("ratio", obs, "a figure it connects gives no range to check")
    own = kb.unit(obs.unit).factor
    try:
        implied = scaled(top_range / bottom_range * point(per), 1 / own)
    except ZeroDivisionError:
        return _skip("ratio", obs, f"{bottom.id} may be zero")
    face = _face(kb, top) / _face(kb, bottom) * per / own
    what = f"{top.digits()} ({top.id}) per {bottom.digits()} ({bottom.id}) times {per:g}"
    if taken:
        what += " [" + "; ".join(taken) + "]"
    return _compare(kb, "ratio", obs, (top, bottom), implied, face, what)


def representative(reports: list[Observation]) -> Observation:
    """The report that stands for several of one quantity: the first exact one, else the first."""
    return next((o for o in reports if o.qualifier is None), reports[0])


def _target(kb: KnowledgeBase, target: Observation) -> Iterator[Finding]:
    """A target against each achievement of the same quantity: met, missed, not yet known.

    A target "under" or "at most" a value is met by an achievement below it; any other target
    by one that reaches its value. An achievement whose interval straddles the value leaves
    it not yet known, and so does one that covers only the start of the target's period: it
    can show a goal reached early, never one missed before its deadline.
    """
    unit = kb.indicator(target.indicator).unit
    goal = in_unit(kb, target, unit)
    said = f"target of {target.display()} {target.unit} ({target.source})"
    if goal is None:
        yield _skip("target", target, f"{said} gives no value to meet")
        return
    when = target.period
    actuals = [
        o
        for o in kb.observations_of(target.indicator, target.entity)
        if not o.target
        and o.period is not None
        and when is not None
        and (o.period.text == when.text or o.period.overlaps(when))
    ]
    if not actuals:
        period = when.label() if when is not None else "its undated period"
        yield _skip("target", target,
                    f"{said}: no achievement for {period} in the file; not yet known")  # fmt: skip
        return
    ceiling = target.qualifier in ("under", "at-most")
    threshold = goal.hi if ceiling else goal.lo
    for actual in actuals:
        done = in_unit(kb, actual, unit)
        got = f"{actual.id} reports {actual.display()} {actual.unit} ({actual.source})"
        if done is None:
            yield _skip("target", target, f"{said}: {got} gives no range", (actual.id,))
            continue
        if (done.hi <= threshold) if ceiling else (done.lo >= threshold):
            verdict, word = "met", "met"
        elif actual.period is not None and when is not None and actual.period.end < when.end:
            yield _skip("target", target,
                        f"{said}: {got} covers only part of its period; not yet known",
                        (actual.id,))  # fmt: skip
            continue
        elif (done.lo > threshold) if ceiling else (done.hi < threshold):
            verdict, word = "missed", "missed"
        else:
            yield _skip("target", target,
                        f"{said}: {got} straddles it; not yet known", (actual.id,))  # fmt: skip
            continue
        yield Finding("target", verdict, target.id, (actual.id,),
                      f"{target.id}: {said} {word}, {got}",
                      done, float(actual.value))  # fmt: skip


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

"""The checks pinned at their boundaries: changes, derived values, densities, targets, reports.

Each case builds a small knowledge base in Python and asserts the whole finding (check,
verdict, subject, inputs, implied range, face value) as the rule in docs/commands/check.md
says it must be: a wrong verdict anywhere here is a visible failure.
"""

from __future__ import annotations

import math

import pytest

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.intervals import Interval
from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import (
    Derivation,
    Entity,
    Indicator,
    Observation,
    Ratio,
    Source,
    Unit,
)
from szfacts.questions.check import representative, run_checks
from szfacts.questions.findings import Finding
from szfacts.questions.reports import (
    agreement,
    conflict_map,
    converted,
    in_unit,
    places,
    report_pairs,
)

SIZE = Indicator("size", "Size", "RMB trillion", "d", None, None, None)
GROWTH = Indicator("growth", "Growth", "percent", "d", "size", "relative", None)
ADDED = Indicator("added", "Added", "RMB billion", "d", "size", "absolute", None)
COUNT = Indicator("count", "Count", "count", "d", None, None, None)
PEOPLE = Indicator("people", "People", "people", "d", None, None, None)
DENSITY = Indicator("density", "Density", "per 10,000 people", "d", None, None,
                    Ratio("count", "people", 10_000))  # fmt: skip
UNITS = (
    Unit("RMB trillion", "RMB", 1e12),
    Unit("RMB billion", "RMB", 1e9),
)


def obs(
    record_id: str,
    indicator: str,
    value: float,
    period: str | None = "2021",
    *,
    decimals: int = 0,
    unit: str | None = None,
    qualifier: str | None = None,
    status: str = "actual",
    entity: str = "sz",
    source: str = "s1",
    derivation: Derivation | None = None,
) -> Observation:
    units = {"size": "RMB trillion", "growth": "percent", "added": "RMB billion",
             "count": "count", "people": "people", "density": "per 10,000 people"}  # fmt: skip
    number: int | float = int(value) if decimals == 0 and value == int(value) else value
    return Observation(
        record_id, indicator, entity, parse_period(period) if period else None, None, number,
        decimals, unit or units[indicator], qualifier, None,
        None if derivation else source, () if derivation else (1,), derivation, status,
    )  # fmt: skip


def knowledge(*observations: Observation) -> KnowledgeBase:
    sources = tuple(
        Source(s, s, "news", "p", None, parse_period("2022"), None, "p", "en", 9)
        for s in ("s1", "s2")
    )
    entities = (Entity("sz", "city", "Shenzhen", None, (), None, ()),
                Entity("bj", "city", "Beijing", None, (), None, ()))  # fmt: skip
    return KnowledgeBase(sources, entities, (SIZE, GROWTH, ADDED, COUNT, PEOPLE, DENSITY),
                         observations, (), (), UNITS)  # fmt: skip


def findings(*observations: Observation, check: str | None = None) -> list[Finding]:
    found = run_checks(knowledge(*observations))
    return [f for f in found if check is None or f.check == check]


def only(*observations: Observation, check: str) -> Finding:
    (found,) = findings(*observations, check=check)
    return found


def close(interval: Interval | None, lo: float, hi: float) -> bool:
    assert interval is not None
    return all(a == b or math.isclose(a, b, rel_tol=1e-9)
               for a, b in ((interval.lo, lo), (interval.hi, hi)))  # fmt: skip


# --- A stated change against the two values it connects ---------------------------------

SIZES = (obs("now", "size", 26.70, "2017", decimals=2), obs("before", "size", 22.77, "2016",
                                                             decimals=2))  # fmt: skip


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [
        (17.26, "ok"),  # the face value: 26.70 / 22.77 - 1 = 17.26 %
        (17.24, "warning"),  # within 17.212..17.307, but not the face value: rounding only
        (17.22, "warning"),
        (17.21, "warning"),  # 17.205..17.215 touches 17.212
        (17.20, "error"),  # 17.195..17.205: outside, one source for all three
        (17.31, "warning"),
        (17.32, "error"),
    ],
)
def test_relative_change_against_its_values(stated: float, verdict: str) -> None:
    found = only(obs("g", "growth", stated, "2017", decimals=2), *SIZES, check="change")
    assert (found.verdict, found.subject, found.inputs) == (verdict, "g", ("now", "before"))
    assert close(found.implied, (26.695 / 22.775 - 1) * 100, (26.705 / 22.765 - 1) * 100)
    assert found.face_value == pytest.approx((26.70 / 22.77 - 1) * 100)


def test_a_change_outside_from_two_sources_is_a_conflict_not_an_error() -> None:
    found = only(obs("g", "growth", 18.24, "2017", decimals=2, source="s2"), *SIZES,
                 check="change")  # fmt: skip
    assert found.verdict == "warning"
    assert "different sources (s2, s1)" in found.message


def test_an_absolute_change_converts_units() -> None:
    """2.5 RMB trillion after 2,000 RMB billion: a change of 500 RMB billion."""
    values = (obs("now", "size", 2.5, "2021", decimals=1),
              obs("before", "size", 2000, "2020", unit="RMB billion"))  # fmt: skip
    found = only(obs("d", "added", 500, "2021"), *values, check="change")
    assert found.verdict == "ok"
    assert close(found.implied, 2450 - 2000.5, 2550 - 1999.5)  # 2.45..2.55 trillion
    assert found.face_value == pytest.approx(500)
    wrong = only(obs("d", "added", 400, "2021"), *values, check="change")
    assert wrong.verdict == "error"


@pytest.mark.parametrize(
    ("period", "values", "message"),
    [
        ("2017-Q3", SIZES, "a change is checked only for a calendar year"),
        ("2017", SIZES[:1], "no size value for sz in 2016 to check against"),
        ("2017", SIZES[1:], "no size value for sz in 2017 to check against"),
        ("2018", SIZES, "no size value for sz in 2018 to check against"),
    ],
)
def test_a_change_without_both_years_is_skipped(
    period: str, values: tuple[Observation, ...], message: str
) -> None:
    found = only(obs("g", "growth", 17.26, period, decimals=2), *values, check="change")
    assert (found.verdict, found.message) == ("skipped", f"g: {message}")


def test_a_change_is_checked_against_achievements_of_its_own_entity() -> None:
    others = (obs("now", "size", 26.70, "2017", decimals=2, entity="bj"),
              obs("target", "size", 30, "2016", status="target"), SIZES[0])  # fmt: skip
    found = only(obs("g", "growth", 17.26, "2017", decimals=2), *others, check="change")
    assert found.verdict == "skipped"
    assert "in 2016" in found.message


def test_a_change_over_a_value_that_may_be_zero_is_skipped() -> None:
    values = (obs("now", "size", 3, "2017"), obs("before", "size", 0, "2016"))
    found = only(obs("g", "growth", 10, "2017"), *values, check="change")
    assert (found.verdict, found.message) == ("skipped", "g: before may be zero")


def test_a_change_over_a_bound_is_skipped() -> None:
    values = (obs("now", "size", 3, "2017", qualifier="all"), obs("before", "size", 2, "2016"))
    found = only(obs("g", "growth", 50, "2017"), *values, check="change")
    assert (found.verdict, found.message) == (
        "skipped", "g: a value it connects gives no range to check",
    )  # fmt: skip


def test_a_stated_change_with_no_range_is_skipped() -> None:
    found = only(obs("g", "growth", 17, "2017", qualifier="all"), *SIZES, check="change")
    assert found.verdict == "skipped"
    assert found.message == "g: 'all (17)' gives no range to check"


def test_a_change_with_a_qualifier_is_never_judged_on_its_face_value() -> None:
    found = only(obs("g", "growth", 17, "2017", qualifier="over"), *SIZES, check="change")
    assert found.verdict == "ok"  # over 17 meets 17.21..17.31; no rounding warning for a bound


# --- A derived value against its formula --------------------------------------------------

INPUTS = (obs("a", "count", 348.69, decimals=2), obs("b", "count", 126.16, decimals=2))


def derived(value: float, formula: str = "a - b", decimals: int = 2) -> Observation:
    return obs("d", "count", value, decimals=decimals,
               derivation=Derivation(formula, (("a", "a"), ("b", "b"))))  # fmt: skip


@pytest.mark.parametrize(
    ("value", "verdict"),
    [(222.53, "ok"), (222.52, "warning"), (222.51, "error"), (222.54, "warning"),
     (222.55, "error")],
)  # fmt: skip
def test_derived_value_against_its_formula(value: float, verdict: str) -> None:
    found = only(derived(value), *INPUTS, check="derived")
    assert (found.verdict, found.subject, found.inputs) == (verdict, "d", ("a", "b"))
    assert close(found.implied, 348.685 - 126.165, 348.695 - 126.155)
    assert found.face_value == pytest.approx(222.53)


def test_derived_over_a_wording_or_by_zero_is_skipped() -> None:
    bound = (obs("a", "count", 348.69, decimals=2, qualifier="over"), INPUTS[1])
    found = only(derived(222.53), *bound, check="derived")  # over: a range all the same
    assert found.verdict == "ok"
    assert close(found.implied, 348.69 - 126.165, math.inf)
    wordy = (obs("a", "count", 348.69, decimals=2, qualifier="all"), INPUTS[1])
    found = only(derived(222.53), *wordy, check="derived")
    assert (found.verdict, found.message) == ("skipped", "d: an input gives no range to check")
    assert found.inputs == ("a", "b")
    zero = (INPUTS[0], obs("b", "count", 0))
    found = only(derived(1, "a / b"), *zero, check="derived")
    assert found.verdict == "skipped"
    assert "formula cannot be evaluated" in found.message


def test_derived_values_are_not_reports_to_compare() -> None:
    pairs = list(report_pairs([derived(222.53), obs("c", "count", 222.53, decimals=2)]))
    assert pairs == []


# --- A density against its count and denominator --------------------------------------------


@pytest.mark.parametrize(
    ("density", "verdict"), [(28.5, "ok"), (28.4, "error"), (28.6, "error")],
)  # fmt: skip
def test_density_against_count_and_people(density: float, verdict: str) -> None:
    found = only(obs("r", "density", density, "2021-end", decimals=1),
                 obs("c", "count", 51000, "2021-end"), obs("p", "people", 17_900_000, "2021-end"),
                 check="ratio")  # fmt: skip
    assert (found.verdict, found.inputs) == (verdict, ("c", "p"))
    assert close(found.implied, 50999.5 / 17_900_000.5 * 1e4, 51000.5 / 17_899_999.5 * 1e4)
    assert found.face_value == pytest.approx(51000 / 17_900_000 * 1e4)


def test_a_density_outside_from_two_sources_is_a_conflict() -> None:
    found = only(obs("r", "density", 28.4, "2021-end", decimals=1, source="s2"),
                 obs("c", "count", 51000, "2021-end"), obs("p", "people", 17_900_000, "2021-end"),
                 check="ratio")  # fmt: skip
    assert found.verdict == "warning"


def test_density_takes_an_overlapping_period_when_none_is_the_same() -> None:
    found = only(obs("r", "density", 28.5, "2021-end", decimals=1),
                 obs("c", "count", 51000, "2021-end"), obs("p", "people", 17_900_000, "2021"),
                 check="ratio")  # fmt: skip
    assert found.verdict == "ok"
    assert "[p (2021) taken for end of 2021]" in found.message


def test_density_without_its_denominator_says_which_periods_exist() -> None:
    found = only(obs("r", "density", 28.5, "2021-end", decimals=1),
                 obs("c", "count", 51000, "2021-end"), obs("p", "people", 17_900_000, "2019"),
                 check="ratio")  # fmt: skip
    assert found.verdict == "skipped"
    assert found.message == (
        "r: no people figure for sz, end of 2021, to check against; the file has it for 2019 only"
    )


# --- A target against its outcome --------------------------------------------------------


def target_of(value: float, qualifier: str | None = None, period: str = "2021") -> Observation:
    return obs("t", "count", value, period, qualifier=qualifier, status="target")


@pytest.mark.parametrize(
    ("target", "actual", "verdict"),
    [
        # A floor: met when the achievement's lowest reading reaches the target's lowest.
        ((100, None), 100, "met"),  # 99.5..100.5 against 99.5..100.5: exactly at the threshold
        ((100, None), 101, "met"),
        ((100, None), 99, "skipped"),  # 98.5..99.5 touches 99.5: straddles, not yet known
        ((100, None), 98, "missed"),
        ((100, "at-least"), 100, "met"),
        ((100, "over"), 100, "skipped"),  # over 100 needs more than 99.5..100.5 shows
        ((100, "over"), 101, "met"),
        ((100, "nearly"), 95, "met"),  # nearly 100 reaches down to 94.5
        ((100, "about"), 106, "met"),
        # A ceiling: met when the achievement's highest reading stays under the target's.
        ((10, "at-most"), 10, "met"),  # 9.5..10.5 under 10.5: exactly at the threshold
        ((10, "at-most"), 11, "skipped"),  # 10.5..11.5 touches 10.5
        ((10, "at-most"), 12, "missed"),
        ((10, "under"), 9, "met"),
        ((10, "under"), 10, "skipped"),
        ((10, "under"), 11, "missed"),  # 10.5..11.5 is over 10
    ],
)  # fmt: skip
def test_target_met_or_missed_at_the_threshold(
    target: tuple[float, str | None], actual: float, verdict: str
) -> None:
    found = only(target_of(*target), obs("a", "count", actual), check="target")
    assert (found.verdict, found.subject, found.inputs) == (verdict, "t", ("a",))
    if verdict != "skipped":
        assert close(found.implied, actual - 0.5, actual + 0.5)
        assert found.face_value == actual


def test_about_misses_only_below_its_reach() -> None:
    """about 100 reaches 94.5; 94 (93.5..94.5) touches it: not yet known; 93 misses."""
    assert only(target_of(100, "about"), obs("a", "count", 94), check="target").verdict == (
        "skipped"
    )
    assert only(target_of(100, "about"), obs("a", "count", 93), check="target").verdict == (
        "missed"
    )


def test_a_target_is_checked_only_against_its_own_entity_and_period() -> None:
    others = (obs("bj", "count", 500, entity="bj"), obs("old", "count", 500, "2020"),
              obs("plan", "count", 500, status="target"))  # fmt: skip
    (found, _) = findings(target_of(100), *others, check="target")  # and the plan's own
    assert (found.subject, found.verdict) == ("t", "skipped")
    assert found.message == (
        "t: target of 100 count (s1): no achievement for 2021 in the file; not yet known"
    )


def test_an_early_achievement_can_meet_a_target_never_miss_it() -> None:
    """An achievement of June 2025 for a 2025 target: met early, or not yet known."""
    early = obs("a", "count", 120, "2025-06")
    assert only(target_of(100, period="2025"), early, check="target").verdict == "met"
    behind = obs("a", "count", 50, "2025-06")
    found = only(target_of(100, period="2025"), behind, check="target")
    assert found.verdict == "skipped"
    assert "covers only part of its period; not yet known" in found.message
    at_the_end = obs("a", "count", 50, "2025-end")
    assert only(target_of(100, period="2025"), at_the_end, check="target").verdict == "missed"


def test_a_target_in_another_unit_is_converted() -> None:
    target = obs("t", "size", 2000, "2021", unit="RMB billion", status="target")
    assert only(target, obs("a", "size", 2.1, decimals=1), check="target").verdict == "met"
    assert only(target, obs("a", "size", 1.9, decimals=1), check="target").verdict == "missed"


def test_a_target_is_never_an_achievement() -> None:
    """A target is not checked as a change, a density or a report of an achievement."""
    found = findings(obs("g", "growth", 99, "2017", status="target"), *SIZES)
    assert {f.check for f in found} == {"target"}


# --- Reports of one quantity ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        ((844.6, 1, "RMB billion", None), (0.8446, 4, "RMB trillion", None), "ok"),
        ((844.6, 1, "RMB billion", None), (0.8447, 4, "RMB trillion", None), "ok"),  # touching
        ((844.6, 1, "RMB billion", None), (0.8448, 4, "RMB trillion", None), "warning"),
        ((80, 0, "RMB trillion", "over"), (85, 0, "RMB trillion", None), "ok"),
        ((80, 0, "RMB trillion", "over"), (79, 0, "RMB trillion", None), "warning"),
        ((80, 0, "RMB trillion", "over"), (80, 0, "RMB trillion", None), "ok"),  # 79.5..80.5
        ((80, 0, "RMB trillion", "all"), (80, 0, "RMB trillion", None), "skipped"),
    ],
)  # fmt: skip
def test_reports_of_one_quantity_agree_or_conflict(
    first: tuple[float, int, str, str | None], second: tuple[float, int, str, str | None],
    verdict: str,
) -> None:  # fmt: skip
    one = obs("one", "size", first[0], decimals=first[1], unit=first[2], qualifier=first[3])
    two = obs("two", "size", second[0], decimals=second[1], unit=second[2], qualifier=second[3],
              source="s2")  # fmt: skip
    found = only(one, two, check="agreement")
    assert (found.verdict, found.subject, found.inputs) == (verdict, "one", ("two",))
    conflicts = conflict_map(knowledge(one, two), [one, two])
    assert conflicts == ({"one": ("two",), "two": ("one",)} if verdict == "warning" else {})


def test_which_reports_are_of_one_quantity() -> None:
    reports = [
        obs("a", "count", 1), obs("b", "count", 1),  # the same quantity
        obs("c", "count", 1, entity="bj"), obs("d", "count", 1, "2020"),
        obs("e", "count", 1, status="target"), obs("f", "count", 1, None),
        obs("g", "count", 1, None), obs("h", "count", 1, "2021-end"),
    ]  # fmt: skip
    assert [(a.id, b.id) for a, b in report_pairs(reports)] == [("a", "b")]
    three = [obs("a", "count", 1), obs("b", "count", 1), obs("c", "count", 1)]
    assert [(a.id, b.id) for a, b in report_pairs(three)] == [("a", "b"), ("a", "c"), ("b", "c")]


def test_conversion_between_units_of_one_dimension() -> None:
    kb = knowledge()
    figure = obs("x", "size", 2249.01, decimals=2, unit="RMB billion")
    assert converted(kb, figure, "RMB trillion") == pytest.approx(2.24901)
    assert places(kb, figure, "RMB trillion") == 5
    assert places(kb, obs("y", "size", 2.5, decimals=1), "RMB billion") == 1
    assert converted(kb, obs("y", "size", 2.5, decimals=1), "RMB trillion") == 2.5
    assert close(in_unit(kb, figure, "RMB trillion"), 2.249005, 2.249015)
    assert in_unit(kb, obs("z", "size", 1, qualifier="all"), "RMB billion") is None


def test_the_representative_of_several_reports_is_the_first_exact_one() -> None:
    over, exact, later = (obs("o", "count", 1, qualifier="over"), obs("e", "count", 1),
                          obs("l", "count", 1))  # fmt: skip
    assert representative([over, exact, later]) is exact
    assert representative([over, obs("u", "count", 1, qualifier="under")]) is over


def test_agreement_in_words() -> None:
    one = obs("one", "size", 844.6, decimals=1, unit="RMB billion")
    two = obs("two", "size", 0.9, decimals=1)
    found = agreement(knowledge(one, two), one, two)
    assert found.message == (
        "one: reports 844.6 RMB billion (s1); two reports 0.9 RMB trillion (s1) for the same "
        "quantity: they conflict (the first allows 0.84455 to 0.84465, the second 0.85000 "
        "to 0.95000, in RMB trillion)"
    )

"""The checks pinned at their boundaries: changes, derived values, densities, targets, reports.

Each case builds a small knowledge base in Python and asserts the whole finding (check,
verdict, subject, inputs, implied range, face value) as the rule in docs/commands/check.md
says it must be: a wrong verdict anywhere here is a visible failure.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.intervals import Interval, interval_of
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
ROOT = Path(__file__).resolve().parent.parent
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
    exact: bool = True,
) -> Observation:
    """A figure for a rule's test: exact unless the test is about round figures."""
    units = {"size": "RMB trillion", "growth": "percent", "added": "RMB billion",
             "count": "count", "people": "people", "density": "per 10,000 people"}  # fmt: skip
    number: int | float = int(value) if decimals == 0 and value == int(value) else value
    return Observation(
        record_id, indicator, entity, parse_period(period) if period else None, None, number,
        decimals, unit or units[indicator], qualifier, None,
        None if derivation else source, () if derivation else (1,), derivation, status,
        exact=exact,
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
    if verdict == "skipped":
        assert found.message.endswith(f"a reports {actual} count (s1) straddles it; not yet known")
    else:
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
        ((80, 0, "RMB trillion", "over"), (79, 0, "RMB trillion", None), "warning"),  # even cut
        ((80, 0, "RMB trillion", "over"), (80, 0, "RMB trillion", None), "ok"),  # 79.5..80.5
        ((80, 0, "RMB trillion", "all"), (80, 0, "RMB trillion", None), "skipped"),
        # 2.24 trillion is 2,249.01 billion cut off, not rounded (it rounds to 2.25)
        ((2249.01, 2, "RMB billion", None), (2.24, 2, "RMB trillion", None), "truncated"),
        ((2.24, 2, "RMB trillion", None), (2249.01, 2, "RMB billion", None), "truncated"),
        ((2249.01, 2, "RMB billion", None), (2.25, 2, "RMB trillion", None), "ok"),
        ((2259.01, 2, "RMB billion", None), (2.24, 2, "RMB trillion", None), "warning"),
        ((2249.01, 2, "RMB billion", None), (2.24, 2, "RMB trillion", "over"), "ok"),
        ((2239.01, 2, "RMB billion", None), (2.24, 2, "RMB trillion", "over"), "warning"),
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


# --- Paths the tables above do not reach ---------------------------------------------------


def test_a_stated_figure_with_no_range_is_skipped_with_what_it_was_checked_against() -> None:
    found = only(obs("g", "growth", 17, "2017", qualifier="all"), *SIZES, check="change")
    assert (found.check, found.verdict, found.subject) == ("change", "skipped", "g")
    assert found.inputs == ("now", "before")
    assert close(found.implied, (26.695 / 22.775 - 1) * 100, (26.705 / 22.765 - 1) * 100)
    assert found.face_value == pytest.approx((26.70 / 22.77 - 1) * 100)


def test_a_change_of_another_entity_is_not_checked_against_this_one() -> None:
    beijing = (obs("n", "size", 26.70, "2017", decimals=2, entity="bj"),
               obs("b", "size", 22.77, "2016", decimals=2, entity="bj"))  # fmt: skip
    found = only(obs("g", "growth", 17.26, "2017", decimals=2), *beijing, check="change")
    assert (found.verdict, found.message) == (
        "skipped", "g: no size value for sz in 2017 to check against",
    )  # fmt: skip


def test_a_value_derived_from_the_change_through_another_is_not_checked_against_it() -> None:
    """now = before x (1 + d / 100) + 0 x x, with d derived from the change g itself."""
    g = obs("g", "growth", 17.26, "2017", decimals=2)
    d = obs("d", "growth", 17.26, "2017", decimals=2, derivation=Derivation("g * 1", (("g", "g"),)))
    x = obs("x", "count", 5)
    names = (("before", "before"), ("d", "d"), ("x", "x"))
    now = obs("now", "size", 26.70, "2017", decimals=2,
              derivation=Derivation("before * (1 + d / 100) + 0 * x", names))  # fmt: skip
    found = [f for f in findings(g, d, x, now, SIZES[1], check="change") if f.subject == "g"]
    assert [(f.verdict, f.message) for f in found] == [
        ("skipped", "g: now is derived from this change, so they agree by construction"),
    ]


def test_derived_values_in_a_unit_of_their_own() -> None:
    """A sum in RMB trillion of two figures in RMB billion, and a formula with literals."""
    inputs = (
        obs("a", "size", 1500, unit="RMB billion"),
        obs("b", "size", 1000, unit="RMB billion"),
    )
    total = obs("t", "size", 2.5, decimals=1,
                derivation=Derivation("a + b", (("a", "a"), ("b", "b"))))  # fmt: skip
    found = only(total, *inputs, check="derived")
    assert found.verdict == "ok"
    assert close(found.implied, 2.499, 2.501)
    assert found.face_value == pytest.approx(2.5)
    share = obs("s", "size", 60, unit="percent",
                derivation=Derivation("a / (a + b) * 100", (("a", "a"), ("b", "b"))))  # fmt: skip
    found = only(share, *inputs, check="derived")
    assert found.verdict == "ok"
    assert found.face_value == pytest.approx(60)
    assert close(found.implied, 1499.5 / 2501 * 100, 1500.5 / 2499 * 100)  # a counted twice


GDP = Indicator("gdp", "GDP", "RMB billion", "d", None, None, None)
PER_PERSON = Indicator("per-person", "GDP per person", "RMB thousand", "d", None, None,
                       Ratio("gdp", "people", 1))  # fmt: skip


def test_a_density_in_a_declared_unit() -> None:
    """3,000 RMB billion over 20 million people: 150 RMB thousand a person."""
    kb = KnowledgeBase(
        knowledge().sources, knowledge().entities, (GDP, PEOPLE, PER_PERSON),
        (Observation("r", "per-person", "sz", parse_period("2021"), None, 150, 0, "RMB thousand",
                     None, None, "s1", (1,), None, exact=True),
         Observation("g", "gdp", "sz", parse_period("2021"), None, 3000, 0, "RMB billion", None,
                     None, "s1", (1,), None, exact=True),
         obs("p", "people", 20_000_000)),
        (), (), (*UNITS, Unit("RMB thousand", "RMB", 1e3)),
    )  # fmt: skip
    (found,) = [f for f in run_checks(kb) if f.check == "ratio"]
    assert (found.verdict, found.inputs) == ("ok", ("g", "p"))
    assert found.face_value == pytest.approx(150)
    assert close(found.implied, 2999.5e9 / 20_000_000.5 / 1e3, 3000.5e9 / 19_999_999.5 / 1e3)


def test_density_over_a_wording_or_a_zero_is_skipped() -> None:
    count, people = obs("c", "count", 51000, "2021-end"), obs("p", "people", 17_900_000, "2021-end")
    density = obs("r", "density", 28.5, "2021-end", decimals=1)
    wordy = obs("c", "count", 51000, "2021-end", qualifier="all")
    found = only(density, wordy, people, check="ratio")
    assert (found.check, found.verdict, found.subject, found.message) == (
        "ratio", "skipped", "r", "r: a figure it connects gives no range to check",
    )  # fmt: skip
    found = only(density, count, obs("p", "people", 0, "2021-end"), check="ratio")
    assert (found.check, found.verdict, found.subject, found.message) == (
        "ratio", "skipped", "r", "r: p may be zero",
    )  # fmt: skip


def test_density_names_both_figures_taken_for_its_period() -> None:
    found = only(obs("r", "density", 28.5, "2021-end", decimals=1),
                 obs("c", "count", 51000, "2021"), obs("p", "people", 17_900_000, "2021"),
                 check="ratio")  # fmt: skip
    assert "[c (2021) taken for end of 2021; p (2021) taken for end of 2021]" in found.message


def test_a_target_with_no_value_or_an_outcome_with_no_range_is_skipped() -> None:
    found = only(target_of(100, "all"), obs("a", "count", 120), check="target")
    assert (found.check, found.verdict, found.subject, found.inputs) == (
        "target", "skipped", "t", (),
    )  # fmt: skip
    assert found.message == "t: target of all (100) count (s1) gives no value to meet"
    found = only(target_of(100), obs("a", "count", 120, qualifier="all"), check="target")
    assert (found.check, found.verdict, found.subject, found.inputs) == (
        "target", "skipped", "t", ("a",),
    )  # fmt: skip
    assert found.message == (
        "t: target of 100 count (s1): a reports all (120) count (s1) gives no range"
    )


@pytest.mark.parametrize("first", ["all", "straddles", "early"])
def test_every_outcome_of_a_target_is_judged(first: str) -> None:
    """An outcome that leaves the target not yet known does not hide the next one."""
    unknown = {"all": obs("u", "count", 50, qualifier="all"), "straddles": obs("u", "count", 99),
               "early": obs("u", "count", 50, "2021-06")}[first]  # fmt: skip
    found = findings(target_of(100), unknown, obs("a", "count", 120), check="target")
    assert [(f.verdict, f.inputs) for f in found] == [("skipped", ("u",)), ("met", ("a",))]


def test_a_target_is_judged_in_its_indicators_unit() -> None:
    """2,000 RMB billion against 2.1 RMB trillion, and against 2,100 RMB billion."""
    target = obs("t", "size", 2000, "2021", unit="RMB billion", status="target")
    found = only(target, obs("a", "size", 2.1, decimals=1), check="target")
    assert close(found.implied, 2.05, 2.15)  # in RMB trillion, the indicator's unit
    found = only(target, obs("a", "size", 2100, unit="RMB billion"), check="target")
    assert (found.verdict, found.face_value) == ("met", 2100)
    assert close(found.implied, 2.0995, 2.1005)


def test_what_a_report_is_a_report_of() -> None:
    from szfacts.questions.reports import quantity

    assert quantity(obs("a", "count", 1)) == ("count", "sz", "2021", "actual")
    assert quantity(obs("a", "count", 1, None, status="target")) == (
        "count", "sz", None, "target",
    )  # fmt: skip


def test_reports_with_no_range_and_their_decimals() -> None:
    one = obs("one", "size", 2.3, decimals=1)
    two = obs("two", "size", 2249.01, decimals=2, unit="RMB billion")
    found = agreement(knowledge(one, two), one, two)
    assert found.message.endswith("(the first allows 2.250000 to 2.350000, the second "
                                  "2.249005 to 2.249015, in RMB trillion)")  # fmt: skip
    wordy = obs("w", "size", 2, qualifier="all")
    found = agreement(knowledge(one, wordy), one, wordy)
    assert (found.verdict, found.inputs) == ("skipped", ("w",))
    assert found.message.endswith("for the same quantity: one gives no range to compare")


def test_decimals_of_a_figure_in_another_unit() -> None:
    kb = KnowledgeBase((), (), (), (), (), (), (Unit("half", "x", 0.5), Unit("whole", "x", 1.0),
                                                 Unit("tenth", "x", 0.1)))  # fmt: skip
    figure = Observation("h", "i", "e", None, None, 3, 0, "half", None, None, "s", (1,), None)
    assert places(kb, figure, "whole") == 0  # a factor of 0.5 adds no decimal
    tenth = Observation("t", "i", "e", None, None, 3, 0, "tenth", None, None, "s", (1,), None)
    assert places(kb, tenth, "whole") == 1


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        # 46,000 as rounded (45,500-46,500) misses 46,800; cut at its last non-zero digit
        # (46,000-47,000) it meets it. An exact 46,000 is cut at its units, and a target's
        # number is exact by nature: neither meets.
        (obs("one", "count", 46000, exact=False), obs("two", "count", 46800, source="s2"),
         "truncated"),
        (obs("one", "count", 46000, exact=True), obs("two", "count", 46800, source="s2"),
         "warning"),
        (obs("one", "count", 10000, exact=False, status="target"),
         obs("two", "count", 10800, status="target", source="s2"), "warning"),
    ],
)  # fmt: skip
def test_a_cut_round_number_is_cut_at_its_last_non_zero_digit_unless_exact(
    first: Observation, second: Observation, verdict: str
) -> None:
    assert only(first, second, check="agreement").verdict == verdict


def test_exact_is_read_from_the_file_and_must_be_true_or_false() -> None:
    import szfacts

    shipped = (ROOT / "facts.toml").read_text(encoding="utf-8")
    anchor = 'id = "5g-base-stations-shenzhen-2021-end"\n'
    exact = szfacts.parse(shipped.replace(anchor, anchor + "exact = true\n", 1).encode())
    record = exact.record("5g-base-stations-shenzhen-2021-end")
    assert isinstance(record, Observation)
    assert record.exact
    assert interval_of(record) == Interval(50999.5, 51000.5)
    with pytest.raises(szfacts.KnowledgeFileError) as caught:
        szfacts.parse(shipped.replace(anchor, anchor + 'exact = "yes"\n', 1).encode())
    assert "exact: must be true or false, not a string" in str(caught.value)

"""The rules checks stand on, pinned at their boundaries: intervals, periods and formulas.

Each rule is a table of cases, written from the rule as documented (docs/knowledge-file.md,
docs/glossary.md), never from what the code returns; and Hypothesis properties where a rule
has one. tests/test_check_rules.py pins the checks built on them.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from szfacts.knowledge.formulas import FormulaError, dimension_of, evaluate, names_in
from szfacts.knowledge.intervals import (
    Interval,
    interval_of,
    meets_cut,
    point,
    scaled,
    stated_interval,
    truncated_interval,
)
from szfacts.knowledge.periods import Period, order_key, parse_period
from szfacts.knowledge.records import Observation

INF = math.inf


def figure(
    value: float, decimals: int = 0, qualifier: str | None = None, exact: bool = True
) -> Observation:
    """A stated figure, as the loader makes it (ints stay ints); exact unless told."""
    number: int | float = int(value) if decimals == 0 and value == int(value) else value
    return Observation("x", "i", "e", None, None, number, decimals, "u", qualifier, None, "s",
                       (1,), None, exact=exact)  # fmt: skip


# --- What a printed figure stands for -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "qualifier", "lo", "hi"),
    [
        (26.70, 2, None, 26.695, 26.705),  # the rounding of the printed digits
        (51000, 0, None, 50999.5, 51000.5),
        (0.5, 1, None, 0.45, 0.55),
        (80, 0, "over", 80, INF),  # above the number itself, not its rounding
        (80, 0, "at-least", 79.5, INF),  # from the lowest number printed as 80
        (80, 0, "under", -INF, 80),
        (80, 0, "at-most", -INF, 80.5),
        (100, 0, "nearly", 94.5, 100.5),  # 5 % below, widened by the rounding; never above
        (100, 0, "about", 94.5, 105.5),  # 5 % either way, widened by the rounding
        (-100, 0, "about", -105.5, -94.5),  # the reach of a negative figure is its size's
        (-100, 0, "nearly", -105.5, -99.5),
        (2.5, 1, "about", 2.325, 2.675),
    ],
)  # fmt: skip
def test_interval_of_each_wording(
    value: float, decimals: int, qualifier: str | None, lo: float, hi: float
) -> None:
    found = interval_of(figure(value, decimals, qualifier))
    assert found is not None
    assert found.lo == pytest.approx(lo)
    assert found.hi == pytest.approx(hi)


@pytest.mark.parametrize(
    ("value", "qualifier", "status", "exact", "lo", "hi"),
    [
        (51000, None, "actual", False, 50500, 51500),  # rounded at its last non-zero digit
        (51000, None, "actual", True, 50999.5, 51000.5),  # exact: its zeros are digits
        (46480, None, "actual", False, 46475, 46485),
        (46481, None, "actual", False, 46480.5, 46481.5),  # no final zero: as printed
        (-19800, None, "actual", False, -19850, -19750),
        (10000, None, "target", False, 9999.5, 10000.5),  # a target's number is a threshold
        (60000, "over", "actual", False, 60000, INF),  # a bound's number is its threshold
        (60000, "at-least", "actual", False, 59999.5, INF),
        (100, "about", "actual", False, 94.5, 105.5),  # about: its 5 %, not widened again
        (0, None, "actual", False, -0.5, 0.5),
    ],
)  # fmt: skip
def test_a_round_figure_is_read_as_rounded(
    value: int, qualifier: str | None, status: str, exact: bool, lo: float, hi: float
) -> None:
    stated = Observation("x", "i", "e", None, None, value, 0, "u", qualifier, None, "s", (1,),
                         None, status, exact=exact)  # fmt: skip
    assert interval_of(stated) == Interval(lo, hi)


@pytest.mark.parametrize(
    ("value", "decimals", "exact", "lo", "hi"),
    [
        (2.24, 2, False, 2.24, 2.25),  # 2,249.01 billion written as 2.24 trillion
        (203480, 0, False, 203480, 203490),  # cut at its last non-zero digit
        (203480, 0, True, 203480, 203481),
        (17, 0, False, 17, 18),
        (-19800, 0, False, -19900, -19800),  # towards zero
    ],
)  # fmt: skip
def test_a_figure_cut_off_rather_than_rounded(
    value: float, decimals: int, exact: bool, lo: float, hi: float
) -> None:
    cut = truncated_interval(value, decimals, exact)
    assert (cut.lo, cut.hi) == pytest.approx((lo, hi))


def test_the_defaults_read_figures_as_printed() -> None:
    # A caller that says nothing gets the printed precision: no rounding of round figures,
    # and a cut round number cut at its last non-zero digit.
    assert stated_interval(51000, 0, None) == Interval(50999.5, 51000.5)
    assert truncated_interval(203480, 0) == Interval(203480, 203490)
    assert truncated_interval(0, 0) == Interval(0, 1)  # zero is cut upwards, like any figure


def test_a_cut_figure_excludes_its_upper_end() -> None:
    seventy_nine = truncated_interval(79, 0)  # 79 up to, not including, 80
    assert not meets_cut(Interval(80, INF), seventy_nine)  # "over 80"
    assert meets_cut(Interval(79.99, 79.99), seventy_nine)
    assert meets_cut(Interval(78, 79), seventy_nine)  # its lower end is in
    assert not meets_cut(Interval(77, 78.99), seventy_nine)


def test_all_gives_no_interval() -> None:
    assert interval_of(figure(100, 0, "all")) is None


@given(
    st.integers(-(10**9), 10**9),
    st.integers(0, 4),
    st.sampled_from([None, "at-least", "at-most", "nearly", "about"]),
)
def test_an_interval_contains_its_stated_value(
    digits: int, decimals: int, qualifier: str | None
) -> None:
    value = digits / 10**decimals
    found = interval_of(figure(value, decimals, qualifier))
    assert found is not None
    assert found.lo <= value <= found.hi
    assert found.lo < found.hi


@given(st.integers(-(10**6), 10**6), st.sampled_from(["over", "under"]))
def test_over_and_under_exclude_nothing_on_the_far_side(digits: int, qualifier: str) -> None:
    found = interval_of(figure(digits, 0, qualifier))
    assert found is not None
    assert (found.lo, found.hi) == ((digits, INF) if qualifier == "over" else (-INF, digits))


@pytest.mark.parametrize(
    ("a", "b", "meets"),
    [
        ((0, 1), (1, 2), True),  # closed intervals: touching is meeting
        ((1, 2), (0, 1), True),
        ((0, 1), (1.000001, 2), False),
        ((1.000001, 2), (0, 1), False),
        ((0, 10), (2, 3), True),  # one inside the other
        ((5, 5), (5, 5), True),
        ((-INF, 0), (0, INF), True),
        ((-INF, -1), (0, INF), False),
    ],
)
def test_meets_at_the_edges(a: tuple[float, float], b: tuple[float, float], meets: bool) -> None:
    assert Interval(*a).meets(Interval(*b)) is meets


intervals = st.tuples(
    st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False)
).map(lambda pair: Interval(min(pair), max(pair)))


@given(intervals, intervals)
def test_meets_is_symmetric_and_reflexive(a: Interval, b: Interval) -> None:
    assert a.meets(b) == b.meets(a)
    assert a.meets(a)


@given(intervals, intervals, st.floats(0, 1), st.floats(0, 1))
def test_arithmetic_contains_every_result_of_its_members(
    a: Interval, b: Interval, s: float, t: float
) -> None:
    x = min(max(a.lo + s * (a.hi - a.lo), a.lo), a.hi)  # a member of a
    y = min(max(b.lo + t * (b.hi - b.lo), b.lo), b.hi)  # a member of b
    results = [(a + b, x + y), (a - b, x - y), (a * b, x * y), (-a, -x)]
    if b.lo > 1e-3 or b.hi < -1e-3:  # away from zero (the rounding of 1/y stays small)
        results.append((a / b, x / y))
    for result, exact in results:
        slack = 1e-9 * (1 + abs(exact) + abs(x) + abs(y))
        assert result.lo - slack <= exact <= result.hi + slack


@pytest.mark.parametrize(
    ("expression", "lo", "hi"),
    [
        (lambda: Interval(1, 2) + Interval(10, 20), 11, 22),
        (lambda: Interval(1, 2) - Interval(10, 20), -19, -8),
        (lambda: -Interval(1, 2), -2, -1),
        (lambda: Interval(-1, 2) * Interval(3, 4), -4, 8),
        (lambda: Interval(-2, -1) * Interval(-4, 3), -6, 8),
        (lambda: Interval(0, INF) * Interval(0, 1), 0, INF),  # 0 x inf is left out, not NaN
        (lambda: Interval(1, 2) / Interval(4, 5), 0.2, 0.5),
        (lambda: Interval(-2, 1) / Interval(-2, -1), -1, 2),
        (lambda: scaled(Interval(1, 2), 1000), 1000, 2000),
        (lambda: point(3), 3, 3),
    ],
)  # fmt: skip
def test_interval_arithmetic(expression: object, lo: float, hi: float) -> None:
    assert callable(expression)
    result = expression()
    assert (result.lo, result.hi) == (pytest.approx(lo), pytest.approx(hi))


@pytest.mark.parametrize("divisor", [(-1, 1), (0, 1), (-1, 0), (0, 0)])
def test_dividing_by_an_interval_holding_zero_is_refused(divisor: tuple[float, float]) -> None:
    with pytest.raises(ZeroDivisionError):
        Interval(1, 2) / Interval(*divisor)


def test_interval_is_a_value() -> None:
    assert Interval(1, 2) == Interval(1, 2)
    assert Interval(1, 2) != Interval(1, 3)
    assert Interval(1, 2) != Interval(0, 2)
    assert Interval(1, 2) != (1, 2)
    assert hash(Interval(1, 2)) == hash(Interval(1, 2))
    assert len({Interval(1, 2), Interval(1, 2), Interval(2, 1)}) == 2
    assert repr(Interval(1, 2.5)) == "Interval(lo=1, hi=2.5)"
    with pytest.raises(AttributeError, match="immutable"):
        Interval(1, 2).lo = 0


def test_interval_in_words() -> None:
    assert Interval(17.2123, 17.3071).text(3) == "17.212 to 17.307"
    assert Interval(80, INF).text(0) == "80 to unbounded"
    assert Interval(-INF, 5).text(1) == "unbounded to 5.0"


# --- Periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "label"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31), "year", "2021"),
        ("2021-end", date(2021, 12, 31), date(2021, 12, 31), "year-end", "end of 2021"),
        ("2021-Q1", date(2021, 1, 1), date(2021, 3, 31), "quarter", "Q1 2021"),
        ("2021-Q2", date(2021, 4, 1), date(2021, 6, 30), "quarter", "Q2 2021"),
        ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30), "quarter", "Q3 2021"),
        ("2021-Q4", date(2021, 10, 1), date(2021, 12, 31), "quarter", "Q4 2021"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month", "February 2020"),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28), "month", "February 2021"),
        ("2021-01", date(2021, 1, 1), date(2021, 1, 31), "month", "January 2021"),
        ("2021-12", date(2021, 12, 1), date(2021, 12, 31), "month", "December 2021"),
        ("2018-04-12", date(2018, 4, 12), date(2018, 4, 12), "day", "12 April 2018"),
        ("2018-04-12/2018-04-13", date(2018, 4, 12), date(2018, 4, 13), "range",
         "12-13 April 2018"),
        ("2018-04-30/2018-05-02", date(2018, 4, 30), date(2018, 5, 2), "range",
         "30 April 2018 to 2 May 2018"),
        ("2021-Q1/2021-Q3", date(2021, 1, 1), date(2021, 9, 30), "range", "Q1-Q3 2021"),
        ("2021-Q2/2021-Q4", date(2021, 4, 1), date(2021, 12, 31), "range", "Q2-Q4 2021"),
        ("2020-Q4/2021-Q1", date(2020, 10, 1), date(2021, 3, 31), "range",
         "Q4 2020 to Q1 2021"),
        ("2021-03/2021-05", date(2021, 3, 1), date(2021, 5, 31), "range",
         "March 2021 to May 2021"),
        ("2021/2021", date(2021, 1, 1), date(2021, 12, 31), "range", "2021 to 2021"),
        ("2016/2020", date(2016, 1, 1), date(2020, 12, 31), "range", "2016 to 2020"),
    ],
)  # fmt: skip
def test_periods_and_their_labels(
    text: str, start: date, end: date, precision: str, label: str
) -> None:
    period = parse_period(text)
    assert (period.text, period.start, period.end, period.precision) == (
        text, start, end, precision,
    )  # fmt: skip
    assert period.label() == label


@pytest.mark.parametrize(
    "text",
    ["21", "2021-13", "2021-00", "2021-Q5", "2021-Q0", "2021-02-29", "2021-04-31", "0000",
     "2021-end/2020", "2022/2021", "2021-06/2021-05", "2021 ", "2021-1", "Q1-2021", ""],
)  # fmt: skip
def test_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError, match=r"period|exist|calendar|before"):
        parse_period(text)


@pytest.mark.parametrize(
    ("a", "b", "overlaps"),
    [
        ("2021", "2021-end", True),  # a year holds its last day
        ("2021-06-30", "2021-Q2", True),  # the last day of a quarter
        ("2021-04-01", "2021-Q2", True),  # its first day
        ("2021-07-01", "2021-Q2", False),  # the day after
        ("2021-03-31", "2021-Q2", False),  # the day before
        ("2020-end", "2021", False),
        ("2020-Q4/2021-Q1", "2021-01", True),
        ("2021", "2021", True),
    ],
)
def test_overlaps_at_the_edges(a: str, b: str, overlaps: bool) -> None:
    assert parse_period(a).overlaps(parse_period(b)) is overlaps
    assert parse_period(b).overlaps(parse_period(a)) is overlaps


periods = st.sampled_from(
    ["2020", "2021", "2021-end", "2021-Q1", "2021-Q4", "2021-02", "2021-12-31", "2020-Q4/2021-Q1",
     "2019/2021", "2022-01-01"]
).map(parse_period)  # fmt: skip


@given(periods, periods)
def test_overlap_is_symmetric_and_reflexive(a: Period, b: Period) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(a)
    assert a.overlaps(b) == (max(a.start, b.start) <= min(a.end, b.end))


def test_a_period_in_one_year_has_that_year() -> None:
    assert parse_period("2021-Q3").year == 2021
    assert parse_period("2021-end").year == 2021
    assert parse_period("2020-Q4/2021-Q1").year is None
    assert parse_period("2021-01/2021-03").year == 2021


def test_periods_order_by_first_then_last_day() -> None:
    texts = ["2021", "2021-Q1", "2020-end", "2021-01-01", "2021-01/2021-06"]
    ordered = sorted([None, *map(parse_period, texts)], key=order_key)
    assert [p.text if p else None for p in ordered] == [
        None, "2020-end", "2021-01-01", "2021-Q1", "2021-01/2021-06", "2021",
    ]  # fmt: skip


# --- Formulas --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("a + b", 13.0),
        ("a - b", 7.0),
        ("b - a", -7.0),
        ("a * b", 30.0),
        ("a / b", 10 / 3),
        ("-a + b", -7.0),  # unary minus
        ("-(a - b)", -7.0),
        ("a * 100", 1000.0),  # a literal
        ("a / 2.5", 4.0),
        ("a + b * 2", 16.0),  # precedence
        ("(a + b) * 2", 26.0),
        ("a / b / 2", 10 / 3 / 2),  # left to right
        ("a - b - 1", 6.0),
    ],
)
def test_formulas_evaluate_as_arithmetic(formula: str, expected: float) -> None:
    assert evaluate(formula, {"a": 10.0, "b": 3.0}, float) == pytest.approx(expected)


def test_formulas_over_intervals() -> None:
    result = evaluate("a - b", {"a": Interval(10, 11), "b": Interval(1, 2)}, point)
    assert result == Interval(8, 10)
    assert evaluate("-a * 2", {"a": Interval(1, 2)}, point) == Interval(-4, -2)


def test_names_in_a_formula() -> None:
    assert names_in("(core / gdp) * 100 - base") == {"core", "gdp", "base"}
    assert names_in("2 + 3") == set()


@pytest.mark.parametrize(
    "formula",
    ["a ** 2", "f(a)", "a.b", "True + a", "'x'", "a if b else c", "a // b", "a % b", "[a]",
     "a < b", "lambda: a", "", "a +", "x" * 501, "not a", "+a"],
)  # fmt: skip
def test_what_is_not_a_formula(formula: str) -> None:
    with pytest.raises(FormulaError):
        names_in(formula)


def test_a_formula_of_500_characters_is_allowed() -> None:
    formula = "a" + " + a" * 124 + "   "
    assert len(formula) == 500
    assert names_in(formula) == {"a"}


@pytest.mark.parametrize(
    ("formula", "dimensions", "expected"),
    [
        ("a + b", {"a": "RMB", "b": "RMB"}, "RMB"),
        ("a - b", {"a": "RMB", "b": "RMB"}, "RMB"),
        ("a + b", {"a": "RMB", "b": None}, "RMB"),  # an unknown dimension is not checked
        ("a + b", {"a": None, "b": "RMB"}, "RMB"),
        ("a / b", {"a": "RMB", "b": "people"}, None),  # a ratio has no single dimension
        ("a * b", {"a": "RMB", "b": "RMB"}, None),
        ("-a", {"a": "count"}, "count"),
        ("a + 1", {"a": "count"}, "count"),
        ("a / b * 100 + c", {"a": "RMB", "b": "RMB", "c": None}, None),
    ],
)
def test_the_dimension_of_a_formula(
    formula: str, dimensions: dict[str, str | None], expected: str | None
) -> None:
    assert dimension_of(formula, dimensions) == expected


@pytest.mark.parametrize(
    ("formula", "message"),
    [("a + b", "adds USD and RMB"), ("a - b", "subtracts USD and RMB"),
     ("a - -b", "subtracts USD and RMB"), ("(a + a) - b * 1 + b", "adds USD and RMB")],
)  # fmt: skip
def test_adding_different_dimensions_is_refused(formula: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        dimension_of(formula, {"a": "RMB", "b": "USD"})


def test_what_each_refusal_says() -> None:
    """The messages are the interface: they say what was wrong and what would be right."""
    with pytest.raises(FormulaError, match=r"^'a \+' is not a formula; use names, numbers, "
                       r"\+ - \* / and \( \)$"):  # fmt: skip
        names_in("a +")
    with pytest.raises(FormulaError, match=r"^'a \*\* 2' may use only names, numbers, "
                       r"\+ - \* / and \( \)$"):  # fmt: skip
        names_in("a ** 2")
    with pytest.raises(FormulaError, match=r"^'True' may use only names, numbers"):
        names_in("True")
    with pytest.raises(FormulaError, match=r"^formula is longer than 500 characters$"):
        names_in("x" * 501)
    with pytest.raises(ZeroDivisionError, match=r"^the divisor's interval contains zero$"):
        Interval(1, 2) / Interval(-1, 1)
    with pytest.raises(ValueError, match=r"^'21' is not a period; write YYYY, YYYY-MM, "
                       r"YYYY-MM-DD, YYYY-Qn, YYYY-end or FIRST/LAST$"):  # fmt: skip
        parse_period("21")


def test_the_first_years_of_the_calendar() -> None:
    assert parse_period("0001").start == date(1, 1, 1)
    assert parse_period("0002-Q1").end == date(2, 3, 31)
    with pytest.raises(ValueError, match="year 0 does not exist"):
        parse_period("0000")

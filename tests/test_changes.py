"""The rules of a computed change, each at its boundary: a made-up series per case."""

from __future__ import annotations

from datetime import date

import pytest

from szfacts.knowledge.base import KnowledgeBase
from szfacts.questions.changes import span_between, to_significant
from szfacts.questions.compare import trend
from szfacts.reading.loader import parse

HEAD = """format = 1
[[units]]
name = "people"
dimension = "people"
factor = 1
[[units]]
name = "million people"
dimension = "people"
factor = 1e6
[[sources]]
id = "s"
title = "T"
kind = "news article"
publisher = "P"
published = "2024"
origin = "O"
language = "en"
paragraphs = 9
[[entities]]
id = "city"
kind = "city"
name = "City"
aliases = []
[[indicators]]
id = "count"
name = "Count"
unit = "people"
definition = "A count."
[[indicators]]
id = "share"
name = "Share"
unit = "percent of GDP"
definition = "A share."
"""


def series(*figures: tuple[str, str, str, str]) -> KnowledgeBase:
    """A knowledge base holding one figure per (indicator, period, value, extra TOML)."""
    text = HEAD
    for number, (indicator, period, value, more) in enumerate(figures):
        unit = "percent of GDP" if indicator == "share" else "people"
        extra = more.replace("million", "")
        if "million" in more:
            unit = "million people"
        text += (
            f'[[observations]]\nid = "o{number}"\nindicator = "{indicator}"\nentity = "city"\n'
            f'period = "{period}"\nvalue = {value}\nunit = "{unit}"\nsource = "s"\n'
            f"paragraphs = [1]\n{extra}\n"
        )
    return parse(text.encode())


def points(kb: KnowledgeBase, indicator: str = "count") -> list[dict[str, object]]:
    found = trend(kb, "city", indicator)[2]
    return [
        {"change": p.change, "relative": p.relative_change,
         "unit": p.detail.unit if p.detail else None, "span": p.detail.span if p.detail else None,
         "yearly": p.detail.yearly if p.detail else None,
         "yearly_relative": p.detail.yearly_relative if p.detail else None,
         "broken": p.detail.broken_by if p.detail else None}
        for p in found
    ]  # fmt: skip


def test_a_share_changes_in_percentage_points_with_no_relative_change() -> None:
    later = points(series(("share", "2020", "30.5", ""), ("share", "2021", "30.6", "")), "share")
    assert (later[1]["change"], later[1]["unit"], later[1]["relative"]) == (
        0.1, "percentage points", None
    )  # fmt: skip


def test_a_count_changes_in_its_unit_with_a_relative_change() -> None:
    later = points(series(("count", "2020", "200", ""), ("count", "2021", "250", "")))
    assert (later[1]["change"], later[1]["unit"], later[1]["relative"]) == (50, "people", 25.0)


@pytest.mark.parametrize(
    ("first", "last", "span", "years"),
    [
        (date(2019, 12, 31), date(2020, 12, 31), "1 year", 1),
        (date(2019, 12, 31), date(2021, 12, 31), "2 years", 2),
        (date(2021, 12, 31), date(2022, 12, 31), "1 year", 1),
        (date(2021, 12, 31), date(2022, 6, 30), "6 months", None),
        (date(2021, 11, 30), date(2022, 11, 30), "1 year", 1),  # twelve month ends
        (date(2020, 1, 31), date(2020, 2, 29), "1 month", None),  # leap February ends
        (date(2020, 7, 26), date(2020, 8, 14), "19 days", None),
        (date(2020, 8, 14), date(2020, 8, 15), "1 day", None),
        (date(2020, 12, 30), date(2021, 12, 31), "366 days", None),  # not a month end
    ],
)
def test_span_between(first: date, last: date, span: str, years: int | None) -> None:
    assert span_between(first, last) == (span, years)


def test_a_gap_says_so_and_gives_the_yearly_average() -> None:
    found = points(series(("count", "2019", "100", ""), ("count", "2021", "121", "")))
    assert (found[1]["span"], found[1]["change"], found[1]["yearly"]) == ("2 years", 21, 10.5)
    assert found[1]["relative"] == 21.0
    assert found[1]["yearly_relative"] == 10.0  # 1.1 squared is 1.21


def test_adjacent_years_have_no_yearly_average() -> None:
    found = points(series(("count", "2020", "100", ""), ("count", "2021", "121", "")))
    assert (found[1]["span"], found[1]["yearly"], found[1]["yearly_relative"]) == (
        "1 year", None, None
    )  # fmt: skip


def test_no_change_is_computed_across_a_series_break() -> None:
    kb = series(
        ("count", "2019", "100", ""),
        ("count", "2020", "150", 'series_break = "a census"'),
        ("count", "2021", "160", ""),
    )
    found = points(kb)
    assert (found[1]["change"], found[1]["relative"], found[1]["broken"]) == (None, None, "o1")
    assert (found[2]["change"], found[2]["broken"]) == (10, None)  # after the break: computed


def test_a_break_within_a_year_stops_the_change_into_it_only() -> None:
    kb = series(
        ("count", "2019", "100", ""),
        ("count", "2020-06", "150", 'series_break = "a new method"'),
        ("count", "2021", "160", ""),
    )
    found = points(kb)
    assert found[1]["broken"] == "o1"
    assert found[2]["change"] == 10  # from the break figure on, the new basis


def test_the_change_keeps_the_decimals_of_the_less_precise_figure() -> None:
    found = points(series(("count", "2020", "2", ""), ("count", "2021", "2.24", "")))
    assert found[1]["change"] == 0  # 2 is known to the unit: 0.24 is below what it can say
    assert found[1]["relative"] == 10.0  # one significant digit, as 2 has


def test_a_change_converted_to_a_smaller_unit_keeps_its_precision() -> None:
    # 17.56 million is known to the ten thousand; 17.6816 million to the hundred.
    kb = series(("count", "2020", "17.56", "million"), ("count", "2021", "17.6816", "million"))
    found = points(kb)
    assert found[1]["change"] == 120000
    assert found[1]["relative"] == 0.69


def test_bounds_give_no_change() -> None:
    found = points(
        series(("count", "2020", "100", ""), ("count", "2021", "120", 'qualifier = "over"'))
    )
    assert (found[1]["change"], found[1]["relative"], found[1]["span"]) == (None, None, "1 year")


@pytest.mark.parametrize(
    ("number", "figures", "rounded"),
    [
        (12.0, 1, 10.0),
        (12.0, 2, 12.0),
        (0.0123, 2, 0.012),
        (-3.29, 2, -3.3),
        (0.0, 3, 0.0),
        (999.0, 2, 1000.0),
    ],
)
def test_to_significant(number: float, figures: int, rounded: float) -> None:
    assert to_significant(number, figures) == rounded
